import { z } from 'zod'
import { extendedExplorationSchema } from '../q-table/explore'
import { baselineRewardsSchema, epsilonScheduleWith, evaluationEpsilonSchema } from '../rewards'

/**
 * Deep Q-learning baseline as current practice has it: Double DQN (van Hasselt et al. 2016) with a
 * target network, experience replay and Huber loss (Mnih et al. 2015), Adam (Kingma & Ba 2015),
 * ε-greedy with a per-trial schedule. Defaults are ours unless cited; docs/agents.md explains them.
 */
export const dqnParamsSchema = z.strictObject({
  kind: z.literal('dqn'),
  /** State encoding: 'one-hot' (one input per position, so parameters grow with the environment,
   * our default: a maze's walls make neighbouring cells' values unrelated, which coordinates would
   * force a small network to interpolate) or 'coordinates' (row/(height−1), column/(width−1): 2 inputs). */
  input: z.enum(['one-hot', 'coordinates']).default('one-hot'),
  /** Hidden layer widths (ReLU). Our default one layer of 32 (64 learns no better on the Bianchi mazes and runs slower). */
  hiddenLayers: z
    .array(z.number().int().min(1, { message: 'expected ≥ 1 unit' }))
    .min(1)
    .default([32]),
  /** Adam learning rate. Our default 1.5e-3 with minibatches of 128, chosen on seeds 101–116 (docs/agents.md); 3e-3 was
   * the default with minibatches of 32 (Adam's usual 1e-3 learned too slowly there within the paper's 35–70 trials). */
  learningRate: z.number().positive().default(1.5e-3),
  /** Discount γ. Our default 0.99 (Mnih et al. 2015). */
  discount: z.number().min(0).max(1).default(0.99),
  /** Replay buffer capacity (transitions). Our default 10 000; ring buffer, oldest overwritten. */
  replayCapacity: z.number().int().min(1).default(10_000),
  /** Minibatch size. Our default 128 (Mnih et al. 2015 use 32; 128 replays 4× more per step, chosen on seeds 101–108,
   * docs/agents.md). */
  batchSize: z.number().int().min(1).max(4096).default(128),
  /** Gradient steps start once this many transitions are stored. Our default 200. */
  warmupTransitions: z.number().int().min(1).default(200),
  /** One gradient step every this many agent steps. Our default 1. */
  trainEvery: z.number().int().min(1).default(1),
  /** Double DQN target (the online network picks s′'s action, the target network values it). Our default true. */
  double: z.boolean().default(true),
  /** Target network update: 'soft' (Polyak, θ⁻ ← θ⁻ + τ·(θ − θ⁻) every gradient step) or 'hard' (copy every
   * `targetSyncEvery` gradient steps). Our default soft. */
  targetUpdate: z.enum(['soft', 'hard']).default('soft'),
  /** τ of the soft update. Our default 0.01 (Lillicrap et al. 2016 use 0.001 for slower, longer runs). */
  targetTau: z.number().positive().max(1).default(0.01),
  /** Hard update period, gradient steps. Our default 200. */
  targetSyncEvery: z.number().int().min(1).default(200),
  /** n-step returns (Sutton 1988; Rainbow, Hessel et al. 2018): each stored transition carries the discounted
   * reward of the next n steps and bootstraps n steps ahead. Our default 5 (Rainbow uses 3; 5 carries the goal's reward back faster). */
  nStep: z.number().int().min(1).max(64).default(5),
  /**
   * Proportional prioritized replay (Schaul, Quan, Antonoglou & Silver, ICLR 2016; part of Rainbow): a transition
   * is drawn with probability ∝ (|TD error| + 10⁻⁶)^α, new ones at the largest priority so far, and its gradient is
   * weighted by (N·P)^−β / max. What the agent has not yet learned (a new wall, a newly found goal) is replayed first.
   */
  prioritizedReplay: z
    .strictObject({
      /** Our default true. */
      enabled: z.boolean().default(true),
      /** Priority exponent α. Our default 0.6 (Schaul et al. 2016, proportional variant). */
      alpha: z.number().min(0).max(1).default(0.6),
      /** Importance-sampling exponent β, fixed (Schaul et al. anneal 0.4 → 1 over far longer runs). Our default 0.4. */
      beta: z.number().min(0).max(1).default(0.4)
    })
    .prefault({}),
  /** Huber loss threshold on the TD error. Our default 1 (Mnih et al. 2015 clip the error to [−1, 1]). */
  huberDelta: z.number().positive().default(1),
  /** ε = max(0.05, 1 · decay^(t−1)); decay our default 0.85, chosen on seeds 101–108 with `countExploration` (docs/agents.md). */
  exploration: epsilonScheduleWith(1, 0.85),
  /** ε of the evaluation trial (rewards.ts): our default 0.05, Mnih et al. 2015 (docs/agents.md, "Dynamic maze"). */
  evaluationEpsilon: evaluationEpsilonSchema,
  /**
   * Change detection from the agent's own experience (docs/agents.md, "Dynamic maze"): the agent remembers
   * whether each (position, direction) it tried moved it or bumped; an outcome that contradicts the
   * remembered one means the world changed there. Never fires in a static environment.
   */
  changeDetection: z
    .strictObject({
      /** Our default true. */
      enabled: z.boolean().default(true),
      /** On a detected change ε restarts at this value (at once, in the running trial) and decays from there by
       * `exploration.epsilonDecay` per trial, the larger of it and the schedule: the schedule of trial 1 again.
       * Our default 1. */
      epsilon: z.number().min(0).max(1).default(1),
      /** A change is detected when a greedy choice is contradicted (the learned path meets a new wall, or a learned
       * wall has opened) at least this many trials after the last detected change; contradictions met while exploring
       * only drop transitions. Our default 10. */
      quietTrials: z.number().int().min(0).default(10),
      /** Skip, when acting greedily, the directions the agent last saw bump at this position (invalid-action
       * masking from its own experience, e.g. Huang & Ontañón 2022). Our default true. */
      maskBumps: z.boolean().default(true),
      /** Drop the stored transitions the new observation contradicts: those whose first step is the same position
       * and direction with the old outcome (a move where there is now a wall, or the reverse). Our default true. */
      dropContradicted: z.boolean().default(true)
    })
    .prefault({}),
  /**
   * Count-based exploration from the agent's own visit counts N(position) (learning trials only; greedy
   * trials count nothing). Off (`enabled: false`) the agent is the plain ε-greedy one above, draw for draw.
   */
  countExploration: z
    .strictObject({
      /** Our default true. */
      enabled: z.boolean().default(true),
      /** Exploratory actions go where the agent has been least — the position a direction leads to, or the
       * current one for a direction last seen to bump; ties at random (counter-based exploration, Thrun 1992) —
       * instead of a random direction held for a zeta-distributed run. Our default true. */
      directed: z.boolean().default(true),
      /** Directed exploration only until the goal is first reached (and again after a detected change); εz runs after
       * that, which try detours near the learned path rather than the maze's far corners. Our default true. */
      untilGoal: z.boolean().default(true),
      /** Reward bonus β/√N(s′) added to each step's reward when stored (MBIE-EB, Strehl & Littman 2008;
       * Bellemare et al. 2016; "#Exploration", Tang et al. 2017), in reward units (the goal is +1).
       * Our default 0 (off): chosen on seeds 101–108, where β 0.01–0.1 lowered the final greedy trial's success
       * (docs/agents.md). */
      bonus: z.number().min(0).default(0),
      /** ε holds `exploration.epsilonStart` until the agent first reaches the goal; the schedule then runs from
       * the trial after that goal (its trial 1). Our default true. */
      decayFromFirstGoal: z.boolean().default(true)
    })
    .prefault({}),
  /** How long an exploratory action is kept (εz-greedy, q-table/explore.ts). */
  extendedExploration: extendedExplorationSchema,
  rewards: baselineRewardsSchema
})

export type DqnParams = z.infer<typeof dqnParamsSchema>
