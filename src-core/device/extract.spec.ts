import { describe, expect, it } from 'vitest'
import { RandomStream } from '../random'
import { extractCycles } from './extract'
import { simulateSweep, type SweepSpec } from './iv-sweep'
import { createDeviceModel } from './model'
import { DEFAULT_PRESET } from './presets'

const model = createDeviceModel(DEFAULT_PRESET)
const spec: SweepSpec = { vMaxV: 2.5, vStopV: -1.4, stepV: 0.01, iComplianceA: 120e-6, cycles: 50 }
const trace = simulateSweep(model, spec, RandomStream.fromSeed(11))

function expectRecovered(x: ReturnType<typeof extractCycles>, skipFirst = false) {
  expect(x.cycles).toBe(spec.cycles)
  for (let c = skipFirst ? 1 : 0; c < spec.cycles; c++) {
    // V_set: the first grid point at or above the drawn value.
    expect(x.vSetV[c] - trace.truth.vSetV[c]).toBeGreaterThanOrEqual(-1e-9)
    expect(x.vSetV[c] - trace.truth.vSetV[c]).toBeLessThanOrEqual(spec.stepV + 1e-9)
    // V_reset: the current peak; 1 % noise on a peak that is flat within ~1 % per step moves it a step or two.
    expect(Math.abs(x.vResetV[c] - trace.truth.vResetV[c])).toBeLessThanOrEqual(3 * spec.stepV + 1e-9)
    // R at V_read: 1 % current noise, averaged over ~20 points per branch.
    expect(Math.abs(x.rLrsOhm[c] / trace.truth.rLrsOhm[c] - 1)).toBeLessThan(0.01)
    expect(Math.abs(x.rHrsOhm[c] / trace.truth.rHrsOhm[c] - 1)).toBeLessThan(0.01)
    expect(x.onOffRatio[c]).toBeCloseTo(x.rHrsOhm[c] / x.rLrsOhm[c], 10)
    expect(x.iResetPeakA[c]).toBeGreaterThan((0.9 * Math.abs(trace.truth.vResetV[c])) / trace.truth.rLrsOhm[c])
  }
}

describe('extraction of switching parameters from I–V sweeps', () => {
  it('recovers what the simulator drew, using the simulator’s cycle index', () => {
    expectRecovered(extractCycles({ v: trace.v, i: trace.i, cycle: trace.cycle }, { vReadV: 0.1 }))
  })

  it('recovers the same from bare (v, i) as a measurement gives them: cycles and branches inferred', () => {
    const x = extractCycles({ v: trace.v, i: trace.i }, { vReadV: 0.1 })
    expectRecovered(x)
    // Inferred labels match the simulator's except at 0 V points that close a cycle.
    let agree = 0
    for (let k = 0; k < trace.v.length; k++) if (x.branch[k] === trace.branch[k]) agree++
    expect(agree / trace.v.length).toBeGreaterThan(0.99)
  })

  it('copes with instrument noise on the voltage and a current offset', () => {
    const rng = RandomStream.fromSeed(5)
    const v = trace.v.map((x) => x + 1e-4 * rng.normal())
    const i = trace.i.map((x) => x + 2e-9 * rng.normal())
    const x = extractCycles({ v, i }, { vReadV: 0.1 })
    expect(x.cycles).toBe(spec.cycles)
    for (let c = 0; c < spec.cycles; c++) {
      expect(Math.abs(x.vSetV[c] - trace.truth.vSetV[c])).toBeLessThan(2 * spec.stepV)
      expect(Math.abs(x.rLrsOhm[c] / trace.truth.rLrsOhm[c] - 1)).toBeLessThan(0.02)
      expect(Math.abs(x.rHrsOhm[c] / trace.truth.rHrsOhm[c] - 1)).toBeLessThan(0.05)
    }
  })

  it('falls back to the point nearest V_read when the sweep is too coarse for the window', () => {
    const coarse = simulateSweep(model, { ...spec, stepV: 0.5, cycles: 3 }, RandomStream.fromSeed(8), { currentNoiseRel: 0 })
    const x = extractCycles({ v: coarse.v, i: coarse.i }, { vReadV: 0.1 })
    for (let c = 0; c < 3; c++) expect(x.rHrsOhm[c] / coarse.truth.rHrsOhm[c]).toBeCloseTo(1, 6)
  })

  it('reports NaN, not a number made up, when a cycle shows no SET and no RESET', () => {
    // An LRS cell swept up only: no conductance jump, no negative half, no branch known to be LRS or HRS.
    const v = Float64Array.from({ length: 101 }, (_, k) => k * 0.01)
    const i = v.map((x) => x / 5000)
    const x = extractCycles({ v, i }, { vReadV: 0.1 })
    expect(x.cycles).toBe(1)
    expect(x.vSetV[0]).toBeNaN()
    expect(x.vResetV[0]).toBeNaN()
    expect(x.rLrsOhm[0]).toBeNaN()
    expect(x.rHrsOhm[0]).toBeNaN()
  })

  it('rejects mismatched arrays with a message', () => {
    expect(() => extractCycles({ v: [0, 1], i: [0] }, { vReadV: 0.1 })).toThrow(/v has 2 points, i has 1/)
    expect(() => extractCycles({ v: [0, 1], i: [0, 1] }, { vReadV: 0 })).toThrow(/vReadV/)
  })
})
