import type { RandomStream } from '../random'
import { mean, quantileSorted, type NumericArray } from './descriptive'

export interface ConfidenceInterval {
  mean: number
  lo: number
  hi: number
  level: number
}

/**
 * Percentile-bootstrap confidence interval of the mean (Efron): resample the data with
 * replacement `resamples` times, take the (1 ± level)/2 quantiles of the resampled means.
 * Seeded through `rng`, so the same stream state gives the same interval.
 */
export function bootstrapMeanCi(values: NumericArray, rng: RandomStream, options: { resamples?: number; level?: number } = {}): ConfidenceInterval {
  const resamples = options.resamples ?? 2000
  const level = options.level ?? 0.95
  const n = values.length
  if (n === 0) throw new RangeError('bootstrapMeanCi: the sample is empty')
  if (!(Number.isInteger(resamples) && resamples >= 1)) throw new RangeError(`bootstrapMeanCi: resamples must be a positive integer, got ${resamples}`)
  if (!(level > 0 && level < 1)) throw new RangeError(`bootstrapMeanCi: level must be in (0, 1), got ${level}`)
  const m = mean(values)
  const means = new Float64Array(resamples)
  for (let r = 0; r < resamples; r++) {
    let s = 0
    for (let k = 0; k < n; k++) s += values[rng.int(n)]
    means[r] = s / n
  }
  means.sort()
  const alpha = (1 - level) / 2
  return { mean: m, lo: quantileSorted(means, alpha), hi: quantileSorted(means, 1 - alpha), level }
}
