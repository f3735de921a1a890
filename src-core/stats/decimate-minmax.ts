import type { NumericArray } from './descriptive'

/**
 * Min–max decimation: split the points into nBuckets equal runs by index and keep, from each,
 * the minimum and the maximum of y (in their original order), plus the first and last points.
 * Unlike LTTB it never hides a spike, which is what noisy traces (read currents, I–V) need.
 * Returns kept indices, ascending and unique; at most 2·nBuckets + 2 of them.
 */
export function minMaxIndices(y: NumericArray, nBuckets: number): Uint32Array {
  const n = y.length
  if (!(Number.isInteger(nBuckets) && nBuckets >= 1)) throw new RangeError(`minMax: nBuckets must be a positive integer, got ${nBuckets}`)
  if (n <= 2 * nBuckets + 2) return Uint32Array.from({ length: n }, (_, k) => k)
  const out = new Uint32Array(2 * nBuckets + 2)
  let m = 0
  out[m++] = 0
  const size = n / nBuckets
  for (let b = 0; b < nBuckets; b++) {
    const start = Math.floor(b * size)
    const end = Math.min(Math.floor((b + 1) * size), n)
    let iMin = start
    let iMax = start
    for (let k = start + 1; k < end; k++) {
      if (y[k] < y[iMin]) iMin = k
      if (y[k] > y[iMax]) iMax = k
    }
    const first = Math.min(iMin, iMax)
    const second = Math.max(iMin, iMax)
    if (first > out[m - 1]) out[m++] = first
    if (second > out[m - 1]) out[m++] = second
  }
  if (out[m - 1] !== n - 1) out[m++] = n - 1
  return out.slice(0, m)
}

/** Gather y (and x) at kept indices into new arrays, for plotting. */
export function gather(values: NumericArray, indices: Uint32Array): Float64Array {
  const out = new Float64Array(indices.length)
  for (let k = 0; k < indices.length; k++) out[k] = values[indices[k]]
  return out
}
