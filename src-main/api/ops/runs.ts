import { z } from 'zod'
import { runStatusSchema, runSummarySchema, tagSchema, trialRecordSchema } from '../schemas/run'
import { op } from './op'

const runId = z.object({ id: z.number().int().positive() }).strict()

export const runsOps = {
  'runs.list': op(z.object({ status: runStatusSchema.optional() }).strict(), z.array(runSummarySchema)),
  'runs.get': op(runId, runSummarySchema),
  'runs.spec': op(runId, z.unknown()),
  'runs.trials': op(runId, z.array(trialRecordSchema)),
  'runs.update': op(
    z
      .object({
        id: z.number().int().positive(),
        name: z.string().trim().min(1, 'a run needs a name').max(200).optional(),
        tags: z.array(tagSchema).max(50).optional(),
        notes: z.string().max(100_000).optional()
      })
      .strict(),
    runSummarySchema
  ),
  'runs.delete': op(runId, z.object({ deleted: z.number().int() }))
}

export const runsEvents = {
  /** A run's progress: the newest trial count and its status. */
  'runs.progress': z.object({ runId: z.number().int(), trial: z.number().int(), of: z.number().int(), status: runStatusSchema })
}
