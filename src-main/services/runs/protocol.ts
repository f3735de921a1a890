import { BioRramNetwork } from '../../../src-core/agents/bio-rram/network'
import { QTableAgent } from '../../../src-core/agents/q-table/q-table'
import type { BioRramStateData } from '../../../src-core/agents/bio-rram/state'
import type { Agent } from '../../../src-core/agents/types'
import { experimentTrials, resolveEnvironment, resolvePreset, toStoredTrial, type RunSpec, type StoredTrialRecord } from '../../../src-core/experiment'
import type { SnapshotLayerArrays } from '../store/snapshots-repo'

export interface ProtocolHooks {
  /** No maps wanted (sweep cells): the agent records no path and no state is computed. */
  lean?: boolean
  onTrial(record: StoredTrialRecord): void
  /**
   * Learned state after `trial`; `layers` computes the maps only when called. `stored`: keep it as a
   * snapshot (the spec's snapshot trials, the last trial, and the last trial done before a cancel).
   */
  onState(trial: number, layers: () => SnapshotLayerArrays[], stored: boolean): void
  /** Asked before every trial: stop now (cancel). May block while paused. */
  shouldStop(): boolean
  /** Transfer learning: the learned state the spec's `initialState` names (resolved by main). */
  initialState?: BioRramStateData
}

/**
 * Every map of the agent's learned state: path, visits, and for the bio network thresholds, all 8
 * synapse planes and the kind of each threshold (0 rest, 1 rewarded, 2 penalised, 3 relaxed: with
 * thresholds and synapses, the device state a new run can start from).
 */
function stateLayers(agent: Agent, width: number, height: number, visits: Uint32Array): SnapshotLayerArrays[] {
  const cells = width * height
  const layers: SnapshotLayerArrays[] = [
    { layer: 'path', unit: 'cell', width, height, values: agent.lastPath() },
    { layer: 'visits', unit: 'count', width, height, values: Float32Array.from(visits) }
  ]
  if (agent instanceof BioRramNetwork) {
    const synapses = new Float32Array(cells * 8)
    for (let d = 0; d < 8; d++) synapses.set(agent.synapseMap(d), d * cells)
    layers.push({ layer: 'thresholds', unit: 'theta0', width, height, values: agent.thresholdMap() })
    layers.push({ layer: 'synapses', unit: 'S', width, height, values: synapses })
    layers.push({ layer: 'kinds', unit: 'kind', width, height, values: Float32Array.from(agent.kindMap()) })
  } else if (agent instanceof QTableAgent) {
    const q = new Float32Array(cells * 8)
    for (let d = 0; d < 8; d++) for (let i = 0; i < cells; i++) q[d * cells + i] = agent.q[i * 8 + d]
    layers.push({ layer: 'synapses', unit: 'q', width, height, values: q })
  }
  return layers
}

/**
 * Run a validated spec with src-core's trial loop, one trial per step of its generator, and map its
 * records to the stored trial shape (the core's `start` and `greedy` are not stored).
 */
export function runProtocol(spec: RunSpec, hooks: ProtocolHooks): 'done' | 'cancelled' {
  const env = resolveEnvironment(spec)
  const preset = resolvePreset(spec.devicePreset)
  let agent: Agent | null = null
  const stored = new Set<number>()
  const trials = experimentTrials(spec, env, preset, hooks.lean ? undefined : (s) => stored.add(s.trial), (a) => (agent = a), hooks.initialState)
  let visits: Uint32Array | null = null
  // The state after the newest trial, kept so a cancelled run still stores where it stopped.
  let newest: { trial: number; layers: () => SnapshotLayerArrays[] } | null = null
  for (;;) {
    if (hooks.shouldStop()) {
      if (newest && !stored.has(newest.trial)) hooks.onState(newest.trial, newest.layers, true)
      return 'cancelled'
    }
    const next = trials.next()
    if (next.done) return 'done'
    const r = next.value
    hooks.onTrial(toStoredTrial(r))
    const a = agent as Agent | null
    if (!a || hooks.lean) continue
    const grid = env.layouts[r.layoutId]
    visits ??= new Uint32Array(grid.width * grid.height)
    const path = a.lastPath()
    for (let i = 0; i < path.length; i++) visits[path[i]]++
    const v = visits
    newest = { trial: r.trial, layers: () => stateLayers(a, grid.width, grid.height, v) }
    hooks.onState(r.trial, newest.layers, stored.has(r.trial))
  }
}
