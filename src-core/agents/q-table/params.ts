import { z } from 'zod'
import { baselineRewardsSchema, epsilonScheduleSchema } from '../rewards'

/** Tabular Q-learning baseline (Watkins): one value per (position, direction). Defaults are ours. */
export const qTableParamsSchema = z.strictObject({
  kind: z.literal('q-table'),
  /** Learning rate α. Our default 0.5 (deterministic moves tolerate a large step). */
  learningRate: z.number().positive().max(1).default(0.5),
  /** Discount γ. Our default 0.95. */
  discount: z.number().min(0).max(1).default(0.95),
  /** Initial Q value of every entry. Our default 0. */
  initialValue: z.number().default(0),
  exploration: epsilonScheduleSchema,
  rewards: baselineRewardsSchema
})

export type QTableParams = z.infer<typeof qTableParamsSchema>
