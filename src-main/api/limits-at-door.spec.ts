// Issue 13, items 4, 8 and 9: limits and names are refused at the door, with the field named, and
// nothing is stored. Every case counts the notebook's rows before and after.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch } from './dispatch'
import { LIMITS } from './limits'
import { Services } from '../services'
import { tempDir } from '../services/store/test-helpers'

let services: Services
const ctx = () => ({ services, transport: 'lab-host' as const, actor: 'test', appVersion: '0.0.0-test' })
const base = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'table1-sweep.json'), 'utf8')).base
const count = (table: string) => (services.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
const rows = () => ({ runs: count('runs'), sweeps: count('sweeps'), iv: count('iv_sweeps'), arrays: count('arrays') })

beforeAll(() => {
  services = new Services({ dbFile: path.join(tempDir(), 'lab.sqlite'), runWorkers: 1 })
})
afterAll(() => services.close())

async function refused(op: string, input: unknown, error: Record<string, unknown>) {
  const before = rows()
  const t0 = performance.now()
  const r = await dispatch(ctx(), op, input)
  expect(r).toMatchObject({ ok: false, error })
  expect(rows()).toEqual(before)
  return performance.now() - t0
}

describe('sweep size (item 4)', () => {
  it('refuses a 706-byte sweep of 10⁶ cells in milliseconds, naming sweep.grid', async () => {
    const grid = Object.fromEntries(Array.from({ length: 6 }, (_, k) => [`agent.programming.x${k}`, Array.from({ length: 10 }, (_, j) => j)]))
    const ms = await refused('runs.startSweep', { sweep: { base, grid, seeds: { count: 1 } } }, { code: 'invalid-input', field: 'sweep.grid' })
    expect(ms).toBeLessThan(1000)
  })

  it('refuses more runs than the table allows (cells × seeds), naming sweep.seeds.count', async () => {
    const trials = Array.from({ length: 200 }, (_, j) => j + 1)
    await refused('runs.startSweep', { sweep: { base, grid: { trials }, seeds: { count: 200 } } }, { code: 'invalid-input', field: 'sweep.seeds.count' })
    expect(200 * 200).toBeGreaterThan(LIMITS.sweepRunsMax)
  })
})

describe('sweep errors keep their path (item 8)', () => {
  it('a bad base field is sweep.base.<field>', async () => {
    await refused(
      'runs.startSweep',
      { sweep: { base: { ...base, maxStepsPerTrial: -1 }, grid: { trials: [1, 2] }, seeds: { count: 1 } } },
      {
        field: 'sweep.base.maxStepsPerTrial',
        message: expect.stringContaining('sweep.base.maxStepsPerTrial:')
      }
    )
  })
  it('an unknown field of the sweep is sweep, not (root)', async () => {
    await refused('runs.startSweep', { sweep: { base, grid: { trials: [1] }, seeds: { count: 1 }, extra: 1 } }, { field: 'sweep', message: 'sweep: unknown field: extra' })
  })
  it('a bad grid value is sweep.grid.<path>', async () => {
    await refused('runs.startSweep', { sweep: { base, grid: { 'agent.programming.iComplianceUA': [-5] }, seeds: { count: 1 } } }, { field: 'sweep.grid.agent.programming.iComplianceUA' })
  })
})

describe('names and text (item 8)', () => {
  it('a NUL in a run name is refused with its field', async () => {
    await refused('runs.start', { spec: base, name: '\u0000run' }, { code: 'invalid-input', field: 'name' })
    await refused('runs.start', { spec: base, name: 'a\u0000b' }, { code: 'invalid-input', field: 'name' })
  })
  it('control characters in a name, and a lone surrogate anywhere, are refused with the field', async () => {
    await refused('arrays.create', { name: 'line\nbreak', rows: 2, cols: 2, seed: 1 }, { code: 'invalid-input', field: 'name' })
    await refused('runs.start', { spec: base, name: 'ok', notes: 'half \ud800 a pair' }, { code: 'invalid-input', field: 'notes' })
    await refused('runs.start', { spec: base, name: 'ok', tags: ['fine', 'tab\there'] }, { code: 'invalid-input', field: 'tags[1]' })
  })
})

describe('instrument limits before anything is stored (item 9)', () => {
  it('arrays.program with vSetV 5 V on a 2.5 V preset: refused, no run', async () => {
    const made = await dispatch(ctx(), 'arrays.create', { name: 'limits', rows: 4, cols: 4, seed: 1 })
    expect(made.ok).toBe(true)
    const arrayId = (made as { value: { id: number } }).value.id
    await refused('arrays.program', { arrayId, algorithm: 'binary', target: { kind: 'checkerboard' }, params: { vSetV: 5 } }, { code: 'limit', field: 'params.vSetV' })
    await refused('arrays.program', { arrayId, algorithm: 'binary', target: { kind: 'checkerboard' }, params: { vSetV: 6 } }, { code: 'invalid-input', field: 'params.vSetV' })
    await refused('arrays.program', { arrayId, algorithm: 'binary', target: { kind: 'checkerboard' }, params: { pulseWidthS: 10 } }, { code: 'invalid-input', field: 'params.pulseWidthS' })
  })

  it('iv.start with a 10 s pulse, a 2.5 V read or a 4 V SET: refused, no session', async () => {
    await refused('iv.start', { recipe: 'cycling', pulseWidthS: 10 }, { code: 'invalid-input', field: 'pulseWidthS' })
    await refused('iv.start', { recipe: 'dc-sweep', vReadV: 2.5 }, { code: 'invalid-input', field: 'vReadV' })
    await refused('iv.start', { recipe: 'cycling', vSetV: 4 }, { code: 'limit', field: 'vSetV' })
    await refused('iv.start', { recipe: 'ic-sweep', iComplianceListA: [50e-6, 900e-6] }, { code: 'limit', field: 'iComplianceListA[1]' })
  })
})

describe('board.connect opens serial ports only (item 11)', () => {
  it('refuses a regular file, a folder and a missing path alike, naming the field and not whether the file exists', async () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'x')
    const answers = []
    for (const p of ['/etc/passwd', dir, path.join(dir, 'secret.txt'), path.join(dir, 'missing'), '/dev/null', '/dev/ttyNOPE/../../etc/passwd']) {
      const r = await dispatch(ctx(), 'board.connect', { path: p })
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'path' } })
      const message = (r as { error: { message: string } }).error.message
      expect(message).not.toMatch(/ENOENT|no such file|exist|denied|directory/i)
      answers.push(message.replace(p, 'P'))
    }
    expect(new Set(answers).size).toBe(1)
  })
})

describe('I–V import unit plausibility (item 10)', () => {
  const csv = (rows: [number, number][]) => 'V,I\n' + rows.map(([v, i]) => `${v},${i}`).join('\n') + '\n'
  const sweep: [number, number][] = [
    [0, 0],
    [0.5, 20e-6],
    [1, 150e-6],
    [0.5, 60e-6],
    [0, 0],
    [-0.5, -40e-6],
    [-1, -5e-6],
    [0, 0]
  ]
  const mapping = (iUnit: 'A' | 'uA') => ({ v: 0, i: 1, vUnit: 'V', iUnit })

  it('refuses 5000 V or 10⁶ A, naming the line and the unit field, and stores nothing', async () => {
    const volts = sweep.map(([v, i], k): [number, number] => (k === 2 ? [5000, i] : [v, i]))
    await refused(
      'iv.importCsv',
      { text: csv(volts), fileName: 'kv.csv', mapping: mapping('A') },
      { code: 'invalid-input', field: 'mapping.vUnit', message: expect.stringMatching(/^line 4: V = 5000 V/) }
    )
    const amps = sweep.map(([v, i], k): [number, number] => (k === 5 ? [v, 1e6] : [v, i]))
    await refused(
      'iv.importCsv',
      { text: csv(amps), fileName: 'MA.csv', mapping: mapping('A') },
      { code: 'invalid-input', field: 'mapping.iUnit', message: expect.stringMatching(/^line 7: I = 1000000 A/) }
    )
  })

  it('imports amperes in a µA column with a warning, and a plausible file without one', async () => {
    const odd = await dispatch(ctx(), 'iv.importCsv', { text: csv(sweep), fileName: 'amps-as-uA.csv', mapping: mapping('uA') })
    expect(odd).toMatchObject({ ok: true, value: { warnings: [expect.stringMatching(/look like amperes in a µA column/)] } })
    const fine = await dispatch(ctx(), 'iv.importCsv', { text: csv(sweep), fileName: 'fine.csv', mapping: mapping('A') })
    expect(fine).toMatchObject({ ok: true, value: { warnings: [] } })
    const micro = await dispatch(ctx(), 'iv.importCsv', { text: csv(sweep.map(([v, i]) => [v, i * 1e3])), fileName: 'mA-as-A.csv', mapping: mapping('A') })
    expect(micro).toMatchObject({ ok: true, value: { warnings: [expect.stringMatching(/µA or mA read as amperes/)] } })
  })
})
