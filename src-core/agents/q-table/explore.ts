import { z } from 'zod'
import type { RandomStream } from '../../random'

/**
 * Temporally-extended ε-greedy ("εz-greedy", Dabney, Ostrovski & Barreto, ICLR 2021): when the agent
 * explores (probability ε), it draws a random direction AND a duration n from a zeta (power-law)
 * distribution P(n) ∝ n^−μ, n ≤ maxRepeat, and keeps that direction for n steps. Plain ε-greedy is
 * μ → ∞ (n = 1). Our variant: a bump (the agent did not move) ends the repetition — the agent sees
 * its own position, no map knowledge. In a maze this turns a random walk into runs along corridors:
 * on Bianchi maze 1 a walk of 150 steps from the start reaches the goal 4.8 % of the time with μ 1.5
 * against 0.1 % for single random steps (our measurement, 4000 walks).
 */
export const extendedExplorationSchema = z
  .strictObject({
    /** Zeta exponent μ of the repetition length. Our default 1.5 (Dabney et al. 2021 sweep 1.5–3; 2 is theirs). */
    mu: z.number().min(1).default(1.5),
    /** Longest repetition, steps. Our default 100 (Dabney et al. 2021 truncate at 10 000 on Atari). 1 = plain ε-greedy. */
    maxRepeat: z.number().int().min(1).max(10_000).default(100)
  })
  .prefault({})

export type ExtendedExploration = z.infer<typeof extendedExplorationSchema>

/** Draws repetition lengths n ∈ 1 … maxRepeat with P(n) ∝ n^−μ (a cumulative table, built once). */
export class ZetaDuration {
  private readonly cdf: Float64Array

  constructor(p: ExtendedExploration) {
    this.cdf = new Float64Array(p.maxRepeat)
    let s = 0
    for (let n = 1; n <= p.maxRepeat; n++) this.cdf[n - 1] = s += Math.pow(n, -p.mu)
    for (let i = 0; i < this.cdf.length; i++) this.cdf[i] /= s
  }

  draw(rng: RandomStream): number {
    const u = rng.uniform()
    const c = this.cdf
    let lo = 0
    let hi = c.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (c[mid] < u) lo = mid + 1
      else hi = mid
    }
    return lo + 1
  }
}
