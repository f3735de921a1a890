import { describe, expect, it } from 'vitest'
import { RandomStream } from '../random'
import { logNormalStats, mean, standardDeviation } from '../stats'
import { createDeviceModel, drawD2dFactor, drawLevelConductanceS, drawLevelInto, expNear0, hrsLnMedianAt, lrsMedianOhm, lrsSigmaAt, resetLevel, setLevel } from './model'
import { DEFAULT_PRESET } from './presets'
import type { DevicePreset } from './types'

const model = createDeviceModel(DEFAULT_PRESET)
const uA = 1e-6

function lrsSample(iC: number, n: number, seed: number): number[] {
  const rng = RandomStream.fromSeed(seed)
  return Array.from({ length: n }, () => 1 / model.drawSetConductanceS(iC, rng))
}
function hrsSample(vStop: number, n: number, seed: number): number[] {
  const rng = RandomStream.fromSeed(seed)
  return Array.from({ length: n }, () => 1 / model.drawResetConductanceS(vStop, rng))
}

describe('SET with compliance: R_LRS', () => {
  it('falls as the compliance current rises, and its spread shrinks', () => {
    const currents = [50, 80, 110, 140, 170].map((i) => i * uA)
    const stats = currents.map((iC, k) => logNormalStats(lrsSample(iC, 4000, 10 + k)))
    for (let k = 1; k < stats.length; k++) {
      expect(stats[k].median).toBeLessThan(stats[k - 1].median)
      expect(stats[k].sigma).toBeLessThan(stats[k - 1].sigma * 1.05)
    }
    expect(stats[4].sigma).toBeLessThan(stats[0].sigma / 4)
  })
  it('draws are log-normal around the power-law median with the σ law', () => {
    const iC = 74 * uA
    const s = logNormalStats(lrsSample(iC, 20000, 3))
    const expected = 1 / model.medianLrsConductanceS(iC)
    expect(Math.abs(Math.log(s.median / expected))).toBeLessThan(4 * (lrsSigmaAt(DEFAULT_PRESET, iC) / Math.sqrt(20000)))
    expect(s.sigma / lrsSigmaAt(DEFAULT_PRESET, iC)).toBeGreaterThan(0.97)
    expect(s.sigma / lrsSigmaAt(DEFAULT_PRESET, iC)).toBeLessThan(1.03)
  })
  it('is not the constant-voltage law R = V/I_C (the data reject it)', () => {
    // R·I_C would be constant for R = V/I_C; the fitted exponent b < 1 makes it grow with I_C.
    const rI = (iC: number) => iC / model.medianLrsConductanceS(iC)
    expect(rI(170 * uA) / rI(50 * uA)).toBeGreaterThan(1.3)
  })
  it('refuses a non-positive compliance current', () => {
    expect(() => model.drawSetConductanceS(0, RandomStream.fromSeed(1))).toThrow(/iComplianceA must be > 0/)
  })
})

describe('RESET to V_STOP: R_HRS', () => {
  it('grows with |V_STOP| from the shallowest to the deepest stop voltage', () => {
    const medians = [-1.0, -1.3, -1.6].map((v, k) => logNormalStats(hrsSample(v, 4000, 20 + k)).median)
    expect(medians[1]).toBeGreaterThan(medians[0] * 1.5)
    expect(medians[2]).toBeGreaterThan(medians[1] * 1.5)
    expect(DEFAULT_PRESET.hrsLnRSlope).toBeGreaterThan(0)
  })
  it('is widely spread (σ of ln R ≥ 0.2 everywhere in the measured range)', () => {
    for (const v of [-1.0, -1.25, -1.5]) expect(logNormalStats(hrsSample(v, 3000, 5)).sigma).toBeGreaterThan(0.2)
  })
  it('interpolates the measured table between stop voltages and uses the law outside it', () => {
    const t = DEFAULT_PRESET.hrsTable!
    const mid = (t.vStopV[3] + t.vStopV[4]) / 2
    expect(hrsLnMedianAt(DEFAULT_PRESET, mid)).toBeCloseTo((t.lnRMedian[3] + t.lnRMedian[4]) / 2, 10)
    expect(hrsLnMedianAt(DEFAULT_PRESET, -2)).toBeCloseTo(DEFAULT_PRESET.hrsLnR0 + 2 * DEFAULT_PRESET.hrsLnRSlope, 10)
    const lawOnly: DevicePreset = { ...DEFAULT_PRESET, hrsTable: null }
    expect(hrsLnMedianAt(lawOnly, mid)).toBeCloseTo(DEFAULT_PRESET.hrsLnR0 - mid * DEFAULT_PRESET.hrsLnRSlope, 10)
  })
  it('refuses a positive stop voltage', () => {
    expect(() => model.drawResetConductanceS(1.2, RandomStream.fromSeed(1))).toThrow(/vStopV must be < 0/)
  })
  it('gives a memory window: every HRS median is far above every LRS median', () => {
    expect(model.medianHrsConductanceS(-1.0) * 5).toBeLessThan(model.medianLrsConductanceS(50 * uA))
  })
})

describe('read, variability, energy', () => {
  it('read current is G·V with ≈1 % relative noise', () => {
    const rng = RandomStream.fromSeed(9)
    const g = 1e-4
    const reads = Array.from({ length: 20000 }, () => model.readCurrentA(g, 0.1, rng))
    expect(mean(reads) / (g * 0.1)).toBeCloseTo(1, 3)
    expect(standardDeviation(reads) / (g * 0.1)).toBeGreaterThan(0.0095)
    expect(standardDeviation(reads) / (g * 0.1)).toBeLessThan(0.0105)
  })
  it('device-to-device factor shifts a device’s LRS and HRS medians together', () => {
    const rng = RandomStream.fromSeed(4)
    const slow = logNormalStats(Array.from({ length: 3000 }, () => 1 / model.drawSetConductanceS(100 * uA, rng, 2))).median
    const base = 1 / model.medianLrsConductanceS(100 * uA)
    expect(slow / base).toBeGreaterThan(1.95)
    expect(slow / base).toBeLessThan(2.05)
    const p: DevicePreset = { ...DEFAULT_PRESET, d2dSigma: 0.3 }
    const factors = Array.from({ length: 5000 }, () => drawD2dFactor(p, rng))
    expect(logNormalStats(factors).sigma).toBeCloseTo(0.3, 1)
    expect(drawD2dFactor({ ...DEFAULT_PRESET, d2dSigma: 0 }, rng)).toBe(1)
  })
  it('energy: SET scales with I_C, RESET with V²·G, read with V²·G·t', () => {
    expect(model.setEnergyJ(100 * uA) / model.setEnergyJ(50 * uA)).toBeCloseTo(2, 12)
    expect(model.setEnergyJ(100 * uA)).toBeCloseTo(DEFAULT_PRESET.vSetMeanV * 100e-6 * DEFAULT_PRESET.pulseWidthS, 20)
    expect(model.resetEnergyJ(-1.6, 1e-4) / model.resetEnergyJ(-0.8, 1e-4)).toBeCloseTo(4, 12)
    expect(model.readEnergyJ(1e-4, 0.1, 1e-6)).toBeCloseTo(1e-12, 24)
  })
  it('the same seed gives the same draws; a different seed does not', () => {
    const a = lrsSample(100 * uA, 5, 42)
    expect(lrsSample(100 * uA, 5, 42)).toEqual(a)
    expect(lrsSample(100 * uA, 5, 43)).not.toEqual(a)
  })
})

describe('programming levels for hot loops (ziggurat normal, table exp)', () => {
  it('expNear0 agrees with Math.exp to 1e-12 relative, and is Math.exp outside |y| < 16', () => {
    let worst = 0
    for (let i = 0; i <= 200_000; i++) {
      const y = -15.99 + (31.98 * i) / 200_000
      worst = Math.max(worst, Math.abs(expNear0(y) / Math.exp(y) - 1))
    }
    expect(worst).toBeLessThan(1e-12)
    expect(expNear0(-30)).toBe(Math.exp(-30))
    expect(expNear0(0)).toBe(1)
  })

  it('a level draw follows the same log-normal law as the model (median and σ of the SET and RESET laws)', () => {
    const rng = RandomStream.fromSeed(12)
    for (const [level, n] of [
      [setLevel(DEFAULT_PRESET, 50 * uA), 20_000],
      [resetLevel(DEFAULT_PRESET, -1.3), 20_000]
    ] as const) {
      const r = Array.from({ length: n }, () => 1 / drawLevelConductanceS(level.medianG, level.sigma, rng))
      const s = logNormalStats(r)
      // Sampling error of a log-normal median and σ: σ·1.25/√n and σ/√(2n); allow 4 of them.
      expect(Math.abs(Math.log(s.median * level.medianG))).toBeLessThan((4 * 1.25 * level.sigma) / Math.sqrt(n))
      expect(Math.abs(s.sigma - level.sigma)).toBeLessThan((4 * level.sigma) / Math.sqrt(2 * n))
    }
    expect(setLevel(DEFAULT_PRESET, 50 * uA).sigma).toBe(lrsSigmaAt(DEFAULT_PRESET, 50 * uA))
    expect(Math.log(resetLevel(DEFAULT_PRESET, -1.3).medianG)).toBeCloseTo(-hrsLnMedianAt(DEFAULT_PRESET, -1.3), 12)
  })

  it('drawLevelInto writes the same value as scale · drawLevelConductanceS on the same stream', () => {
    const a = RandomStream.fromSeed(21)
    const b = RandomStream.fromSeed(21)
    const out = new Float64Array(3)
    const level = setLevel(DEFAULT_PRESET, 100 * uA)
    for (let k = 0; k < 500; k++) {
      drawLevelInto(out, 2, 0.1, level.medianG, level.sigma, a)
      expect(out[2]).toBe(0.1 * drawLevelConductanceS(level.medianG, level.sigma, b))
    }
  })

  it('the model memoizes its laws without changing a draw (the same arithmetic on the same normal deviate)', () => {
    const r1 = RandomStream.fromSeed(4)
    const r2 = RandomStream.fromSeed(4)
    for (const iC of [50 * uA, 60 * uA, 50 * uA, 170 * uA, 60 * uA]) {
      expect(model.drawSetConductanceS(iC, r1, 1.2)).toBe(1 / (lrsMedianOhm(DEFAULT_PRESET, iC) * 1.2 * Math.exp(lrsSigmaAt(DEFAULT_PRESET, iC) * r2.normal())))
    }
    expect(() => model.drawSetConductanceS(-1, r1)).toThrow(/iComplianceA/)
  })
})
