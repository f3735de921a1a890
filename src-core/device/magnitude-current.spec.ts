import { describe, expect, it } from 'vitest'
import { RandomStream } from '../random'
import { fitPreset, MAGNITUDE_CURRENT_NOTE } from './fit'
import { simulateSweep } from './iv-sweep'
import { detectMagnitudeCurrent, parseMeasurementCsv, signedCurrent } from './measurement-csv'
import { createDeviceModel } from './model'
import { DEFAULT_PRESET } from './presets'

/** |I| files: analyzer exports that store the magnitude of the current (the RESET branch then reads I > 0 at V < 0). */

const p = { ...DEFAULT_PRESET, vSetMeanV: 1.3, vResetMeanV: -1.1 }
const sweep = simulateSweep(createDeviceModel(p), { vMaxV: 2.5, vStopV: -1.6, stepV: 0.02, iComplianceA: 150e-6, cycles: 30 }, RandomStream.fromSeed(5))
const csv = (abs: boolean) => ['v_V,i_A,cycle', ...Array.from(sweep.v, (v, k) => `${v},${abs ? Math.abs(sweep.i[k]) : sweep.i[k]},${sweep.cycle[k]}`)].join('\n')

describe('I–V files with |I| on the negative branch', () => {
  it('are told apart from signed files', () => {
    expect(parseMeasurementCsv(csv(true), 'iv-sweep')).toMatchObject({ kind: 'iv-sweep', currentWasMagnitude: true })
    expect(parseMeasurementCsv(csv(false), 'iv-sweep')).toMatchObject({ kind: 'iv-sweep', currentWasMagnitude: false })
    // A few noisy readings of either sign near 0 V, or a file with no negative branch, are not |I| files.
    expect(detectMagnitudeCurrent([0.1, 0.2, -0.01, -0.02], [1e-6, 2e-6, 1e-9, 2e-9])).toBe(false)
    expect(detectMagnitudeCurrent([-0.5, -1, -1.5, -0.5], [-5e-5, -1e-4, 1e-9, -5e-5])).toBe(false)
  })

  it('fit as the signed file does, and the report says the sign was given back', () => {
    const m = parseMeasurementCsv(csv(true), 'iv-sweep')
    if (m.kind !== 'iv-sweep') throw new Error('kind')
    expect(Array.from(signedCurrent(m.v, m.i))).toEqual(Array.from(sweep.i, (i, k) => (sweep.v[k] < 0 ? -Math.abs(i) : Math.abs(i))))
    const fromAbs = fitPreset({ name: 'abs', source: 'test', base: DEFAULT_PRESET, sweeps: [{ v: m.v, i: m.i, cycle: m.cycle! }] })
    const fromSigned = fitPreset({ name: 'signed', source: 'test', base: DEFAULT_PRESET, sweeps: [{ v: sweep.v, i: sweep.i, cycle: sweep.cycle }] })
    expect(fromAbs.preset.vResetMeanV).toBeCloseTo(fromSigned.preset.vResetMeanV, 9)
    expect(fromAbs.preset.vSetMeanV).toBeCloseTo(fromSigned.preset.vSetMeanV, 9)
    expect(Math.abs(fromAbs.preset.vResetMeanV + 1.1)).toBeLessThan(0.05)
    expect(fromAbs.report.sections.find((s) => s.id === 'sweeps')?.notes).toEqual([`${MAGNITUDE_CURRENT_NOTE} (sweep 1)`])
    expect(fromSigned.report.sections.find((s) => s.id === 'sweeps')?.notes).toEqual([])
  })
})
