import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { coefficientOfVariation, logNormalStats, mean, median, quantiles, standardDeviation } from './descriptive'
import { ecdf, ecdfAt } from './ecdf'
import { linearFit } from './regression'

const finiteArray = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 })

describe('descriptive statistics', () => {
  it('match hand-worked values of a small sample', () => {
    const x = [2, 4, 4, 4, 5, 5, 7, 9]
    expect(mean(x)).toBe(5)
    // Σ(x − 5)² = 32, n − 1 = 7
    expect(standardDeviation(x)).toBeCloseTo(Math.sqrt(32 / 7), 12)
    expect(median(x)).toBe(4.5)
    // type 7: h = 7·0.25 = 1.75 → 4 + 0.75·(4 − 4)
    expect(quantiles(x, [0, 0.25, 1])).toEqual([2, 4, 9])
    expect(coefficientOfVariation([10, 10, 10])).toBe(0)
  })

  it('quantiles are monotone in q and bounded by min and max', () => {
    fc.assert(
      fc.property(finiteArray, (x) => {
        const qs = quantiles(x, [0, 0.1, 0.5, 0.9, 1])
        for (let k = 1; k < qs.length; k++) expect(qs[k]).toBeGreaterThanOrEqual(qs[k - 1])
        // == rather than toBe: −0 and +0 are the same sample value
        expect(qs[0] === Math.min(...x)).toBe(true)
        expect(qs[4] === Math.max(...x)).toBe(true)
      })
    )
  })

  it('reject empty samples, NaN and out-of-range q with a message', () => {
    expect(() => mean([])).toThrow(/empty/)
    expect(() => median([1, NaN])).toThrow(/NaN/)
    expect(() => quantiles([1, 2], [1.5])).toThrow(/q must be in/)
    expect(() => logNormalStats([1, 0])).toThrow(/value 1 must be > 0/)
  })

  it('log-normal summary of exp-transformed values is the normal summary of the logs', () => {
    const logs = [-1, 0, 0.5, 2]
    const s = logNormalStats(logs.map(Math.exp))
    expect(Math.log(s.median)).toBeCloseTo(mean(logs), 12)
    expect(s.sigma).toBeCloseTo(standardDeviation(logs), 12)
  })
})

describe('empirical CDF', () => {
  it('is non-decreasing from 1/n to 1 and counts ties fully', () => {
    fc.assert(
      fc.property(finiteArray, (x) => {
        const e = ecdf(x)
        expect(e.p[e.p.length - 1]).toBe(1)
        for (let k = 1; k < e.x.length; k++) expect(e.x[k]).toBeGreaterThanOrEqual(e.x[k - 1])
        const v = x[0]
        expect(ecdfAt(e, v)).toBeCloseTo(x.filter((y) => y <= v).length / x.length, 12)
        expect(ecdfAt(e, Math.min(...x) - 1)).toBe(0)
      })
    )
  })
})

describe('linear least squares', () => {
  it('recovers an exact line and reports zero residual', () => {
    const x = [1, 2, 3, 4]
    const f = linearFit(
      x,
      x.map((v) => 3 - 2 * v)
    )
    expect(f.slope).toBeCloseTo(-2, 12)
    expect(f.intercept).toBeCloseTo(3, 12)
    expect(f.residualSigma).toBeCloseTo(0, 12)
    expect(f.r2).toBeCloseTo(1, 12)
  })
  it('refuses a vertical line', () => {
    expect(() => linearFit([1, 1], [0, 1])).toThrow(/all x values are equal/)
  })
})

describe('normal CDF', () => {
  it('matches tabulated values of Φ', async () => {
    const { normalCdf } = await import('./normal')
    // Φ(0) = 0.5, Φ(1) = 0.841344746, Φ(−1.959964) = 0.025, Φ(3) = 0.998650102 (standard tables)
    expect(normalCdf(0)).toBeCloseTo(0.5, 7)
    expect(normalCdf(1)).toBeCloseTo(0.841344746, 6)
    expect(normalCdf(-1.959964)).toBeCloseTo(0.025, 6)
    expect(normalCdf(3)).toBeCloseTo(0.998650102, 6)
  })
})
