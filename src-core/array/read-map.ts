import type { RramArray } from './array-state'

export interface ReadMap {
  rows: number
  cols: number
  /** Mean of the repeated reads of each cell, S. */
  gMeanS: Float64Array
  /** Relative standard deviation of the repeated reads (0 for a single read): the read noise. */
  readNoiseRel: Float64Array
  repeats: number
}

/**
 * Read every cell `repeats` times at vReadV (row-major, each cell's reads back to back) and keep the
 * mean and relative σ: the read noise a researcher sees by repeating a read. Counts reads and energy.
 */
export function readArrayMap(array: RramArray, vReadV: number, readSeconds: number, repeats = 1): ReadMap {
  if (!Number.isInteger(repeats) || repeats < 1 || repeats > 1000) throw new RangeError(`repeats must be an integer 1…1000, got ${repeats}`)
  if (!(vReadV > 0)) throw new RangeError(`vReadV must be > 0 V, got ${vReadV}`)
  const n = array.cells
  const gMeanS = new Float64Array(n)
  const readNoiseRel = new Float64Array(n)
  for (let k = 0; k < n; k++) {
    let s = 0
    let ss = 0
    for (let j = 0; j < repeats; j++) {
      const g = array.readGS(k, vReadV, readSeconds)
      s += g
      ss += g * g
    }
    const mean = s / repeats
    gMeanS[k] = mean
    readNoiseRel[k] = repeats > 1 ? Math.sqrt(Math.max(0, (ss - s * mean) / (repeats - 1))) / mean : 0
  }
  return { rows: array.rows, cols: array.cols, gMeanS, readNoiseRel, repeats }
}
