import type { RandomStream } from '../../random'

/**
 * The race of the eight integrate-and-fire neurons: when one without leak crosses its threshold (its integral
 * after m ticks of a constant current I is m·I, held as that product, one rounding, so the first crossing tick
 * follows from one division), and which wins at a given tick.
 */

/** Crossings further than 2^52 ticks away never happen within a budget (and n·I stays exact in n). */
const MAX_TICKS = 2 ** 52

/**
 * The first tick m ≥ 1 at which the integral m·I (computed as that product) exceeds θ, or +∞.
 * One division, then at most a step or two to undo the quotient's rounding.
 */
export function crossingTick(currentA: number, thresholdA: number): number {
  if (!(currentA > 0)) return Infinity
  const q = thresholdA / currentA
  if (!(q < MAX_TICKS)) return Infinity
  let m = q < 0 ? 1 : Math.floor(q) + 1
  while (m > 1 && (m - 1) * currentA > thresholdA) m--
  while (!(m * currentA > thresholdA)) m++
  return m
}

/**
 * The winner at tick m: the direction with the largest integral m·I_d among those above their
 * target, ties broken at random (science README §2.2, our default: reservoir choice among equals).
 */
export function winnerAt(m: number, syn: Float64Array, base: number, target: Float64Array, rng: RandomStream): number {
  let best = -1
  let bestI = -Infinity
  let ties = 0
  for (let d = 0; d < 8; d++) {
    const v = m * syn[base + d]
    if (v > target[d]) {
      if (v > bestI) {
        best = d
        bestI = v
        ties = 1
      } else if (v === bestI) {
        ties++
        if (rng.int(ties) === 0) best = d
      }
    }
  }
  return best
}
