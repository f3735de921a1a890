import type { NumericArray } from './descriptive'

/**
 * Debiased exponential moving average, the smoothing TensorBoard applies to scalar plots:
 * last ← w·last + (1 − w)·x, shown as last / (1 − w^n) (Adam-style bias correction), so the curve
 * starts at the data instead of at zero. Non-finite values are passed through and not accumulated.
 * weight w ∈ [0, 1): 0 = no smoothing.
 */
export function debiasedEma(values: NumericArray, weight: number): Float64Array {
  if (!(weight >= 0 && weight < 1)) throw new RangeError(`debiasedEma: weight must be in [0, 1), got ${weight}`)
  const out = new Float64Array(values.length)
  let last = 0
  let count = 0
  for (let k = 0; k < values.length; k++) {
    const x = values[k]
    if (!Number.isFinite(x)) {
      out[k] = x
      continue
    }
    last = last * weight + (1 - weight) * x
    count++
    out[k] = last / (1 - Math.pow(weight, count))
  }
  return out
}
