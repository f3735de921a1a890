import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { lttbIndices } from './decimate-lttb'
import { minMaxIndices } from './decimate-minmax'

const series = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 0, maxLength: 300 })

function strictlyAscending(a: Uint32Array): boolean {
  for (let k = 1; k < a.length; k++) if (a[k] <= a[k - 1]) return false
  return true
}

describe('LTTB decimation', () => {
  it('keeps first and last points, returns exactly min(n, nOut) ascending indices', () => {
    fc.assert(
      fc.property(series, fc.integer({ min: 3, max: 120 }), (y, nOut) => {
        const x = y.map((_, k) => k)
        const idx = lttbIndices(x, y, nOut)
        expect(idx.length).toBe(Math.min(y.length, nOut))
        expect(strictlyAscending(idx)).toBe(true)
        if (y.length > 0) {
          expect(idx[0]).toBe(0)
          expect(idx[idx.length - 1]).toBe(y.length - 1)
        }
      })
    )
  })
  it('keeps an isolated spike that a stride sampler would miss', () => {
    const y = new Array(1000).fill(0)
    y[503] = 50
    const idx = lttbIndices(
      y.map((_, k) => k),
      y,
      20
    )
    expect(Array.from(idx)).toContain(503)
  })
})

describe('min–max decimation', () => {
  it('keeps first, last, the global min and max; at most 2·buckets + 2 ascending indices', () => {
    fc.assert(
      fc.property(
        series.filter((y) => y.length > 0),
        fc.integer({ min: 1, max: 60 }),
        (y, buckets) => {
          const idx = minMaxIndices(y, buckets)
          expect(idx.length).toBeLessThanOrEqual(2 * buckets + 2)
          expect(strictlyAscending(idx)).toBe(true)
          expect(idx[0]).toBe(0)
          expect(idx[idx.length - 1]).toBe(y.length - 1)
          const kept = Array.from(idx, (k) => y[k])
          expect(Math.max(...kept) === Math.max(...y)).toBe(true)
          expect(Math.min(...kept) === Math.min(...y)).toBe(true)
        }
      )
    )
  })
  it('rejects a bucket count that is not a positive integer', () => {
    expect(() => minMaxIndices([1, 2, 3], 0)).toThrow(/nBuckets/)
  })
})
