import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RandomStream } from '../../random'
import { crossingTick, winnerAt } from './crossing'

/** The tick-by-tick rule: integrate until m·I exceeds θ. */
function walk(currentA: number, thresholdA: number): number {
  let m = 1
  while (!(m * currentA > thresholdA)) m++
  return m
}

describe('crossingTick', () => {
  it('is the first tick at which the integral m·I exceeds the threshold, as a tick-by-tick walk finds it', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-9, max: 1e-3, noNaN: true }), fc.double({ min: 0, max: 5000, noNaN: true }), (currentA, ratio) => {
        const thresholdA = currentA * ratio
        expect(crossingTick(currentA, thresholdA)).toBe(walk(currentA, thresholdA))
      }),
      { numRuns: 2000 }
    )
  })

  it('gets exact multiples right: θ = k·I is crossed at tick k + 1, not k', () => {
    for (const currentA of [1e-6, 3e-7, 0.1, 1 / 3]) {
      for (let k = 1; k < 200; k++) expect(crossingTick(currentA, k * currentA)).toBe(walk(currentA, k * currentA))
    }
  })

  it('never crosses an infinite threshold (outside cells) or with no current', () => {
    expect(crossingTick(1e-6, Infinity)).toBe(Infinity)
    expect(crossingTick(0, 1e-6)).toBe(Infinity)
    expect(crossingTick(1e-6, 0)).toBe(1)
  })
})

describe('winnerAt', () => {
  const syn = Float64Array.from([1, 3, 2, 3, 0, 0, 0, 0])
  const target = Float64Array.from([0, 5, 0, 5, 0, 0, 0, 100])

  it('only a direction whose integral m·I is above its target can fire; the largest integral wins', () => {
    expect(winnerAt(1, syn, 0, target, RandomStream.fromSeed(1))).toBe(2) // 3 < 5 twice; 2 > 0 beats 1 > 0
    expect(winnerAt(0, syn, 0, target, RandomStream.fromSeed(1))).toBe(-1) // nothing integrated yet
  })

  it('breaks a tie between equal integrals at random from the seeded stream: both win, about equally often', () => {
    const rng = RandomStream.fromSeed(1)
    const wins = [0, 0, 0, 0]
    for (let i = 0; i < 400; i++) wins[winnerAt(2, syn, 0, target, rng)]++
    expect(wins[0] + wins[2]).toBe(0)
    expect(wins[1]).toBeGreaterThan(150)
    expect(wins[3]).toBeGreaterThan(150)
  })
})
