import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { yieldAt, yieldCurve } from './map-stats'
import { parseNumericCsv } from './numeric-csv'
import { checkerboardTarget, gradientTarget, placeOnArray, quantizedTarget } from './targets'

const LEVELS = [5e-6, 50e-6, 120e-6]

describe('targets', () => {
  it('a checkerboard alternates between the outer levels along rows and columns', () => {
    const t = checkerboardTarget(4, 4, LEVELS)
    expect(Array.from(t.level.subarray(0, 4))).toEqual([2, 0, 2, 0])
    expect(Array.from(t.level.subarray(4, 8))).toEqual([0, 2, 0, 2])
  })

  it('a gradient never falls from left to right and spans every level', () => {
    const t = gradientTarget(2, 9, LEVELS)
    const row = Array.from(t.level.subarray(0, 9))
    for (let c = 1; c < 9; c++) expect(row[c]).toBeGreaterThanOrEqual(row[c - 1])
    expect(new Set(row)).toEqual(new Set([0, 1, 2]))
  })

  it('quantizing maps the smallest value to the bottom level and the largest to the top, or the reverse', () => {
    const t = quantizedTarget(1, 3, [0.2, 7, 3.6], LEVELS)
    expect(Array.from(t.level)).toEqual([0, 2, 1])
    expect(Array.from(quantizedTarget(1, 3, [0.2, 7, 3.6], LEVELS, true).level)).toEqual([2, 0, 1])
    expect(() => quantizedTarget(2, 2, [1, 2, NaN, 4], LEVELS)).toThrow(/row 2, column 1/)
  })

  it('refuses levels that do not rise and places a small map in the top-left corner', () => {
    expect(() => checkerboardTarget(2, 2, [1e-5, 1e-5])).toThrow(/levelsS\[1\]/)
    const small = checkerboardTarget(2, 2, LEVELS)
    const big = placeOnArray(small, 3, 4)
    expect(Array.from(big.level)).toEqual([2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0])
    expect(() => placeOnArray(big, 2, 2)).toThrow(/larger/)
  })
})

describe('numeric CSV', () => {
  it('reads a matrix and names the line and column of a bad value', () => {
    const m = parseNumericCsv('# weights\n1,2,3\n4;5;6\n')
    expect([m.rows, m.cols, Array.from(m.values)]).toEqual([2, 3, [1, 2, 3, 4, 5, 6]])
    expect(() => parseNumericCsv('1,2\n3,x\n')).toThrow('line 2, column 2: "x" is not a number')
    expect(() => parseNumericCsv('1,2\n3\n')).toThrow(/line 2: expected 2 values/)
  })
})

describe('yield against tolerance', () => {
  it('never falls as the tolerance widens and agrees with a direct count', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 1, maxLength: 200 }), (errs) => {
        const e = Float64Array.from(errs)
        const tols = [0.01, 0.05, 0.1, 0.5, 1]
        const curve = yieldCurve(e, tols)
        for (let j = 1; j < curve.length; j++) expect(curve[j].yield).toBeGreaterThanOrEqual(curve[j - 1].yield)
        curve.forEach((p) => expect(p.yield).toBeCloseTo(yieldAt(e, p.toleranceRel), 12))
      })
    )
  })
})
