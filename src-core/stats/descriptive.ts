/**
 * Descriptive statistics of a sample: mean, sample standard deviation, coefficient of variation,
 * quantiles (linear interpolation between order statistics, "type 7" of Hyndman & Fan, the default
 * of R and NumPy) and the median. Inputs are plain or typed numeric arrays; NaN is rejected.
 */
export type NumericArray = ArrayLike<number>

function requireNonEmpty(values: NumericArray, what: string): void {
  if (values.length === 0) throw new RangeError(`${what}: the sample is empty`)
}

export function mean(values: NumericArray): number {
  requireNonEmpty(values, 'mean')
  let s = 0
  for (let k = 0; k < values.length; k++) s += values[k]
  return s / values.length
}

/** Sample standard deviation (divisor n − 1); 0 for a single value. */
export function standardDeviation(values: NumericArray): number {
  requireNonEmpty(values, 'standardDeviation')
  const n = values.length
  if (n === 1) return 0
  const m = mean(values)
  let ss = 0
  for (let k = 0; k < n; k++) {
    const d = values[k] - m
    ss += d * d
  }
  return Math.sqrt(ss / (n - 1))
}

/** Coefficient of variation σ/mean (sample σ). */
export function coefficientOfVariation(values: NumericArray): number {
  return standardDeviation(values) / mean(values)
}

/** A sorted copy (ascending) as Float64Array; throws on NaN so quantiles are never silently wrong. */
export function sortedCopy(values: NumericArray): Float64Array {
  const out = Float64Array.from(values)
  for (let k = 0; k < out.length; k++) {
    if (Number.isNaN(out[k])) throw new RangeError(`value ${k} is NaN`)
  }
  return out.sort()
}

/** Quantile q ∈ [0, 1] of an already ascending-sorted sample (type 7). */
export function quantileSorted(sorted: NumericArray, q: number): number {
  requireNonEmpty(sorted, 'quantile')
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: q must be in [0, 1], got ${q}`)
  const h = (sorted.length - 1) * q
  const lo = Math.floor(h)
  const hi = Math.min(lo + 1, sorted.length - 1)
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo])
}

/** Quantiles of an unsorted sample, one per entry of qs. */
export function quantiles(values: NumericArray, qs: readonly number[]): number[] {
  const sorted = sortedCopy(values)
  return qs.map((q) => quantileSorted(sorted, q))
}

export function median(values: NumericArray): number {
  return quantileSorted(sortedCopy(values), 0.5)
}

/** Log-normal summary of a positive sample: median = exp(mean ln x), σ = sample sd of ln x. */
export function logNormalStats(values: NumericArray): { median: number; sigma: number; n: number } {
  requireNonEmpty(values, 'logNormalStats')
  const logs = new Float64Array(values.length)
  for (let k = 0; k < values.length; k++) {
    if (!(values[k] > 0)) throw new RangeError(`logNormalStats: value ${k} must be > 0, got ${values[k]}`)
    logs[k] = Math.log(values[k])
  }
  return { median: Math.exp(mean(logs)), sigma: standardDeviation(logs), n: values.length }
}
