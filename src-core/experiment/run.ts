import { BioRramNetwork } from '../agents/bio-rram/network'
import type { BioRramStateData } from '../agents/bio-rram/state'
import { DqnAgent } from '../agents/dqn/dqn'
import { QTableAgent } from '../agents/q-table/q-table'
import { newCounters, newOutcome, type Agent, type AgentCounters } from '../agents/types'
import { createDeviceModel } from '../device/model'
import type { DevicePreset } from '../device/types'
import { createBfsWorkspace, shortestStepsToGoal } from '../env/bfs'
import type { Grid } from '../env/grid'
import { indexOf } from '../env/grid-ops'
import { resolveTrial } from '../env/schedule'
import { RandomStream } from '../random'
import { trialEnergy } from './energy'
import type { ResolvedEnvironment } from './resolve'
import type { AgentSpec, RunSpec } from './spec'
import { stateLayers } from './state-layers'
import type { Snapshot, TrialRecord, TrialState } from './trial-record'

export interface ExperimentHooks {
  onTrial?(record: TrialRecord): void
  onSnapshot?(snapshot: Snapshot): void
  /** Asked before every trial: true stops the run (cancel). A worker may block here while paused. */
  shouldStop?(): boolean
  /** Transfer learning: the learned state named by `spec.initialState`, resolved by the caller. */
  initialState?: BioRramStateData
}

export interface ExperimentResult {
  records: TrialRecord[]
  /** True when `shouldStop` ended the run early. */
  stopped: boolean
  memoryElements: number
  architecture: string
}

/** Build the agent a spec asks for, on the first layout's size, with its own random stream. */
export function createAgent(agent: AgentSpec, grid: Grid, preset: DevicePreset, rng: RandomStream): Agent {
  switch (agent.kind) {
    case 'bio-rram':
      return new BioRramNetwork(grid, agent, createDeviceModel(preset), rng)
    case 'q-table':
      return new QTableAgent(grid, agent, rng)
    case 'dqn':
      return new DqnAgent(grid, agent, rng)
  }
}

function diff(after: AgentCounters, before: AgentCounters, out: AgentCounters): AgentCounters {
  out.reads = after.reads - before.reads
  out.sets = after.sets - before.sets
  out.resets = after.resets - before.resets
  out.spikes = after.spikes - before.spikes
  out.programmingEnergyJ = after.programmingEnergyJ - before.programmingEnergyJ
  out.integratedReadCurrentA = after.integratedReadCurrentA - before.integratedReadCurrentA
  return out
}

/**
 * The trial-by-trial loop as a generator: each `next()` runs one trial and yields its record, so a
 * worker can post it, pause or cancel between trials. Same spec + seed ⇒ identical records.
 * `onState`, when given, is offered the learned state after every trial (just before its record is
 * yielded): the agent then records its path and the loop counts visits.
 */
export function* experimentTrials(
  spec: RunSpec,
  env: ResolvedEnvironment,
  preset: DevicePreset,
  onState?: (state: TrialState) => void,
  onAgent?: (agent: Agent) => void,
  initialState?: BioRramStateData
): Generator<TrialRecord, void, void> {
  const first = resolveTrial(env.schedule, 1)
  const grid0 = env.layouts[first.layoutId]
  // One root stream per run; the agent owns a split of it (room for other consumers later).
  const root = RandomStream.fromSeed(spec.seed)
  const agent = createAgent(spec.agent, grid0, preset, root.split())
  if (initialState) {
    // Transfer learning: the spec names the source (`initialState`), the caller resolved it.
    if (!(agent instanceof BioRramNetwork)) throw new RangeError(`a learned device state can start a bio-rram run only, not ${agent.kind}`)
    agent.loadState(initialState)
  }
  if (agent instanceof BioRramNetwork) {
    const t = spec.hardwareTime
    agent.setTiming(spec.tickSeconds, t.spikeUs * 1e-6, t.burstTicks, t.cutoffUs === null ? null : t.cutoffUs * 1e-6)
  }
  onAgent?.(agent)
  const cutoffS = spec.hardwareTime.cutoffUs === null ? Infinity : spec.hardwareTime.cutoffUs * 1e-6
  const outcome = newOutcome()
  const before = newCounters()
  const delta = newCounters()
  const snapshotTrials = new Set(spec.snapshots.trials)
  snapshotTrials.add(spec.trials)
  const wantState = onState !== undefined
  const visits = new Uint32Array(wantState ? grid0.width * grid0.height : 0)
  const bfs = createBfsWorkspace(grid0.width * grid0.height)
  const shortestCache = new Map<string, number>()
  let currentLayout = ''
  for (let trial = 1; trial <= spec.trials; trial++) {
    const { layoutId, start: startRc } = resolveTrial(env.schedule, trial)
    const grid = env.layouts[layoutId]
    if (layoutId !== currentLayout) {
      agent.setLayout(grid)
      currentLayout = layoutId
    }
    const start = indexOf(grid, startRc)
    const key = `${layoutId}@${start}`
    let shortest = shortestCache.get(key)
    if (shortest === undefined) {
      shortest = shortestStepsToGoal(grid, start, { workspace: bfs })
      shortestCache.set(key, shortest)
    }
    Object.assign(before, agent.counters)
    const greedy = spec.finalTrialGreedy && trial === spec.trials
    agent.runTrial({ start, maxSteps: spec.maxStepsPerTrial, greedy, recordPath: wantState }, outcome)
    diff(agent.counters, before, delta)
    // The measured window: the bio network's own timing, else steps × tick (software baselines).
    let timeS: number
    let spikes = delta.spikes
    let chargeTicks = delta.integratedReadCurrentA
    if (agent instanceof BioRramNetwork) {
      const tm = agent.lastTiming()
      timeS = tm.timeS
      spikes = tm.windowSpikes
      chargeTicks = tm.windowChargeTicks
    } else timeS = outcome.steps * spec.tickSeconds
    const timedOut = timeS > cutoffS
    if (timedOut) timeS = cutoffS
    const energy = trialEnergy(delta, { spikes, chargeTicks, timeS }, spec.tickSeconds, preset.vReadV, spec.energy)
    const record: TrialRecord = {
      trial,
      layoutId,
      start,
      steps: outcome.steps,
      timeUs: timeS * 1e6,
      timedOut,
      // The hardware's reading: a time-out did not reach the goal within the trial (the agent went on to it).
      reachedGoal: outcome.reachedGoal && !timedOut,
      pathLength: outcome.pathLength,
      shortestPath: Number.isFinite(shortest) ? shortest : null,
      spikes: delta.spikes,
      greedy,
      ops: { reads: delta.reads, sets: delta.sets, resets: delta.resets },
      energyJ: energy
    }
    if (wantState) {
      const path = agent.lastPath()
      for (let i = 0; i < path.length; i++) visits[path[i]]++
      const { width, height } = grid
      onState({ trial, layoutId, width, height, snapshot: snapshotTrials.has(trial), layers: () => stateLayers(agent, width, height, visits) })
    }
    yield record
  }
}

/** Run a whole spec synchronously, trial by trial, calling the hooks. */
export function runExperiment(spec: RunSpec, env: ResolvedEnvironment, preset: DevicePreset, hooks: ExperimentHooks = {}): ExperimentResult {
  const records: TrialRecord[] = []
  let memoryElements = 0
  let architecture = ''
  const onSnapshot = hooks.onSnapshot
  const trials = experimentTrials(
    spec,
    env,
    preset,
    onSnapshot && ((s) => s.snapshot && onSnapshot({ trial: s.trial, layoutId: s.layoutId, width: s.width, height: s.height, direction: spec.snapshots.direction, layers: s.layers() })),
    (a) => {
      memoryElements = a.memoryElements
      architecture = a.architecture
    },
    hooks.initialState
  )
  let stopped = false
  for (;;) {
    if (hooks.shouldStop?.()) {
      stopped = true
      break
    }
    const next = trials.next()
    if (next.done) break
    records.push(next.value)
    hooks.onTrial?.(next.value)
  }
  return { records, stopped, memoryElements, architecture }
}
