import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Dataset, File as H5File } from 'h5wasm/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_PRESET } from '../../../src-core/device/presets'
import { InstrumentService } from '../instruments/instrument-service'
import { LabStore } from '../store'
import { CSV_FORMAT } from './export-csv'
import { loadH5wasm } from './export-hdf5'
import { HDF5_FORMAT } from './hdf5-layout'
import type { ColumnMapping } from './import-csv'
import { IvService } from './iv-service'
import { ivRecipeSchema } from './recipe-schema'

/**
 * Cycles in files are numbered as the I–V panel shows them (from 1): CSV `iv-long-v2`, HDF5
 * `iv-hdf5-v2`. A v1 file (from 0) still imports, shifted; a v2 file with a cycle below 1 is refused.
 */
let store: LabStore
let iv: IvService
let h5: Awaited<ReturnType<typeof loadH5wasm>>
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iv-cycles-spec-'))
const v1Fixture = fs.readFileSync(path.join(__dirname, 'fixtures', 'iv-long-v1-sweep.csv'), 'utf8')

beforeAll(async () => {
  h5 = await loadH5wasm()
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
beforeEach(() => {
  store = LabStore.open(':memory:', 'test')
  iv = new IvService({ store, instruments: new InstrumentService(), appVersion: 'test', preset: () => DEFAULT_PRESET, progress: () => {} })
})
afterEach(() => store.close())

const runTo = async (recipe: Record<string, unknown>) => iv.settled((await iv.start(ivRecipeSchema.parse(recipe))).id)
/** The cycle numbers the panel shows for a session (its Cycles table and endurance plot: stored + 1). */
const shownCycles = (id: number) => iv.analysis(id).cycles.cycle.map((c) => c + 1)
/** Data rows of a long CSV as objects keyed by column name. */
function rowsOf(text: string): Record<string, string>[] {
  const lines = text
    .trimEnd()
    .split('\n')
    .filter((l) => !l.startsWith('#'))
  const names = lines[0].split(',')
  return lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((cell, k) => [names[k], cell])))
}
const distinct = <T>(xs: T[]): T[] => [...new Set(xs)]
/** Import as the dialog does: the preview's guessed mapping, unchanged. */
function importAsDialog(text: string, fileName: string) {
  const guess = iv.preview(text).guess as ColumnMapping
  return iv.importCsv({ text, fileName, mapping: guess, vReadV: 0.1 }, 'test')
}
const storedBlocks = () => (store.db.prepare('SELECT count(*) AS n FROM iv_point_blocks').get() as { n: number }).n

describe('cycle numbers in exported I–V files', () => {
  it('CSV and HDF5 number cycles from 1, as the panel shows them', async () => {
    const s = await runTo({ recipe: 'dc-sweep', vStepV: 0.1, cycles: 3 })
    expect(shownCycles(s.id)).toEqual([1, 2, 3])
    const { text } = iv.exportCsv(s.id)
    expect(text.split('\n')[0]).toBe(`# rram-workbench I–V session export (format: docs/export-formats.md, ${CSV_FORMAT})`)
    expect(CSV_FORMAT).toBe('iv-long-v2')
    expect(distinct(rowsOf(text).map((r) => Number(r.cycle)))).toEqual([1, 2, 3])

    const target = path.join(dir, `${s.id}.h5`)
    fs.writeFileSync(target, (await iv.exportHdf5(s.id)).bytes)
    const file: H5File = new h5.File(target, 'r')
    try {
      expect(file.attrs.format?.value).toBe(HDF5_FORMAT)
      expect(HDF5_FORMAT).toBe('iv-hdf5-v2')
      expect(distinct(Array.from((file.get('points/cycle') as Dataset).value as Int32Array))).toEqual([1, 2, 3])
      expect(Array.from((file.get('cycles/cycle') as Dataset).value as Int32Array)).toEqual([1, 2, 3])
    } finally {
      file.close()
    }
  })

  it('a pulse session (reads) numbers its cycles from 1 too', async () => {
    await runTo({ recipe: 'forming' })
    const s = await runTo({ recipe: 'cycling', cycles: 4 })
    const rows = rowsOf(iv.exportCsv(s.id).text)
    expect(distinct(rows.map((r) => Number(r.cycle)))).toEqual(shownCycles(s.id))
    expect(rows[0].cycle).toBe('1')
  })

  it('export → import gives the same session: points, cycles as the panel shows them, extraction; and exports again identically', async () => {
    const s = await runTo({ recipe: 'dc-sweep', vStepV: 0.1, cycles: 3, seed: 4 })
    const first = iv.exportCsv(s.id).text
    const back = importAsDialog(first, 'back.csv')
    expect(back.cycles).toBe(3)
    expect(back.points).toBe(s.points)
    expect(back.params).toMatchObject({ cycleNumberedFrom: 1 })
    expect(shownCycles(back.id)).toEqual(shownCycles(s.id))
    const [a, b] = [iv.points(s.id), iv.points(back.id)]
    expect(Array.from(b.cycle)).toEqual(Array.from(a.cycle))
    const plain = (x: ArrayLike<number>) => Array.from(x, (v) => v + 0) // the CSV writes −0 as 0
    expect(plain(b.vV)).toEqual(plain(a.vV))
    expect(plain(b.iA)).toEqual(plain(a.iA))
    expect(Array.from(b.compliance)).toEqual(Array.from(a.compliance))
    expect(iv.analysis(back.id).cycles.rLrsOhm).toEqual(iv.analysis(s.id).cycles.rLrsOhm)
    // The import's own export carries the same cycle column (1, 2, 3), not shifted once more.
    expect(rowsOf(iv.exportCsv(back.id).text).map((r) => r.cycle)).toEqual(rowsOf(first).map((r) => r.cycle))
  })

  it('a v1 file (cycles from 0) still imports: its cycle 0 is the panel’s cycle 1', () => {
    expect(v1Fixture.split('\n')[0]).toContain('iv-long-v1')
    const fileCycles = distinct(rowsOf(v1Fixture).map((r) => Number(r.cycle)))
    expect(fileCycles).toEqual([0, 1, 2])
    const s = importAsDialog(v1Fixture, 'iv-long-v1-sweep.csv')
    expect(s.cycles).toBe(3)
    expect(s.params).toMatchObject({ cycleNumberedFrom: 0 })
    expect(shownCycles(s.id)).toEqual(fileCycles.map((c) => c + 1))
    // Re-exported, it is a v2 file numbered from 1.
    const again = iv.exportCsv(s.id).text
    expect(again.split('\n')[0]).toContain('iv-long-v2')
    expect(distinct(rowsOf(again).map((r) => Number(r.cycle)))).toEqual([1, 2, 3])
  })

  it('refuses a v2 file with a cycle of 0, negative or fractional, naming line and column, and stores nothing', async () => {
    const s = await runTo({ recipe: 'dc-sweep', vStepV: 0.1, cycles: 2 })
    const good = iv.exportCsv(s.id).text
    const lines = good.split('\n')
    const dataStart = lines.findIndex((l) => l.startsWith('index,')) + 1
    const withCycle = (row: number, cycle: string) => lines.map((l, k) => (k === dataStart + row ? l.replace(/^(\d+),[^,]*,/, `$1,${cycle},`) : l)).join('\n')
    const before = { sessions: iv.list().length, blocks: storedBlocks() }
    const cases: [string, number][] = [
      ['0', 0],
      ['-1', 5],
      ['1.5', 17]
    ]
    for (const [bad, row] of cases) {
      const text = withCycle(row, bad)
      expect(() => importAsDialog(text, 'bad.csv')).toThrow(
        new RegExp(`^line ${dataStart + row + 1}, column 2 \\("cycle"\\): an iv-long-v2 file numbers cycles from 1 \\(whole numbers ≥ 1\\), got "${bad.replace('.', '\\.')}"$`)
      )
    }
    const newer = good.replace(/iv-long-v2/g, 'iv-long-v3')
    expect(() => importAsDialog(newer, 'newer.csv')).toThrow(/iv-long-v3, a newer format/)
    expect({ sessions: iv.list().length, blocks: storedBlocks() }).toEqual(before)
  })

  it('another file’s cycle column: from 0 when it holds a 0, else the numbers the panel shows', () => {
    const body = (first: number) => {
      const rows = ['V,I,cycle']
      for (let c = 0; c < 2; c++) for (const v of [0, 0.5, 1, 0.5, 0, -0.5, -1, -0.5]) rows.push(`${v},${v / 1e4},${c + first}`)
      return rows.join('\n')
    }
    const mapping = { v: 0, i: 1, cycle: 2, vUnit: 'V' as const, iUnit: 'A' as const }
    const zero = iv.importCsv({ text: body(0), fileName: 'zero.csv', mapping, vReadV: 0.1 }, 'test')
    const one = iv.importCsv({ text: body(1), fileName: 'one.csv', mapping, vReadV: 0.1 }, 'test')
    expect(shownCycles(zero.id)).toEqual([1, 2])
    expect(shownCycles(one.id)).toEqual([1, 2])
    expect([zero.params, one.params]).toMatchObject([{ cycleNumberedFrom: 0 }, { cycleNumberedFrom: 1 }])
  })
})
