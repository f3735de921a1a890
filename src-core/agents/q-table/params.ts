import { z } from 'zod'
import { baselineRewardsSchema, epsilonScheduleWith, evaluationEpsilonSchema } from '../rewards'
import { extendedExplorationSchema } from './explore'

/** Tabular Q-learning baseline (Watkins 1989): one value per (position, direction), Q(λ) traces, εz-greedy. Defaults are ours (docs/agents.md). */
export const qTableParamsSchema = z.strictObject({
  kind: z.literal('q-table'),
  /** Learning rate α. Our default 0.5 (deterministic moves tolerate a large step; 1 with traces overshoots). */
  learningRate: z.number().positive().max(1).default(0.5),
  /** Discount γ. Our default 0.99 (the goal's value still reaches a start 27 moves away: 0.99^27 ≈ 0.76). */
  discount: z.number().min(0).max(1).default(0.99),
  /** Trace decay λ of Watkins's Q(λ) (Sutton & Barto 2018 §12.10): a TD error also updates the recently
   * visited entries, by (γλ)^age. 0 = one-step Q-learning. Our default 0.8. */
  traceDecay: z.number().min(0).max(1).default(0.8),
  /** Initial Q value of every entry. Our default 0. */
  initialValue: z.number().default(0),
  /** ε schedule. Our default ε = max(0.05, 0.3·0.95^(t−1)) on trial t: a table starting at 0 with a step cost is
   * already optimistic (untried actions look best), so less random exploration is needed than for a network. */
  exploration: epsilonScheduleWith(0.3),
  /** ε of the evaluation trial (rewards.ts): our default 0.05, as the DQN's — strictly greedy, 5 of 20 seeds circle until the
   * step budget after 60 trials of Bianchi maze 1 (docs/agents.md, "Tabular Q-learning"). */
  evaluationEpsilon: evaluationEpsilonSchema,
  /** How long an exploratory action is kept (εz-greedy, q-table/explore.ts). */
  extendedExploration: extendedExplorationSchema,
  rewards: baselineRewardsSchema
})

export type QTableParams = z.infer<typeof qTableParamsSchema>
