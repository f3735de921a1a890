import { BioRramNetwork } from '../agents/bio-rram/network'
import { QTableAgent } from '../agents/q-table/q-table'
import type { Agent } from '../agents/types'

/** The maps of an agent's learned state after a trial (what a snapshot stores and a live frame shows). */
export const STATE_LAYERS = ['thresholds', 'synapses', 'visits', 'path', 'kinds'] as const
export type StateLayerName = (typeof STATE_LAYERS)[number]

/**
 * Units of a layer's values. S: conductance; A: read current; theta0: threshold over θ0; count: visits;
 * cell: path of cell indices; q: Q value; kind: threshold state 0 rest, 1 rewarded, 2 penalised, 3 relaxed.
 */
export const STATE_UNITS = ['S', 'A', 'count', 'cell', 'theta0', 'q', 'kind'] as const
export type StateUnit = (typeof STATE_UNITS)[number]

/** One map: row-major, `values.length / (width × height)` stacked grids (synapses: 8, N first clockwise); a path is cell indices. */
export interface StateLayer {
  layer: StateLayerName
  unit: StateUnit
  width: number
  height: number
  /** Stacked row-major grids (float32) or, for a path, int32 cell indices. */
  values: Float32Array | Int32Array
}

/**
 * Every map of the agent's learned state: the trial's path, visits over the run so far, and for the bio
 * network thresholds, all 8 synapse planes and the kind of each threshold (with thresholds and synapses,
 * the device state a new run can start from); for tabular Q its 8 planes of Q values; DQN has no maps.
 */
export function stateLayers(agent: Agent, width: number, height: number, visits: Uint32Array): StateLayer[] {
  const cells = width * height
  const layers: StateLayer[] = [
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
