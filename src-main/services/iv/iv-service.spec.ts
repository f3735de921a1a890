import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_PRESET } from '../../../src-core/device/presets'
import { simulateSweep } from '../../../src-core/device/iv-sweep'
import { createDeviceModel } from '../../../src-core/device/model'
import { RandomStream } from '../../../src-core/random'
import { LabStore } from '../store'
import { InstrumentService } from '../instruments/instrument-service'
import { IvService, type IvProgress } from './iv-service'
import { ivRecipeSchema } from './recipe-schema'

let store: LabStore
let iv: IvService
let progress: IvProgress[]

beforeEach(() => {
  store = LabStore.open(':memory:', 'test')
  progress = []
  iv = new IvService({ store, instruments: new InstrumentService(), appVersion: 'test', preset: () => DEFAULT_PRESET, progress: (p) => progress.push(p) })
})
afterEach(() => store.close())

const runTo = async (svc: IvService, recipe: Parameters<IvService['start']>[0]) => svc.settled((await svc.start(recipe)).id)
const sweep = (over: Record<string, unknown> = {}) => ivRecipeSchema.parse({ recipe: 'dc-sweep', vStepV: 0.05, cycles: 5, ...over })

describe('IvService', () => {
  it('stores every point of a DC sweep, streams them, and extracts each cycle near the device law', async () => {
    const s = await iv.start(sweep())
    const done = await iv.settled(s.id)
    expect(done.status).toBe('done')
    const perCycle = 2 * 50 + 1 + 2 * 32
    expect(done.points).toBe(5 * perCycle)
    const streamed = progress.filter((p) => p.points).reduce((n, p) => n + p.points!.idx.length, 0)
    expect(streamed).toBe(done.points)
    expect(progress.at(-1)!.status).toBe('done')
    const a = iv.analysis(s.id)
    expect(a.cycles.cycle).toEqual([0, 1, 2, 3, 4])
    // R_LRS at I_C = 150 µA: within a factor 2 of the preset's median law.
    const lawLrs = DEFAULT_PRESET.lrsA * Math.pow(150, -DEFAULT_PRESET.lrsB)
    for (const r of a.cycles.rLrsOhm) expect(Math.abs(Math.log(r! / lawLrs))).toBeLessThan(Math.log(2))
    for (const k of a.cycles.cycle) expect(a.cycles.onOffRatio[k]!).toBeGreaterThan(1)
    const row = a.stats.find((r) => r.quantity === 'rLrsOhm')!
    expect(row.n).toBe(5)
  })

  it('one seed gives identical records on a fresh bench; another seed or cell differs', async () => {
    const a = await runTo(iv, sweep({ seed: 7 }))
    const store2 = LabStore.open(':memory:', 'test')
    const iv2 = new IvService({ store: store2, instruments: new InstrumentService(), appVersion: 'test', preset: () => DEFAULT_PRESET, progress: () => {} })
    const b = await runTo(iv2, sweep({ seed: 7 }))
    expect(iv2.points(b.id).iA).toEqual(iv.points(a.id).iA)
    const c = await runTo(iv2, sweep({ seed: 8, row: 1 }))
    expect(iv2.points(c.id).iA).not.toEqual(iv.points(a.id).iA)
    store2.close()
  })

  it('Stop ends a long sweep early and keeps every point received so far', async () => {
    const s = await iv.start(sweep({ cycles: 2000 }))
    await new Promise((r) => setTimeout(r, 30))
    const stopped = await iv.stop(s.id)
    expect(stopped.status).toBe('stopped')
    expect(stopped.points).toBeGreaterThan(0)
    expect(stopped.points).toBeLessThan(2000 * 165)
    const kept = iv.points(s.id)
    expect(kept.n).toBe(stopped.points)
    // Every point so far, in order: the cycle index never goes back.
    for (let k = 1; k < kept.n; k++) expect(kept.cycle[k]).toBeGreaterThanOrEqual(kept.cycle[k - 1])
    await expect(iv.stop(s.id)).rejects.toThrow(/not running/)
  })

  it('refuses a recipe beyond the instrument limits before storing anything', async () => {
    await expect(iv.start(sweep({ iComplianceA: 0.5e-3 }))).rejects.toThrow(/iComplianceA = 500.0 µA exceeds/)
    await expect(iv.start(sweep({ vSetMaxV: 5 }))).rejects.toThrow(/vSetMaxV = 5 V exceeds/)
    expect(iv.list()).toEqual([])
  })

  it('refuses a second recipe while one runs', async () => {
    const s = await iv.start(sweep({ cycles: 50 }))
    await expect(iv.start(sweep())).rejects.toThrow(/still running/)
    await iv.settled(s.id)
  })

  it('runs I_C and V_STOP sweeps whose groups follow the device law (R_LRS falls with I_C, R_HRS grows with |V_STOP|)', async () => {
    const ic = await runTo(iv, ivRecipeSchema.parse({ recipe: 'ic-sweep', vStepV: 0.05, cyclesPerStep: 4, iComplianceListA: [50e-6, 100e-6, 160e-6] }))
    const a = iv.analysis(ic.id)
    expect(a.lrsByCompliance.groups.map((g) => g.x)).toEqual([50e-6, 100e-6, 160e-6])
    expect(a.lrsByCompliance.law!.lrsB).toBeGreaterThan(0)
    const vs = await runTo(iv, ivRecipeSchema.parse({ recipe: 'vstop-sweep', vStepV: 0.05, cyclesPerStep: 6, vStopListV: [-1.0, -1.6] }))
    const h = iv.analysis(vs.id).hrsByVStop
    expect(h.law!.hrsLnRSlope).toBeGreaterThan(0)
  })

  it('cycling and pulsed recipes record a read after each SET and RESET; verify keeps HRS above its floor', async () => {
    // A pristine cell is formed first, then cycled (a SET pulse below V_forming does not form it).
    await iv.settled((await iv.start(ivRecipeSchema.parse({ recipe: 'forming' }))).id)
    const cyc = await iv.settled((await iv.start(ivRecipeSchema.parse({ recipe: 'cycling', cycles: 10 }))).id)
    expect(cyc.reads).toBe(20)
    const a = iv.analysis(cyc.id)
    expect(a.cycles.rLrsOhm.every((r, k) => r! < a.cycles.rHrsOhm[k]!)).toBe(true)
    const pul = await runTo(iv, ivRecipeSchema.parse({ recipe: 'pulsed', cycles: 10, rHrsMinOhm: 60e3, maxPulses: 50 }))
    const reads = iv.repo.reads(pul.id).filter((r) => r.after === 'reset')
    for (const r of reads) if (r.pulses < 50) expect(r.vReadV / r.iReadA).toBeGreaterThanOrEqual(60e3)
  })

  it('imports a CSV with mV/mA units and shuffled columns, and finds the cycles the simulator drew', () => {
    const trace = simulateSweep(createDeviceModel(DEFAULT_PRESET), { vMaxV: 2.5, vStopV: -1.6, stepV: 0.02, iComplianceA: 150e-6, cycles: 3 }, RandomStream.fromSeed(3))
    const lines = ['# Procedure: <IvSweep>', '# Parameters:', '#\tCompliance: 150 uA', 'Current (mA),Cycle,Voltage (mV)']
    for (let k = 0; k < trace.v.length; k++) lines.push(`${trace.i[k] * 1e3},${trace.cycle[k]},${trace.v[k] * 1e3}`)
    const text = lines.join('\n')
    const preview = iv.preview(text)
    expect(preview.comments[0]).toContain('Procedure')
    expect(preview.guess).toMatchObject({ v: 2, i: 0, cycle: 1, vUnit: 'mV', iUnit: 'mA' })
    const s = iv.importCsv({ text, fileName: 'cell.csv', mapping: { v: 2, i: 0, cycle: 1, vUnit: 'mV', iUnit: 'mA' }, vReadV: 0.1, iComplianceA: 150e-6 }, 'test')
    expect(s.points).toBe(trace.v.length)
    const a = iv.analysis(s.id)
    for (let c = 0; c < 3; c++) expect(a.cycles.rLrsOhm[c]! / trace.truth.rLrsOhm[c]).toBeCloseTo(1, 1)
  })

  it('an unreadable file is refused naming the line and column, and nothing is stored', () => {
    const before = iv.list().length
    expect(() => iv.importCsv({ text: 'V,I\n0.1,1e-6\n0.2,oops\n0.3,3e-6\n', fileName: 'x.csv', mapping: { v: 0, i: 1, vUnit: 'V', iUnit: 'A' }, vReadV: 0.1 }, 't')).toThrow(/line 3, column 2.*oops/)
    expect(() => iv.importCsv({ text: '\u0000\u0001garbage\n%%%\n', fileName: 'x.bin', mapping: { v: 0, i: 1, vUnit: 'V', iUnit: 'A' }, vReadV: 0.1 }, 't')).toThrow()
    expect(iv.list().length).toBe(before)
    expect(store.db.prepare('SELECT count(*) AS n FROM iv_point_blocks').get()).toEqual({ n: 0 })
  })

  it('exports long-format CSV with SI column names and the recipe in a commented header', async () => {
    const s = await runTo(iv, sweep({ cycles: 2, name: 'cell A' }))
    const { text, fileName } = iv.exportCsv(s.id)
    // The same name as the HDF5 export of the session.
    expect(fileName).toBe('cell A.csv')
    expect((await iv.exportHdf5(s.id)).fileName).toBe('cell A.h5')
    const lines = text.trimEnd().split('\n')
    expect(lines.filter((l) => l.startsWith('#')).join('\n')).toMatch(/recipe: dc-sweep[\s\S]*"iComplianceA":0.00015/)
    const header = lines.find((l) => !l.startsWith('#'))!
    expect(header).toBe('index,cycle,step,branch,i_compliance_A,v_stop_V,t_s,v_V,i_A,compliance')
    expect(lines.length - lines.indexOf(header) - 1).toBe(s.points)
  })

  it('an exported sweep imports back with the same extraction', async () => {
    const s = await runTo(iv, sweep({ cycles: 3 }))
    const { text } = iv.exportCsv(s.id)
    const p = iv.preview(text)
    const col = (name: string) => p.columns.indexOf(name)
    const back = iv.importCsv(
      { text, fileName: 'back.csv', mapping: { v: col('v_V'), i: col('i_A'), cycle: col('cycle'), compliance: col('compliance'), time: col('t_s'), vUnit: 'V', iUnit: 'A' }, vReadV: 0.1 },
      'test'
    )
    // Same numbers (CSV writes −0 as 0, which === treats as equal).
    const plain = (a: Float64Array) => Array.from(a, (x) => x + 0)
    expect(plain(iv.points(back.id).iA)).toEqual(plain(iv.points(s.id).iA))
    expect(iv.analysis(back.id).cycles.rLrsOhm).toEqual(iv.analysis(s.id).cycles.rLrsOhm)
  })

  it('marks sessions left running by a crash as interrupted at the next open', () => {
    const id = iv.repo.create({ name: 'x', recipe: 'dc-sweep', params: {}, seed: 1, backend: 'simulated', devicePreset: null, cellRow: 0, cellCol: 0, vReadV: 0.1 })
    const again = new IvService({ store, instruments: new InstrumentService(), appVersion: 'test', preset: () => DEFAULT_PRESET, progress: () => {} })
    expect(again.get(id).status).toBe('interrupted')
  })
})
