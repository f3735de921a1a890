import { z } from 'zod'
import { baselineRewardsSchema, epsilonScheduleSchema } from '../rewards'

/**
 * Deep Q-learning baseline (Mnih et al. 2015: replay buffer, target network, ε-greedy), a compact
 * MLP in plain TypeScript. Defaults are ours, sized for 30×30 mazes.
 */
export const dqnParamsSchema = z.strictObject({
  kind: z.literal('dqn'),
  /** State encoding: 'one-hot' (one input per position, so parameters grow with the environment,
   * our default) or 'coordinates' (row/height, column/width: 2 inputs). */
  input: z.enum(['one-hot', 'coordinates']).default('one-hot'),
  /** Hidden layer widths (ReLU). Our default one layer of 32. */
  hiddenLayers: z.array(z.number().int().min(1, { message: 'expected ≥ 1 unit' })).min(1).default([32]),
  /** Adam learning rate. Our default 1e-3. */
  learningRate: z.number().positive().default(1e-3),
  /** Discount γ. Our default 0.95. */
  discount: z.number().min(0).max(1).default(0.95),
  /** Replay buffer capacity (transitions). Our default 10 000. */
  replayCapacity: z.number().int().min(1).default(10_000),
  /** Minibatch size. Our default 32 (Mnih et al. 2015). */
  batchSize: z.number().int().min(1).default(32),
  /** Gradient steps start once this many transitions are stored. Our default 200. */
  warmupTransitions: z.number().int().min(1).default(200),
  /** One gradient step every this many agent steps. Our default 1. */
  trainEvery: z.number().int().min(1).default(1),
  /** Copy the online network into the target network every this many gradient steps. Our default 200. */
  targetSyncEvery: z.number().int().min(1).default(200),
  /** Huber loss threshold on the TD error. Our default 1 (Mnih et al. 2015 clip the error to [−1, 1]). */
  huberDelta: z.number().positive().default(1),
  exploration: epsilonScheduleSchema,
  rewards: baselineRewardsSchema
})

export type DqnParams = z.infer<typeof dqnParamsSchema>
