import type { RandomStream } from '../../random'

/** The direction with the largest value among values[base … base+7]; ties broken at random. */
export function greedyDirection(values: ArrayLike<number>, base: number, rng: RandomStream): number {
  let best = 0
  let bestV = values[base]
  let ties = 1
  for (let d = 1; d < 8; d++) {
    const v = values[base + d]
    if (v > bestV) {
      best = d
      bestV = v
      ties = 1
    } else if (v === bestV) {
      ties++
      if (rng.int(ties) === 0) best = d
    }
  }
  return best
}
