import { z } from 'zod'
import type { StateLayer } from './state-layers'

/** One trial of a run, as the experiment loop emits it (docs/experiment-spec.md). */
export const trialRecordSchema = z.strictObject({
  trial: z.number().int().positive(),
  layoutId: z.string(),
  /** Start cell index (row-major). */
  start: z.number().int().nonnegative(),
  /** Agent ticks spent (= the cut-off when the goal was not reached). */
  steps: z.number().int().nonnegative(),
  /**
   * Hardware time to reward (or to the end of the trial), µs, from the time model (experiment/hardware-time.ts:
   * bio network decision by decision, with burst recall; baselines steps × tick). A time-out reads the cut-off.
   */
  timeUs: z.number().nonnegative(),
  /** The trial passed the spec's cut-off (hardwareTime.cutoffUs) before the goal. Absent in older records. */
  timedOut: z.boolean().optional(),
  /** The goal was reached within the trial's budget: its steps and, if set, its cut-off (false on a time-out). */
  reachedGoal: z.boolean(),
  /** Cells entered. */
  pathLength: z.number().int().nonnegative(),
  /** BFS moves from the start to the nearest goal; null when no goal is reachable. */
  shortestPath: z.number().int().nonnegative().nullable(),
  spikes: z.number().int().nonnegative(),
  /** The evaluation trial (ε-greedy agents acted greedily). */
  greedy: z.boolean(),
  ops: z.strictObject({ reads: z.number().int().nonnegative(), sets: z.number().int().nonnegative(), resets: z.number().int().nonnegative() }),
  energyJ: z.strictObject({
    fire: z.number().nonnegative(),
    integration: z.number().nonnegative(),
    controller: z.number().nonnegative(),
    programming: z.number().nonnegative()
  })
})

export type TrialRecord = z.infer<typeof trialRecordSchema>

const core = trialRecordSchema.shape

/**
 * One trial as the notebook stores it and the API and the CLI give it: derived from the core's record
 * (the one source of its fields), without what is not stored — `start` and `greedy`. A time-out reads
 * `reachedGoal: false` and `timedOut: true`; its `steps` below the step budget say the agent went on to the goal
 * after the cut-off. Runs stored before a column existed read null (`pathLength`, `spikes`) or lack it
 * (`energyJ.programming`, `layoutId`, `timedOut`).
 */
export const storedTrialRecordSchema = trialRecordSchema.pick({ trial: true, steps: true, timeUs: true, timedOut: true, reachedGoal: true, shortestPath: true, ops: true }).extend({
  pathLength: core.pathLength.nullable(),
  spikes: core.spikes.nullable(),
  energyJ: core.energyJ.extend({ programming: core.energyJ.shape.programming.optional() }),
  layoutId: core.layoutId.nullable().optional()
})

export type StoredTrialRecord = z.infer<typeof storedTrialRecordSchema>

/** The stored shape of a trial the loop just emitted (what a run worker posts and the notebook appends). */
export function toStoredTrial(r: TrialRecord): StoredTrialRecord {
  return {
    trial: r.trial,
    steps: r.steps,
    timeUs: r.timeUs,
    timedOut: r.timedOut,
    reachedGoal: r.reachedGoal,
    pathLength: r.pathLength,
    shortestPath: r.shortestPath,
    spikes: r.spikes,
    ops: r.ops,
    energyJ: r.energyJ,
    layoutId: r.layoutId
  }
}

/** The learned state after a trial, as the trial loop offers it to a caller that shows or stores it. */
export interface TrialState {
  trial: number
  layoutId: string
  width: number
  height: number
  /** A snapshot trial: one of the spec's `snapshots.trials`, or the last trial. */
  snapshot: boolean
  /** Every map (state-layers.ts), computed when called; valid until the next trial runs. */
  layers(): StateLayer[]
}

/** Learned state after a snapshot trial, for the maze canvas and the notebook: every map, grid-sized, row-major. */
export interface Snapshot {
  trial: number
  layoutId: string
  width: number
  height: number
  /** The spec's `snapshots.direction`: the synapse plane a reader shows first (all 8 are in `layers`). */
  direction: string
  layers: StateLayer[]
}
