import { describe, expect, it } from 'vitest'
import { RandomStream } from '../random'
import { FitInputError, fitPreset } from './fit'
import { simulateSweep } from './iv-sweep'
import { createDeviceModel, drawD2dFactor } from './model'
import { DEFAULT_PRESET } from './presets'
import type { DevicePreset } from './types'

// A made-up device, different from the default preset, to generate synthetic measurements.
const truth: DevicePreset = {
  ...DEFAULT_PRESET,
  name: 'truth',
  lrsA: 2.0e5,
  lrsB: 0.7,
  lrsSigmaA: 50,
  lrsSigmaB: 1.5,
  lrsSigmaFloor: 0.005,
  hrsLnR0: 10,
  hrsLnRSlope: 2.2,
  hrsSigma: 0.2,
  hrsTable: null,
  d2dSigma: 0.3,
  vSetMeanV: 0.9,
  vSetSigmaV: 0.08,
  vResetMeanV: -1.05,
  vResetSigmaV: 0.03
}
const model = createDeviceModel(truth)
const currents = [40, 60, 80, 100, 120, 140, 160].map((i) => i * 1e-6)
const vStops = [-1.0, -1.1, -1.2, -1.3, -1.4, -1.5, -1.6]

function synthetic(seed: number) {
  const rng = RandomStream.fromSeed(seed)
  const lrs = { iComplianceA: [] as number[], rLrsOhm: [] as number[] }
  for (const iC of currents)
    for (let k = 0; k < 400; k++) {
      lrs.iComplianceA.push(iC)
      lrs.rLrsOhm.push(1 / model.drawSetConductanceS(iC, rng))
    }
  // Each V_STOP measured on 400 different devices: spread = d2d and c2c together.
  const hrs = { vStopV: [] as number[], rHrsOhm: [] as number[] }
  for (const v of vStops)
    for (let k = 0; k < 400; k++) {
      hrs.vStopV.push(v)
      hrs.rHrsOhm.push(1 / model.drawResetConductanceS(v, rng, drawD2dFactor(truth, rng)))
    }
  // One device cycled 2000 times at V_STOP = −1.3 V: c2c spread only.
  const cycles = { rLrsOhm: [] as number[], rHrsOhm: [] as number[] }
  const d = drawD2dFactor(truth, rng)
  for (let k = 0; k < 2000; k++) {
    cycles.rLrsOhm.push(1 / model.drawSetConductanceS(100e-6, rng, d))
    cycles.rHrsOhm.push(1 / model.drawResetConductanceS(-1.3, rng, d))
  }
  return { lrs, hrs, cycles }
}

describe('fitting a preset recovers the parameters that generated the data', () => {
  const data = synthetic(77)
  const sweep = simulateSweep(model, { vMaxV: 2.5, vStopV: -1.5, stepV: 0.005, iComplianceA: 100e-6, cycles: 200 }, RandomStream.fromSeed(3))
  const { preset, report } = fitPreset({
    name: 'fitted',
    source: 'synthetic',
    lrsVsCompliance: data.lrs,
    hrsVsVStop: data.hrs,
    cycles: data.cycles,
    sweeps: [{ v: sweep.v, i: sweep.i }],
    hrsTable: false
  })

  it('LRS power law and its spread law', () => {
    // Tolerances ≈ 4 standard errors, measured over seeds (OLS in log–log, 2800 points, σ 0.2 … 0.03).
    expect(preset.lrsA / truth.lrsA).toBeGreaterThan(0.85)
    expect(preset.lrsA / truth.lrsA).toBeLessThan(1.15)
    expect(Math.abs(preset.lrsB - truth.lrsB)).toBeLessThan(0.03)
    expect(preset.lrsSigmaB).toBeGreaterThan(1.3)
    expect(preset.lrsSigmaB).toBeLessThan(1.7)
    for (const iC of [50e-6, 150e-6]) {
      const want = truth.lrsSigmaA * Math.pow(iC / 1e-6, -truth.lrsSigmaB)
      const got = preset.lrsSigmaA * Math.pow(iC / 1e-6, -preset.lrsSigmaB)
      expect(got / want).toBeGreaterThan(0.9)
      expect(got / want).toBeLessThan(1.1)
    }
  })

  it('HRS law, cycle-to-cycle σ and device-to-device σ (variance decomposition)', () => {
    // ≈ 4 standard errors (2800 devices, σ ≈ 0.36 of ln R): slope ±0.12 /V, intercept ±0.16.
    expect(Math.abs(preset.hrsLnRSlope - truth.hrsLnRSlope)).toBeLessThan(0.12)
    expect(Math.abs(preset.hrsLnR0 - truth.hrsLnR0)).toBeLessThan(0.16)
    expect(preset.hrsSigma).toBeCloseTo(truth.hrsSigma, 1)
    expect(preset.d2dSigma).toBeGreaterThan(0.25)
    expect(preset.d2dSigma).toBeLessThan(0.35)
    expect(preset.hrsTable).toBeNull()
  })

  it('switching voltages from raw sweeps', () => {
    // The extracted V_set is the first grid point above the drawn one: biased up by ≈ step/2.
    expect(Math.abs(preset.vSetMeanV - truth.vSetMeanV)).toBeLessThan(0.015)
    expect(Math.abs(preset.vSetSigmaV - truth.vSetSigmaV)).toBeLessThan(0.015)
    expect(Math.abs(preset.vResetMeanV - truth.vResetMeanV)).toBeLessThan(0.015)
    expect(Math.abs(preset.vResetSigmaV - truth.vResetSigmaV)).toBeLessThan(0.015)
  })

  it('reports data vs model points and residuals for every fit', () => {
    expect(report.sections.map((s) => s.id)).toEqual(['lrs-vs-compliance', 'lrs-spread', 'hrs-vs-vstop', 'cycles', 'sweeps'])
    for (const s of report.sections) {
      for (const series of s.series) {
        expect(series.yData.length).toBe(series.x.length)
        expect(series.yModel.length).toBe(series.x.length)
        expect(series.residual.length).toBe(series.x.length)
      }
    }
    const means = report.sections[0].series[1]
    expect(Math.max(...means.residual.map(Math.abs))).toBeLessThan(0.08)
    expect(report.unfittedFields).toContain('vReadV')
    expect(report.unfittedFields).not.toContain('lrsA')
  })
})

describe('fit input errors name the field', () => {
  it('one compliance current cannot give a power law', () => {
    expect(() => fitPreset({ name: 'x', source: 'y', lrsVsCompliance: { iComplianceA: [1e-4, 1e-4], rLrsOhm: [1e4, 1.1e4] } })).toThrow(
      /lrsVsCompliance\.iComplianceA: needs at least 2 distinct compliance currents/
    )
  })
  it('a non-positive resistance is reported with its index', () => {
    const e = (() => {
      try {
        fitPreset({ name: 'x', source: 'y', hrsVsVStop: { vStopV: [-1, -1.2], rHrsOhm: [1e5, -3] } })
      } catch (err) {
        return err
      }
    })()
    expect(e).toBeInstanceOf(FitInputError)
    expect((e as FitInputError).field).toBe('hrsVsVStop.rHrsOhm[1]')
  })
  it('missing data without base values is an error, not a half-made preset', () => {
    expect(() => fitPreset({ name: 'x', source: 'y', hrsVsVStop: { vStopV: [-1, -1.2], rHrsOhm: [1e5, 2e5] } })).toThrow(/no data and no base value for lrsA/)
  })
  it('base values fill what the data do not give', () => {
    const { preset } = fitPreset({ name: 'x', source: 'y', hrsVsVStop: { vStopV: [-1, -1.2, -1, -1.2], rHrsOhm: [1e5, 2e5, 1.2e5, 2.1e5] }, base: DEFAULT_PRESET })
    expect(preset.lrsA).toBe(DEFAULT_PRESET.lrsA)
    expect(preset.hrsLnRSlope).toBeGreaterThan(0)
  })
})
