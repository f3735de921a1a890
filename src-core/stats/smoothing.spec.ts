import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { debiasedEma } from './ema'
import { bootstrapMeanCi } from './bootstrap'
import { RandomStream } from '../random'

describe('debiased EMA', () => {
  it('of a constant is the constant from the first point on (no start-up bias)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 0.999, noNaN: true }), fc.integer({ min: 1, max: 50 }), (c, w, n) => {
        const out = debiasedEma(new Array(n).fill(c), w)
        for (const v of out) expect(v).toBeCloseTo(c, 6)
      })
    )
  })
  it('stays within the running min and max of the data', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 40 }), fc.double({ min: 0, max: 0.99, noNaN: true }), (x, w) => {
        const out = debiasedEma(x, w)
        let lo = Infinity
        let hi = -Infinity
        x.forEach((v, k) => {
          lo = Math.min(lo, v)
          hi = Math.max(hi, v)
          expect(out[k]).toBeGreaterThanOrEqual(lo - 1e-9)
          expect(out[k]).toBeLessThanOrEqual(hi + 1e-9)
        })
      })
    )
  })
  it('lags a step: after the jump it lies strictly between the two levels', () => {
    const out = debiasedEma([0, 0, 0, 10, 10], 0.6)
    expect(out[3]).toBeGreaterThan(0)
    expect(out[3]).toBeLessThan(10)
    expect(out[4]).toBeGreaterThan(out[3])
  })
  it('weight 0 is the identity; NaN passes through without poisoning later points', () => {
    expect(Array.from(debiasedEma([1, 5, 2], 0))).toEqual([1, 5, 2])
    const out = debiasedEma([1, NaN, 1], 0.5)
    expect(out[1]).toBeNaN()
    expect(out[2]).toBeCloseTo(1, 12)
    expect(() => debiasedEma([1], 1)).toThrow(/weight/)
  })
})

describe('bootstrap confidence interval of the mean', () => {
  it('contains the sample mean and is reproducible from the seed', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 30 }), fc.integer(), (x, seed) => {
        const a = bootstrapMeanCi(x, RandomStream.fromSeed(seed), { resamples: 200 })
        const b = bootstrapMeanCi(x, RandomStream.fromSeed(seed), { resamples: 200 })
        expect(a).toEqual(b)
        expect(a.lo).toBeLessThanOrEqual(a.mean + 1e-9)
        expect(a.hi).toBeGreaterThanOrEqual(a.mean - 1e-9)
      }),
      { numRuns: 50 }
    )
  })
  it('covers the true mean about 95 % of the time for normal samples', () => {
    const rng = RandomStream.fromSeed(7)
    let covered = 0
    const experiments = 200
    for (let e = 0; e < experiments; e++) {
      const x = Array.from({ length: 40 }, () => 3 + rng.normal())
      const ci = bootstrapMeanCi(x, rng, { resamples: 400 })
      if (ci.lo <= 3 && 3 <= ci.hi) covered++
    }
    // Binomial(200, 0.95) has σ ≈ 3 %; percentile bootstrap undercovers slightly at n = 40.
    expect(covered / experiments).toBeGreaterThan(0.87)
    expect(covered / experiments).toBeLessThanOrEqual(1)
  })
  it('narrows as the sample grows', () => {
    const rng = RandomStream.fromSeed(3)
    const small = Array.from({ length: 10 }, () => rng.normal())
    const large = Array.from({ length: 1000 }, () => rng.normal())
    const a = bootstrapMeanCi(small, RandomStream.fromSeed(1), { resamples: 500 })
    const b = bootstrapMeanCi(large, RandomStream.fromSeed(1), { resamples: 500 })
    expect(b.hi - b.lo).toBeLessThan((a.hi - a.lo) / 3)
  })
})
