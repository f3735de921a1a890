import { BioRramNetwork } from '../../../src-core/agents/bio-rram/network'
import { DqnAgent } from '../../../src-core/agents/dqn/dqn'
import { QTableAgent } from '../../../src-core/agents/q-table/q-table'
import { newOutcome, type Agent } from '../../../src-core/agents/types'
import { BUILTIN_PRESETS, createDeviceModel } from '../../../src-core/device'
import { BUILTIN_ENVIRONMENTS, indexOf, readJsonMaze, resolveTrial, shortestStepsToGoal, type Grid } from '../../../src-core/env'
import { RandomStream } from '../../../src-core/random'
import type { TrialRecord } from '../../api/schemas/run'
import type { SnapshotLayerArrays } from '../store/snapshots-repo'
import type { InterimRunSpec } from './spec-adapter'

/** Read voltage of the synapses, V. Science README §1: not in the sources; our default 0.1 V. */
const V_READ_V = 0.1

export interface ProtocolHooks {
  onTrial(record: TrialRecord): void
  /** Learned state after `trial`: called when `wantsState(trial)` said yes. */
  onState(trial: number, layers: () => SnapshotLayerArrays[]): void
  wantsState(trial: number): boolean
  /** Asked between trials: stop now (cancel). May block while paused. */
  shouldStop(): boolean
}

function buildEnvironment(spec: InterimRunSpec): { layouts: Record<string, Grid>; schedule: ReturnType<typeof BUILTIN_ENVIRONMENTS[string]['build']>['schedule'] } {
  if ('builtin' in spec.environment) return BUILTIN_ENVIRONMENTS[spec.environment.builtin].build()
  const layouts: Record<string, Grid> = {}
  for (const [id, maze] of Object.entries(spec.environment.inline.layouts)) layouts[id] = readJsonMaze(JSON.stringify(maze)).grid
  return { layouts, schedule: spec.environment.inline.schedule }
}

function buildAgent(spec: InterimRunSpec, grid: Grid, rng: RandomStream): Agent {
  const a = spec.agent
  if (a.kind === 'bio-rram') return new BioRramNetwork(grid, a, createDeviceModel(BUILTIN_PRESETS.find((p) => p.name === spec.devicePreset)!), rng)
  if (a.kind === 'q-table') return new QTableAgent(grid, a, rng)
  return new DqnAgent(grid, a, rng)
}

function stateLayers(agent: Agent, grid: Grid): SnapshotLayerArrays[] {
  const { width, height } = grid
  const path: SnapshotLayerArrays = { layer: 'path', unit: 'cell', width, height, values: agent.lastPath() }
  if (!(agent instanceof BioRramNetwork)) return [path]
  const synapses = new Float32Array(width * height * 8)
  for (let d = 0; d < 8; d++) synapses.set(agent.synapseMap(d), d * width * height)
  return [
    path,
    { layer: 'thresholds', unit: 'theta0', width, height, values: agent.thresholdMap() },
    { layer: 'synapses', unit: 'S', width, height, values: synapses },
    { layer: 'visits', unit: 'count', width, height, values: Float32Array.from(agent.visitMap()) }
  ]
}

/**
 * Run a spec trial by trial. INTERIM stand-in for src-core/experiment's runExperiment (not landed):
 * the same agent contract, schedule and BFS; energy only from counters the agents keep
 * (integration = Σ read current × V_read × tick; controller = programming energy of SETs/RESETs;
 * firing not modelled yet, 0). Replace with the core's loop and map its TrialRecord here.
 */
export function runProtocol(spec: InterimRunSpec, seed: number, hooks: ProtocolHooks): 'done' | 'cancelled' {
  const root = RandomStream.fromSeed(seed)
  const env = buildEnvironment(spec)
  const first = resolveTrial(env.schedule, 1)
  const agent = buildAgent(spec, env.layouts[first.layoutId], root)
  const outcome = newOutcome()
  let layoutId = ''
  for (let trial = 1; trial <= spec.trials; trial++) {
    if (hooks.shouldStop()) return 'cancelled'
    const r = resolveTrial(env.schedule, trial)
    const grid = env.layouts[r.layoutId]
    if (r.layoutId !== layoutId) {
      agent.setLayout(grid)
      layoutId = r.layoutId
    }
    const start = indexOf(grid, r.start)
    const c = agent.counters
    const before = { reads: c.reads, sets: c.sets, resets: c.resets, spikes: c.spikes, prog: c.programmingEnergyJ, cur: c.integratedReadCurrentA }
    const wantsState = hooks.wantsState(trial)
    agent.runTrial({ start, maxSteps: spec.maxStepsPerTrial, greedy: false, recordPath: wantsState }, outcome)
    const shortest = shortestStepsToGoal(grid, start)
    hooks.onTrial({
      trial,
      steps: outcome.steps,
      timeUs: outcome.steps * spec.tickSeconds * 1e6,
      reachedGoal: outcome.reachedGoal,
      pathLength: outcome.pathLength,
      shortestPath: shortest >= 0 ? shortest : null,
      spikes: c.spikes - before.spikes,
      ops: { reads: c.reads - before.reads, sets: c.sets - before.sets, resets: c.resets - before.resets },
      energyJ: { fire: 0, integration: Math.max(0, (c.integratedReadCurrentA - before.cur) * V_READ_V * spec.tickSeconds), controller: Math.max(0, c.programmingEnergyJ - before.prog) },
      layoutId: r.layoutId
    })
    if (wantsState) hooks.onState(trial, () => stateLayers(agent, grid))
  }
  return 'done'
}
