import { z } from 'zod'

/**
 * What each figure reports (`reproduce --json`, the Paper view), units in the names. Every figure may
 * carry `partial: true`: a cancelled reproduction reports what finished.
 */
const count = z.number().int().nonnegative()
const partial = { partial: z.literal(true).optional() }

export const table1ResultSchema = z.object({
  cells: z.array(z.object({ iComplianceUA: z.number(), vStopV: z.number(), accuracy: z.number().min(0).max(1).nullable(), seeds: count })),
  ...partial
})
export const fig4bResultSchema = z.object({
  cutoffUs: z.number().nonnegative(),
  trials: z.array(z.object({ trial: z.number().int().positive(), layout: z.string(), medianTimeUs: z.number().nonnegative(), timeouts: count, seeds: count })),
  /**
   * Per maze phase (a maximal run of trials on one layout), per seed in seed order: its time-outs, and its trials of
   * time-outs and re-learning (a time-out, or a time to reward above twice the seed's own converged time on that
   * layout, the median of the phase's last 10 trials). The paper's hardware is one run, one draw of these. Absent from
   * results reduced before they were added.
   */
  phases: z
    .array(
      z.object({
        layout: z.string(),
        firstTrial: z.number().int().positive(),
        lastTrial: z.number().int().positive(),
        timeoutsPerSeed: z.array(count),
        relearningPerSeed: z.array(count),
        /**
         * A phase after a change, per seed: whether its path on the trial before the phase (a stored snapshot) crosses a
         * cell that this phase's layout walls off — the route it had learned is blocked now (null: no path stored for
         * that trial). Absent when no path was read (runs without snapshots, results reduced before it was added).
         */
        blockedPerSeed: z.array(z.boolean().nullable()).optional(),
        /** With blockedPerSeed: whether the seed timed out on the phase's first trial. */
        firstTimedOutPerSeed: z.array(z.boolean()).optional()
      })
    )
    .optional(),
  /** The seed of each entry of the phases' per-seed arrays (absent from results reduced before it was added). */
  seeds: z.array(z.number().int()).optional(),
  /** The notebook's run id of each entry (a reproduction's stored runs; absent outside the notebook). */
  runIds: z.array(z.number().int().positive()).optional(),
  ...partial
})
export const fig4cResultSchema = z.object({
  trials: z.array(z.object({ trial: z.number().int().positive(), fireJ: z.number().nonnegative(), integrationJ: z.number().nonnegative(), controllerJ: z.number().nonnegative() })),
  ...partial
})
export const fig4fResultSchema = z.object({
  cells: z.array(z.object({ agent: z.enum(['bio-rram', 'dqn']), trials: z.number().int(), stepsPerTrial: z.number().int(), accuracy: z.number().min(0).max(1).nullable(), seeds: count })),
  ...partial
})
export const fig4gResultSchema = z.object({
  rows: z.array(z.object({ positions: z.number().int().positive(), bioRram: count, qTable: count, dqn: count })),
  /** How each column is counted (architecture of each agent). */
  architectures: z.object({ bioRram: z.string(), qTable: z.string(), dqn: z.string() }),
  ...partial
})
export const fig5dResultSchema = z.object({
  shortestMoves: count.nullable(),
  trials: z.array(z.object({ trial: z.number().int().positive(), meanMoves: z.number(), sdMoves: z.number(), medianMoves: z.number(), reachedShare: z.number().min(0).max(1) })),
  ...partial
})
export const fig5gResultSchema = z.object({
  trials: z.array(z.object({ trial: z.number().int().positive(), beforeMeanMoves: z.number().nullable(), afterMeanMoves: z.number().nullable() })),
  ...partial
})

export const figureResultSchemas = {
  table1: table1ResultSchema,
  fig4b: fig4bResultSchema,
  fig4c: fig4cResultSchema,
  fig4f: fig4fResultSchema,
  fig4g: fig4gResultSchema,
  fig5d: fig5dResultSchema,
  fig5g: fig5gResultSchema
} as const

export type Table1Result = z.infer<typeof table1ResultSchema>
export type Fig4bResult = z.infer<typeof fig4bResultSchema>
export type Fig4cResult = z.infer<typeof fig4cResultSchema>
export type Fig4fResult = z.infer<typeof fig4fResultSchema>
export type Fig4gResult = z.infer<typeof fig4gResultSchema>
export type Fig5dResult = z.infer<typeof fig5dResultSchema>
export type Fig5gResult = z.infer<typeof fig5gResultSchema>

export interface FigureResults {
  table1: Table1Result
  fig4b: Fig4bResult
  fig4c: Fig4cResult
  fig4f: Fig4fResult
  fig4g: Fig4gResult
  fig5d: Fig5dResult
  fig5g: Fig5gResult
}
export type FigureResult = FigureResults[keyof FigureResults]
