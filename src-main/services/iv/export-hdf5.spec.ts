import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Dataset, File as H5File, Group } from 'h5wasm/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../api/dispatch'
import { Services } from '..'
import { loadH5wasm, writeHdf5 } from './export-hdf5'
import { HDF5_FORMAT } from './hdf5-layout'
import { ivRecipeSchema } from './recipe-schema'

let services: Services
let h5: Awaited<ReturnType<typeof loadH5wasm>>
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iv-h5-spec-'))
const ctx = () => ({ services, transport: 'lab-host' as const, actor: 'test', appVersion: '0.0.0-test' })

beforeAll(async () => {
  h5 = await loadH5wasm()
  services = new Services({ dbFile: ':memory:' })
})
afterAll(async () => {
  await services.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const opened: H5File[] = []
afterEach(() => opened.splice(0).forEach((f) => f.close()))

async function run(recipe: Record<string, unknown>): Promise<number> {
  const s = await services.iv.start(ivRecipeSchema.parse(recipe))
  return (await services.iv.settled(s.id)).id
}

/** Export over the API, save the file as a user would, and open it with h5wasm. */
async function exportAndOpen(id: number): Promise<{ file: H5File; fileName: string }> {
  const r = await dispatch(ctx(), 'iv.exportHdf5', { id })
  if (!r.ok) throw new Error(r.error.message)
  const { fileName, base64 } = r.value as { fileName: string; base64: string }
  const target = path.join(dir, `${id}.h5`)
  fs.writeFileSync(target, Buffer.from(base64, 'base64'))
  const file = new h5.File(target, 'r')
  opened.push(file)
  return { file, fileName }
}

/** The CSV export of the same session: its `# key: value` header, and its data rows as columns of cells. */
async function csvOf(id: number): Promise<{ header: Map<string, string>; columns: Map<string, string[]> }> {
  const r = await dispatch(ctx(), 'iv.exportCsv', { id })
  if (!r.ok) throw new Error(r.error.message)
  const all = (r.value as { text: string }).text.trimEnd().split('\n')
  const header = new Map(all.filter((l) => /^# \w+: /.test(l)).map((l) => [l.slice(2, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]))
  const lines = all.filter((l) => !l.startsWith('#'))
  const names = lines[0].split(',')
  const columns = new Map(names.map((n) => [n, [] as string[]]))
  for (const line of lines.slice(1)) line.split(',').forEach((cell, k) => columns.get(names[k])!.push(cell))
  return { header, columns }
}

const dataset = (f: H5File, p: string) => {
  const d = f.get(p) as Dataset | null
  if (!d) throw new Error(`no dataset ${p}`)
  return d
}
// An empty CSV cell is NaN in HDF5; the CSV writes −0 as 0.
const csvNumber = (cell: string) => (cell === '' ? NaN : Number(cell))
const plain = (xs: ArrayLike<number>) => Array.from(xs, (x) => x + 0)

/** Every CSV column is one dataset of the group: same length, same values, a unit, the documented dtype. */
function expectSameAsCsv(file: H5File, group: string, csv: Map<string, string[]>, rows: number, units: Record<string, string>, dtypes: Record<string, string>) {
  expect((file.get(group) as Group).keys()).toEqual([...csv.keys()])
  for (const [name, cells] of csv) {
    const d = dataset(file, `${group}/${name}`)
    expect(cells, name).toHaveLength(rows)
    expect(d.shape, name).toEqual([rows])
    expect(d.dtype, name).toBe(dtypes[name])
    expect(d.attrs.unit?.value, name).toBe(units[name])
    const value = d.value as ArrayLike<number> | string[]
    if (String(d.dtype).startsWith('S')) expect(value, name).toEqual(cells)
    else expect(plain(value as ArrayLike<number>), name).toEqual(cells.map(csvNumber))
  }
}

describe('iv.exportHdf5', () => {
  it('an I_C sweep: /points holds every CSV column at full precision with its unit; /cycles the extraction and the fitted law', async () => {
    const id = await run({ recipe: 'ic-sweep', vStepV: 0.05, cyclesPerStep: 2, iComplianceListA: [60e-6, 150e-6], seed: 11, row: 2, col: 5, name: 'die 3: cell (2,5)' })
    const session = services.iv.get(id)
    const { file, fileName } = await exportAndOpen(id)
    // The session's name, with the characters a file system refuses replaced.
    expect(fileName).toBe('die 3- cell (2,5).h5')

    const attr = (k: string) => file.attrs[k]?.value
    const { header, columns: csv } = await csvOf(id)
    expect(attr('format')).toBe(HDF5_FORMAT)
    // Every key of the CSV header is a root attribute with the same value (numbers as numbers).
    for (const [k, v] of header) expect(String(attr(k)), k).toBe(v)
    expect(attr('app_version')).toBe(header.get('app_version'))
    expect(attr('session_id')).toBe(id)
    expect([attr('name'), attr('recipe'), attr('backend'), attr('device_preset')]).toEqual(['die 3: cell (2,5)', 'ic-sweep', 'simulated', session.devicePreset])
    expect([attr('seed'), attr('cell_row'), attr('cell_col'), attr('v_read_V')]).toEqual([11, 2, 5, session.vReadV])
    expect([attr('status'), attr('created_at')]).toEqual(['done', session.createdAt])
    expect(JSON.parse(attr('parameters') as string)).toEqual(session.params)
    expect(file.get('reads')).toBeNull()

    expectSameAsCsv(
      file,
      'points',
      csv,
      session.points,
      { index: '', cycle: '', step: '', branch: '', i_compliance_A: 'A', v_stop_V: 'V', t_s: 's', v_V: 'V', i_A: 'A', compliance: '' },
      { index: '<i', cycle: '<i', step: '<i', branch: 'S10', i_compliance_A: '<d', v_stop_V: '<d', t_s: '<d', v_V: '<d', i_A: '<d', compliance: '<B' }
    )
    // The two compliance steps really are in the file, beside the points they drove.
    expect(new Set(dataset(file, 'points/i_compliance_A').value as Float64Array)).toEqual(new Set([60e-6, 150e-6]))

    const a = services.iv.analysis(id)
    const cycles: [string, string, (number | null)[]][] = [
      ['cycle', '', a.cycles.cycle.map((c) => c + 1)], // files number cycles from 1, as the panel does
      ['step', '', a.cycles.step],
      ['i_compliance_A', 'A', a.cycles.iComplianceA],
      ['v_stop_V', 'V', a.cycles.vStopV],
      ['v_set_V', 'V', a.cycles.vSetV],
      ['v_reset_V', 'V', a.cycles.vResetV],
      ['i_reset_peak_A', 'A', a.cycles.iResetPeakA],
      ['r_lrs_ohm', 'Ohm', a.cycles.rLrsOhm],
      ['r_hrs_ohm', 'Ohm', a.cycles.rHrsOhm],
      ['on_off_ratio', '', a.cycles.onOffRatio]
    ]
    expect((file.get('cycles') as Group).keys()).toEqual(cycles.map((c) => c[0]))
    for (const [name, unit, values] of cycles) {
      const d = dataset(file, `cycles/${name}`)
      expect(values, name).toHaveLength(4)
      expect(d.attrs.unit?.value, name).toBe(unit)
      expect(Array.from(d.value as ArrayLike<number>), name).toEqual(values.map((v) => (v === null ? NaN : v)))
    }
    // R_LRS falls with I_C (the device law), and the file carries the fit the panel shows.
    const law = a.lrsByCompliance.law!
    expect(law.lrsB).toBeGreaterThan(0)
    const cyclesAttrs = (file.get('cycles') as Group).attrs
    expect([cyclesAttrs.lrs_law_a_ohm?.value, cyclesAttrs.lrs_law_b?.value]).toEqual([law.lrsA, law.lrsB])
  })

  it('a cycling session: /reads holds every read of the CSV; /cycles R_LRS and R_HRS per cycle', async () => {
    await run({ recipe: 'forming' })
    const id = await run({ recipe: 'cycling', cycles: 6 })
    const session = services.iv.get(id)
    const { file } = await exportAndOpen(id)
    expect(file.get('points')).toBeNull()
    expect(file.attrs.recipe?.value).toBe('cycling')
    const { columns: csv } = await csvOf(id)
    expectSameAsCsv(
      file,
      'reads',
      csv,
      session.reads,
      { index: '', cycle: '', step: '', after: '', pulses: '', i_compliance_A: 'A', v_stop_V: 'V', v_read_V: 'V', i_read_A: 'A', r_ohm: 'Ohm' },
      { index: '<i', cycle: '<i', step: '<i', after: 'S5', pulses: '<i', i_compliance_A: '<d', v_stop_V: '<d', v_read_V: '<d', i_read_A: '<d', r_ohm: '<d' }
    )
    expect(new Set(dataset(file, 'reads/after').value as string[])).toEqual(new Set(['set', 'reset']))
    const rLrs = dataset(file, 'cycles/r_lrs_ohm').value as Float64Array
    const rHrs = dataset(file, 'cycles/r_hrs_ohm').value as Float64Array
    expect(rLrs).toHaveLength(6)
    rLrs.forEach((r, k) => expect(r).toBeLessThan(rHrs[k]))
  })

  it('an imported session names its source file and leaves out the seed and cell it does not know', async () => {
    const sweep = await run({ recipe: 'dc-sweep', vStepV: 0.1, cycles: 1 })
    const text = ((await dispatch(ctx(), 'iv.exportCsv', { id: sweep })) as { value: { text: string } }).value.text
    const imported = services.iv.importCsv({ text, fileName: 'bench.csv', mapping: { v: 7, i: 8, cycle: 1, vUnit: 'V', iUnit: 'A' }, vReadV: 0.1 }, 'test')
    const { file } = await exportAndOpen(imported.id)
    expect(file.attrs.source_file?.value).toBe('bench.csv')
    expect(file.attrs.backend?.value).toBe('import')
    for (const k of ['seed', 'cell_row', 'cell_col']) expect(file.attrs[k], k).toBeUndefined()
    expect(dataset(file, 'points/v_V').shape).toEqual([imported.points])
  })

  it('a session that does not exist is a not-found error naming its id', async () => {
    const r = await dispatch(ctx(), 'iv.exportHdf5', { id: 987654 })
    expect(r).toMatchObject({ ok: false, error: { code: 'not-found', field: 'id' } })
    expect(!r.ok && r.error.message).toContain('987654')
    expect(await dispatch(ctx(), 'iv.exportHdf5', { id: 1, extra: true })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('leaves no temporary file behind, after a success and after a failed write', async () => {
    const mine = () => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('rram-iv-h5-'))
    const before = mine()
    const bytes = await writeHdf5({ attributes: [{ name: 'format', value: HDF5_FORMAT }], groups: [] })
    // An HDF5 file starts with its signature.
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a])
    const column = { name: 'v_V', unit: 'V', description: '', kind: 'float64' as const, data: new Float64Array(3) }
    // The same dataset twice: refused mid-file, naming it.
    await expect(writeHdf5({ attributes: [], groups: [{ name: 'points', attributes: [], columns: [column, column] }] })).rejects.toThrow('dataset /points/v_V written twice')
    expect(mine()).toEqual(before)
  })
})
