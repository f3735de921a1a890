import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { simulateSweep } from '../../../src-core/device/iv-sweep'
import { createDeviceModel } from '../../../src-core/device/model'
import { DEFAULT_PRESET } from '../../../src-core/device/presets'
import { RandomStream } from '../../../src-core/random'
import { tempDir } from '../../services/store/test-helpers'
import { findAppRoot } from '../../services/store/migrations'
import { fitFile } from './device'

const root = findAppRoot()

describe('device fit', () => {
  it('refits the default preset’s LRS law from the same Bianchi 2023 file', () => {
    const { preset } = fitFile(path.join(root, 'data/bianchi-2023/siox-lrs-vs-compliance.csv'), 'lrs-vs-ic')
    expect(preset.lrsA).toBeCloseTo(DEFAULT_PRESET.lrsA, 6)
    expect(preset.lrsB).toBeCloseTo(DEFAULT_PRESET.lrsB, 9)
  })

  it('recovers V_set and V_reset from a simulated I–V file', () => {
    const p = { ...DEFAULT_PRESET, vSetMeanV: 1.3, vResetMeanV: -1.1 }
    const t = simulateSweep(createDeviceModel(p), { vMaxV: 2.5, vStopV: -1.6, stepV: 0.02, iComplianceA: 150e-6, cycles: 30 }, RandomStream.fromSeed(5))
    const rows = ['v_V,i_A,cycle']
    for (let k = 0; k < t.v.length; k++) rows.push(`${t.v[k]},${t.i[k]},${t.cycle[k]}`)
    const file = path.join(tempDir(), 'sweep.csv')
    fs.writeFileSync(file, rows.join('\n'))
    const { preset, report } = fitFile(file, 'iv', 'die 5')
    expect(preset.name).toBe('die 5')
    expect(Math.abs(preset.vSetMeanV - 1.3)).toBeLessThan(0.05)
    expect(Math.abs(preset.vResetMeanV + 1.1)).toBeLessThan(0.05)
    expect(report.sections.map((s) => s.id)).toEqual(['sweeps'])
  })

  it('reads the PyMeasure-style file the I–V panel imports (# headers, named columns in mV and mA)', () => {
    const p = { ...DEFAULT_PRESET, vSetMeanV: 1.3, vResetMeanV: -1.1 }
    const t = simulateSweep(createDeviceModel(p), { vMaxV: 2.5, vStopV: -1.6, stepV: 0.02, iComplianceA: 150e-6, cycles: 30 }, RandomStream.fromSeed(5))
    const rows = ['#Procedure: <__main__.IVProcedure>', '#Parameters:', '#\tMaximum voltage: 2.5 V', '#Data:', 'Cycle,Voltage (mV),Current (mA)']
    for (let k = 0; k < t.v.length; k++) rows.push(`${t.cycle[k]},${t.v[k] * 1e3},${t.i[k] * 1e3}`)
    const file = path.join(tempDir(), 'pymeasure.csv')
    fs.writeFileSync(file, rows.join('\n'))
    const { preset } = fitFile(file, 'iv', 'die 6')
    expect(Math.abs(preset.vSetMeanV - 1.3)).toBeLessThan(0.05)
    expect(Math.abs(preset.vResetMeanV + 1.1)).toBeLessThan(0.05)
  })

  it('refuses an unknown kind, or a file of another kind, naming what was expected', () => {
    const file = path.join(root, 'data/bianchi-2023/siox-hrs-vs-vstop.csv')
    expect(() => fitFile(file, 'magic')).toThrow(/--kind: expected one of iv, lrs-vs-ic/)
    expect(() => fitFile(file, 'cycles')).toThrow(/expected lrs-hrs-cycles/)
  })
})
