import { z } from 'zod'

/**
 * Rewards of the software baselines (tabular Q, DQN): the same events the bio network learns from
 * (goal = reward, wall = penalty), expressed as scalar rewards. All our defaults.
 */
export const baselineRewardsSchema = z
  .strictObject({
    /** Reaching a goal cell ends the trial with this reward. Our default +1. */
    goal: z.number().default(1),
    /** Bumping into a wall (the agent stays). Our default −0.1. */
    wall: z.number().default(-0.1),
    /** Every step, to favour short paths. Our default −0.01. */
    step: z.number().default(-0.01),
    /** Entering a penalty cell costs penalty points × this. Our default −0.01 per point. */
    perPenaltyPoint: z.number().default(-0.01)
  })
  .prefault({})

export type BaselineRewards = z.infer<typeof baselineRewardsSchema>

/**
 * ε-greedy exploration: ε on trial t (1-based) = max(epsilonMin, epsilonStart · epsilonDecay^(t−1)).
 * `start` is the agent's default ε on trial 1, `decay` its default decay (each agent documents its own).
 */
export function epsilonScheduleWith(start: number, decay = 0.95) {
  return z
    .strictObject({
      /** ε on the first trial. */
      epsilonStart: z.number().min(0).max(1).default(start),
      /** Our default 0.05. */
      epsilonMin: z.number().min(0).max(1).default(0.05),
      /** Per-trial decay factor. Our default 0.95 unless the agent gives its own. */
      epsilonDecay: z.number().positive().max(1).default(decay)
    })
    .prefault({})
}

/**
 * ε of an evaluation trial (the final trial of `finalTrialGreedy`, which learns nothing), both baselines: a uniformly
 * random direction with this probability, else the greedy one. Mnih et al. 2015 evaluate their DQN ε-greedy with
 * ε = 0.05, so that a greedy policy caught in a loop of its value errors does not stall (measured for both baselines on
 * the dynamic maze, docs/agents.md). Our default 0.05; 0: strictly greedy.
 */
export const evaluationEpsilonSchema = z.number().min(0).max(1).default(0.05)

/** The schedule with ε = 1 on trial 1 (fully random first trial). */
export const epsilonScheduleSchema = epsilonScheduleWith(1)

export type EpsilonSchedule = z.infer<typeof epsilonScheduleSchema>

export function epsilonForTrial(s: EpsilonSchedule, trial: number): number {
  return Math.max(s.epsilonMin, s.epsilonStart * Math.pow(s.epsilonDecay, trial - 1))
}
