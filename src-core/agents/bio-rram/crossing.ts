/**
 * When an integrate-and-fire neuron without leak crosses its threshold: its integral after m ticks of a
 * constant current I is m·I (held as that product, one rounding), so the first crossing tick follows
 * from one division.
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
