import type { Grid } from '../env/grid'

/**
 * What every agent (bio-inspired RRAM network, tabular Q, DQN) offers the trial loop.
 * Positions are grid cell indices (row-major, as in env/grid.ts). An agent is built for one
 * grid size; `setLayout` swaps walls/goals between trials (a dynamic maze) and keeps what it learned.
 */
export type AgentKind = 'bio-rram' | 'q-table' | 'dqn'

/** Cumulative counters; the experiment loop reads them before and after a trial and takes the difference. */
export interface AgentCounters {
  /** Device reads (one per synapse integrated per tick for the bio network; 0 for software baselines). */
  reads: number
  sets: number
  resets: number
  /** Neuron spikes (moves and wall bumps). */
  spikes: number
  /** Programming energy (J) of all SETs and RESETs, from the device model. */
  programmingEnergyJ: number
  /** Σ over ticks of the summed synaptic read current (A) integrated that tick; × V_read × tick = integration energy. */
  integratedReadCurrentA: number
}

/** Result of one trial, written into a reused object (no allocation in the loop). */
export interface TrialOutcome {
  /** Agent time steps (ticks) spent, ≤ the step budget. */
  steps: number
  reachedGoal: boolean
  /** Moves made (cells entered). */
  pathLength: number
  /** Cell where the trial ended. */
  finalPosition: number
}

export interface TrialOptions {
  start: number
  maxSteps: number
  /** Evaluation trial: ε-greedy agents act greedily and do not learn. The bio network has no ε and ignores it. */
  greedy: boolean
  /** Keep the visited cells of this trial for `lastPath()` (snapshots). */
  recordPath: boolean
}

export interface Agent {
  readonly kind: AgentKind
  /** Memory elements: devices for the bio network, table entries for Q, trainable parameters for DQN. */
  readonly memoryElements: number
  /** A one-line description of the architecture (shown next to the memory-element count). */
  readonly architecture: string
  readonly counters: AgentCounters
  /** Use this layout from the next trial on (same width and height as the agent was built for). */
  setLayout(grid: Grid): void
  runTrial(options: TrialOptions, outcome: TrialOutcome): void
  /** The cells visited in the last trial run with `recordPath` (start first). */
  lastPath(): Int32Array
}

export function newCounters(): AgentCounters {
  return { reads: 0, sets: 0, resets: 0, spikes: 0, programmingEnergyJ: 0, integratedReadCurrentA: 0 }
}

export function newOutcome(): TrialOutcome {
  return { steps: 0, reachedGoal: false, pathLength: 0, finalPosition: -1 }
}

/** Throws when a layout does not fit the size the agent was built for. */
export function checkLayoutSize(grid: Grid, width: number, height: number): void {
  if (grid.width !== width || grid.height !== height) {
    throw new RangeError(`layout is ${grid.width}×${grid.height}, the agent was built for ${width}×${height}`)
  }
}
