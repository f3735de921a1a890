import type { NumericArray } from './descriptive'

/** Ordinary least squares y ≈ intercept + slope·x, with the residual σ (divisor n − 2) and R². */
export interface LinearFit {
  intercept: number
  slope: number
  residualSigma: number
  r2: number
  n: number
}

export function linearFit(x: NumericArray, y: NumericArray): LinearFit {
  const n = x.length
  if (y.length !== n) throw new RangeError(`linearFit: x has ${n} values, y has ${y.length}`)
  if (n < 2) throw new RangeError(`linearFit: needs at least 2 points, got ${n}`)
  let sx = 0
  let sy = 0
  for (let k = 0; k < n; k++) {
    sx += x[k]
    sy += y[k]
  }
  const mx = sx / n
  const my = sy / n
  let sxx = 0
  let sxy = 0
  let syy = 0
  for (let k = 0; k < n; k++) {
    const dx = x[k] - mx
    const dy = y[k] - my
    sxx += dx * dx
    sxy += dx * dy
    syy += dy * dy
  }
  if (sxx === 0) throw new RangeError('linearFit: all x values are equal; the slope is undefined')
  const slope = sxy / sxx
  const intercept = my - slope * mx
  let sse = 0
  for (let k = 0; k < n; k++) {
    const r = y[k] - intercept - slope * x[k]
    sse += r * r
  }
  return {
    intercept,
    slope,
    residualSigma: n > 2 ? Math.sqrt(sse / (n - 2)) : 0,
    r2: syy === 0 ? 1 : 1 - sse / syy,
    n
  }
}
