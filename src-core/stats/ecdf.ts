import { sortedCopy, type NumericArray } from './descriptive'

/**
 * Empirical cumulative distribution function as a step plot: x ascending, p[k] = (k + 1)/n is the
 * share of the sample ≤ x[k] (a tied value appears once per occurrence; the last of them carries
 * the full share, and `ecdfAt` always returns it).
 */
export interface Ecdf {
  x: Float64Array
  p: Float64Array
}

export function ecdf(values: NumericArray): Ecdf {
  const x = sortedCopy(values)
  const n = x.length
  const p = new Float64Array(n)
  for (let k = 0; k < n; k++) p[k] = (k + 1) / n
  return { x, p }
}

/** Share of the sample ≤ value, from an ECDF (binary search). */
export function ecdfAt(e: Ecdf, value: number): number {
  let lo = 0
  let hi = e.x.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (e.x[mid] <= value) lo = mid + 1
    else hi = mid
  }
  return lo === 0 ? 0 : e.p[lo - 1]
}
