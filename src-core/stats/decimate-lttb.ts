import type { NumericArray } from './descriptive'

/**
 * Largest-Triangle-Three-Buckets decimation (S. Steinarsson, 2013): keeps the first and last
 * points and, from each of nOut − 2 equal buckets in between, the point forming the largest
 * triangle with the previously kept point and the next bucket's average. Preserves the visual
 * shape of a curve for plotting. x must be ascending. Returns the kept indices, ascending.
 */
export function lttbIndices(x: NumericArray, y: NumericArray, nOut: number): Uint32Array {
  const n = x.length
  if (y.length !== n) throw new RangeError(`lttb: x has ${n} values, y has ${y.length}`)
  if (!(Number.isInteger(nOut) && nOut >= 0)) throw new RangeError(`lttb: nOut must be a non-negative integer, got ${nOut}`)
  if (nOut >= n || n <= 2) return Uint32Array.from({ length: n }, (_, k) => k)
  if (nOut < 3) {
    if (nOut === 0) return new Uint32Array(0)
    return nOut === 1 ? Uint32Array.of(0) : Uint32Array.of(0, n - 1)
  }
  const out = new Uint32Array(nOut)
  const bucketSize = (n - 2) / (nOut - 2)
  let a = 0
  out[0] = 0
  for (let b = 0; b < nOut - 2; b++) {
    // Average of the next bucket (the last bucket's "next" is the final point).
    const nextStart = Math.floor((b + 1) * bucketSize) + 1
    const nextEnd = Math.min(Math.floor((b + 2) * bucketSize) + 1, n)
    let avgX = 0
    let avgY = 0
    for (let k = nextStart; k < nextEnd; k++) {
      avgX += x[k]
      avgY += y[k]
    }
    const count = nextEnd - nextStart
    avgX /= count
    avgY /= count
    const start = Math.floor(b * bucketSize) + 1
    const end = Math.floor((b + 1) * bucketSize) + 1
    const ax = x[a]
    const ay = y[a]
    let best = -1
    let bestIndex = start
    for (let k = start; k < end; k++) {
      const area = Math.abs((ax - avgX) * (y[k] - ay) - (ax - x[k]) * (avgY - ay))
      if (area > best) {
        best = area
        bestIndex = k
      }
    }
    out[b + 1] = bestIndex
    a = bestIndex
  }
  out[nOut - 1] = n - 1
  return out
}
