import { describe, expect, it } from 'vitest'
import { createDeviceModel, DEFAULT_PRESET } from '../device'
import { RramArray } from './array-state'
import { binaryThresholdS } from './program-array'
import { readArrayMap } from './read-map'
import { DEFAULT_DRIFT, logTimes, retentionSeries } from './retention'
import { checkerboardTarget, defaultLevelsS } from './targets'

const model = createDeviceModel(DEFAULT_PRESET)

describe('read maps', () => {
  it('repeated reads show the preset read noise and average to the true conductance', () => {
    const a = new RramArray(model, { rows: 8, cols: 8, seed: 2, initialState: 'lrs' })
    const m = readArrayMap(a, 0.1, 1e-6, 200)
    const noise = m.readNoiseRel.reduce((s, x) => s + x, 0) / m.readNoiseRel.length
    expect(noise).toBeGreaterThan(DEFAULT_PRESET.readNoiseRel * 0.9)
    expect(noise).toBeLessThan(DEFAULT_PRESET.readNoiseRel * 1.1)
    for (let k = 0; k < a.cells; k++) expect(Math.abs(m.gMeanS[k] / a.gS[k] - 1)).toBeLessThan(0.005)
    expect(a.reads[0]).toBe(200)
  })
})

describe('retention', () => {
  const a = new RramArray(model, { rows: 16, cols: 16, seed: 4, initialState: 'hrs' })
  const t = checkerboardTarget(16, 16, defaultLevelsS(model, 2))
  for (let k = 0; k < a.cells; k++) if (t.level[k] === 1) a.set(k, 1.5, 100e-6, 1e-6)
  const opts = { timesS: logTimes(1, 1e6, 7), cellsPerLevel: 128, vReadV: 0.1, readSeconds: 1e-6 }

  it('with the drift model, the HRS mean falls as t^−ν over six decades; without it, it stays put', () => {
    const drift = retentionSeries(a, t, binaryThresholdS(t), { ...opts, drift: DEFAULT_DRIFT })
    const hrs = drift[0]
    const ratio = hrs.meanS[hrs.meanS.length - 1] / hrs.meanS[0]
    expect(ratio).toBeCloseTo(Math.pow(1e6, -DEFAULT_DRIFT.nuHrs), 1)
    const flat = retentionSeries(a, t, binaryThresholdS(t), { ...opts, drift: null })
    expect(Math.abs(flat[0].meanS[6] / flat[0].meanS[0] - 1)).toBeLessThan(0.01)
    expect(flat[1].p10S[0]).toBeLessThan(flat[1].p90S[0])
  })
})
