import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { mean } from '../../stats'
import { parseMeasurementCsv } from '../measurement-csv'
import { hrsMeanOhm, lrsMeanOhm } from '../model'
import { BIANCHI_2023_FILES, BIANCHI_2023_PRESET_NAME, fitBianchi2023 } from './bianchi-2023-fit'
import { BUILTIN_PRESETS, DEFAULT_PRESET } from '.'

const root = join(__dirname, '../../..')
const texts = {
  lrsVsCompliance: readFileSync(join(root, BIANCHI_2023_FILES.lrsVsCompliance), 'utf8'),
  hrsVsVStop: readFileSync(join(root, BIANCHI_2023_FILES.hrsVsVStop), 'utf8'),
  cycles: readFileSync(join(root, BIANCHI_2023_FILES.cycles), 'utf8')
}

function byGroup(x: number[], y: number[]): Map<number, number[]> {
  const m = new Map<number, number[]>()
  x.forEach((v, k) => m.set(v, [...(m.get(v) ?? []), y[k]]))
  return m
}

describe('default preset "SiOx 1T1R (Bianchi 2023)"', () => {
  it('is exactly what the fitting code produces from the reference CSVs (not stale)', () => {
    const committed = JSON.parse(readFileSync(join(__dirname, 'siox-bianchi-2023.json'), 'utf8'))
    const { preset } = fitBianchi2023(texts)
    // Round-trip through JSON as the generator does; numbers compared to 1e-12 relative.
    const fresh = JSON.parse(JSON.stringify(preset))
    expect(Object.keys(committed).sort()).toEqual(Object.keys(fresh).sort())
    const compare = (a: unknown, b: unknown, path: string): void => {
      if (typeof a === 'number' && typeof b === 'number') {
        expect(Math.abs(a - b), path).toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(a), Math.abs(b)))
      } else if (a && typeof a === 'object' && b && typeof b === 'object') {
        for (const k of Object.keys(b)) compare((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`)
      } else expect(a, path).toEqual(b)
    }
    compare(committed, fresh, 'preset')
    expect(DEFAULT_PRESET.name).toBe(BIANCHI_2023_PRESET_NAME)
    expect(BUILTIN_PRESETS).toContain(DEFAULT_PRESET)
  })

  it('reproduces the mean R_LRS at each measured compliance current within 10 %', () => {
    const m = parseMeasurementCsv(texts.lrsVsCompliance)
    if (m.kind !== 'lrs-vs-compliance') throw new Error('kind')
    const groups = byGroup(m.iComplianceA, m.rLrsOhm)
    expect(groups.size).toBe(11)
    for (const [iC, r] of groups) expect(Math.abs(lrsMeanOhm(DEFAULT_PRESET, iC) / mean(r) - 1), `I_C = ${iC} A`).toBeLessThan(0.1)
  })

  it('reproduces the mean R_HRS at each measured stop voltage within 10 %', () => {
    const m = parseMeasurementCsv(texts.hrsVsVStop)
    if (m.kind !== 'hrs-vs-vstop') throw new Error('kind')
    const groups = byGroup(m.vStopV, m.rHrsOhm)
    expect(groups.size).toBe(13)
    for (const [v, r] of groups) expect(Math.abs(hrsMeanOhm(DEFAULT_PRESET, v) / mean(r) - 1), `V_STOP = ${v} V`).toBeLessThan(0.1)
  })

  it('keeps the measured trends: LRS falls with I_C with shrinking spread, HRS grows with |V_STOP|', () => {
    expect(DEFAULT_PRESET.lrsB).toBeGreaterThan(0)
    expect(DEFAULT_PRESET.lrsSigmaB).toBeGreaterThan(0)
    expect(DEFAULT_PRESET.hrsLnRSlope).toBeGreaterThan(0)
    // Bianchi 2023: mean ≈ 12 kΩ at 50 µA, ≈ 5.7 kΩ at 170 µA; CV ≈ 11 % at 50 µA, ≈ 1 % above 140 µA.
    expect(lrsMeanOhm(DEFAULT_PRESET, 50e-6)).toBeGreaterThan(11e3)
    expect(lrsMeanOhm(DEFAULT_PRESET, 50e-6)).toBeLessThan(13e3)
    expect(lrsMeanOhm(DEFAULT_PRESET, 170e-6)).toBeGreaterThan(5.2e3)
    expect(lrsMeanOhm(DEFAULT_PRESET, 170e-6)).toBeLessThan(6.2e3)
  })

  it('is frozen, so no caller can change the default for everyone', () => {
    expect(Object.isFrozen(DEFAULT_PRESET)).toBe(true)
    expect(Object.isFrozen(DEFAULT_PRESET.hrsTable!.vStopV)).toBe(true)
  })
})
