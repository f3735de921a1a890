import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_PRESET } from '../../../src-core/device/presets'
import { InstrumentService } from '../instruments/instrument-service'
import { IvService } from '../iv/iv-service'
import { ivRecipeSchema } from '../iv/recipe-schema'
import { LabStore } from '../store'
import { PresetsService } from './presets-service'

let store: LabStore
let presets: PresetsService
let iv: IvService

beforeEach(() => {
  store = LabStore.open(':memory:', 'test')
  presets = new PresetsService(store)
  iv = new IvService({ store, instruments: new InstrumentService(), appVersion: 'test', preset: (n) => presets.get(n), progress: () => {} })
})
afterEach(() => store.close())

const sessionData = (id: number) => ({ id, name: iv.get(id).name, analysis: iv.analysis(id), points: iv.points(id) })
const run = async (r: Record<string, unknown>) => iv.settled((await iv.start(ivRecipeSchema.parse(r))).id)

describe('PresetsService', () => {
  it('lists the built-in preset first, then saved ones; names are unique; built-ins cannot be deleted', () => {
    expect(presets.list().map((p) => [p.name, p.builtin])).toEqual([[DEFAULT_PRESET.name, true]])
    presets.save({ ...DEFAULT_PRESET, name: 'cell B' }, 'test')
    expect(presets.list().map((p) => p.name)).toEqual([DEFAULT_PRESET.name, 'cell B'])
    expect(() => presets.save({ ...DEFAULT_PRESET, name: 'cell B' }, 'test')).toThrow(/already exists/)
    expect(() => presets.save({ ...DEFAULT_PRESET }, 'test')).toThrow(/built-in/)
    expect(() => presets.delete(DEFAULT_PRESET.name, 'test')).toThrow(/cannot be deleted/)
    presets.delete('cell B', 'test')
    expect(presets.list()).toHaveLength(1)
    expect(store.audit.recent(5).map((e) => e.action)).toEqual(['delete', 'create'])
  })

  it('refuses an invalid preset naming the field, and stores nothing', () => {
    expect(() => presets.save({ ...DEFAULT_PRESET, name: 'bad', vReadV: -1 }, 'test')).toThrow(/vReadV/)
    expect(() => presets.save({ name: 'half' }, 'test')).toThrow(/lrsA/)
    expect(presets.repo.list()).toEqual([])
  })

  it('fits from an I_C sweep and a V_STOP sweep of a simulated die and recovers its laws', async () => {
    const ic = await run({ recipe: 'ic-sweep', vStepV: 0.02, cyclesPerStep: 8, iComplianceListA: [50e-6, 80e-6, 110e-6, 140e-6, 160e-6] })
    const vs = await run({ recipe: 'vstop-sweep', vStepV: 0.02, cyclesPerStep: 8, vStopListV: [-1.0, -1.2, -1.4, -1.6], row: 1 })
    const { preset, report } = presets.fit('fitted die', [sessionData(ic.id), sessionData(vs.id)], undefined)
    // The exponent the simulator was given, within its sampling error.
    expect(preset.lrsB).toBeCloseTo(DEFAULT_PRESET.lrsB, 0)
    expect(Math.abs(preset.lrsB - DEFAULT_PRESET.lrsB)).toBeLessThan(0.15)
    expect(preset.hrsLnRSlope).toBeGreaterThan(0)
    expect(Math.abs(preset.vSetMeanV - DEFAULT_PRESET.vSetMeanV)).toBeLessThan(0.1)
    expect(report.sections.map((s) => s.id)).toEqual(expect.arrayContaining(['lrs-vs-compliance', 'hrs-vs-vstop', 'sweeps']))
    expect(preset.source).toContain(`#${ic.id}`)
    presets.save(preset, 'test')
    expect(presets.get('fitted die').lrsA).toBe(preset.lrsA)
  })

  it('a single-I_C DC sweep rescales the LRS law through the measured median and says so', async () => {
    const s = await run({ recipe: 'dc-sweep', vStepV: 0.02, cycles: 20, iComplianceA: 100e-6 })
    const a = iv.analysis(s.id)
    const { preset, report } = presets.fit('one current', [sessionData(s.id)], undefined)
    const med = [...a.cycles.rLrsOhm].map(Number).sort((x, y) => x - y)[10]
    const model = preset.lrsA * Math.pow(100, -preset.lrsB)
    expect(Math.abs(Math.log(model / med))).toBeLessThan(0.1)
    expect(report.sections.flatMap((x) => x.notes).join(' ')).toMatch(/One compliance current/)
  })

  it('refuses a fit with nothing to fit, naming the sessions', async () => {
    const f = await run({ recipe: 'forming' })
    expect(() => presets.fit('x', [sessionData(f.id)], undefined)).toThrow(/sweepIds/)
  })
})
