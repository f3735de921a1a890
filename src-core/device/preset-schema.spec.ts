import { describe, expect, it } from 'vitest'
import { DevicePresetError, devicePresetSchema, parseDevicePreset } from './preset-schema'
import { DEFAULT_PRESET } from './presets'

function issuesOf(input: unknown): { field: string; message: string }[] {
  try {
    parseDevicePreset(input)
  } catch (e) {
    if (e instanceof DevicePresetError) return e.issues
    throw e
  }
  return []
}

describe('device preset schema', () => {
  it('accepts the default preset and a preset without HRS table', () => {
    expect(parseDevicePreset(JSON.parse(JSON.stringify(DEFAULT_PRESET)))).toEqual(DEFAULT_PRESET)
    const { hrsTable: _omit, ...noTable } = DEFAULT_PRESET
    void _omit
    expect(() => parseDevicePreset(noTable)).not.toThrow()
  })

  it('names each bad field', () => {
    const issues = issuesOf({ ...DEFAULT_PRESET, lrsA: -1, vResetMeanV: 0.9, readNoiseRel: 'x' })
    expect(issues.map((i) => i.field).sort()).toEqual(['lrsA', 'readNoiseRel', 'vResetMeanV'])
    expect(() => parseDevicePreset({ ...DEFAULT_PRESET, lrsA: -1 })).toThrow(/invalid device preset: lrsA:/)
  })

  it('checks the HRS table: lengths, order, sign', () => {
    const t = DEFAULT_PRESET.hrsTable!
    const issues = issuesOf({ ...DEFAULT_PRESET, hrsTable: { vStopV: [...t.vStopV].reverse(), lnRMedian: t.lnRMedian.slice(1), lnRSigma: t.lnRSigma } })
    const fields = issues.map((i) => i.field)
    expect(fields).toContain('hrsTable.lnRMedian')
    expect(fields.some((f) => f.startsWith('hrsTable.vStopV.'))).toBe(true)
    expect(issuesOf({ ...DEFAULT_PRESET, hrsTable: { vStopV: [1, 2], lnRMedian: [1, 2], lnRSigma: [0, 0] } }).map((i) => i.field)).toContain('hrsTable.vStopV.0')
  })

  it('catches inconsistent voltages across fields', () => {
    expect(issuesOf({ ...DEFAULT_PRESET, vReadV: 1.5 }).map((i) => i.field)).toEqual(['vReadV'])
    expect(issuesOf({ ...DEFAULT_PRESET, vFormingV: 0.5 }).map((i) => i.field)).toEqual(['vFormingV'])
  })

  it('documents units in every field description', () => {
    const shape = devicePresetSchema.shape
    for (const [key, s] of Object.entries(shape)) expect((s as { description?: string }).description, key).toBeTruthy()
  })
})
