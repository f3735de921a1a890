import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Services } from '..'
import { tempDir } from '../store/test-helpers'
import { writeReport } from './report'

let services: Services | null = null
afterEach(async () => {
  await services?.close()
  services = null
})
const open = () => (services = new Services({ dbFile: path.join(tempDir(), 'lab.sqlite'), runWorkers: 2 }))

describe('ReproduceService', () => {
  it('fig5g: each transfer run starts from the state its own seed learned on the related task, stored with its provenance', async () => {
    const s = open()
    s.reproduce.start({ figures: ['fig5g'], seeds: 1 })
    const done = await s.reproduce.whenDone()
    const fig = done.figures[0]
    expect(done.state).toBe('done')
    expect(fig.state).toBe('done')
    expect(fig.runIds).toHaveLength(3) // the related task, from scratch, from the learned state
    const result = fig.result as { trials: { trial: number; beforeMeanMoves: number; afterMeanMoves: number }[]; partial?: true }
    expect(result.partial).toBeUndefined()
    expect(result.trials).toHaveLength(30)
    expect(result.trials.every((t) => t.beforeMeanMoves > 0 && t.afterMeanMoves > 0)).toBe(true)
    const transferred = fig.runIds.map((id) => s.store.runs.get(id)).filter((r) => r.notes.includes('from the state run'))
    expect(transferred).toHaveLength(1)
    for (const r of transferred) {
      const source = (s.store.runs.spec(r.id) as { initialState: { run: number } }).initialState.run
      expect(s.store.runs.get(source).seed).toBe(r.seed)
      expect(r.tags).toEqual(['reproduce', 'fig5g'])
    }
  })

  it('cancel keeps what finished, marks the figures partial and launches no transfer run', async () => {
    const s = open()
    s.reproduce.start({ figures: ['fig4b', 'fig5g'], seeds: 50 })
    expect(() => s.reproduce.start({ figures: ['fig4g'] })).toThrow(/a reproduction is running/)
    s.reproduce.cancel()
    const done = await s.reproduce.whenDone()
    expect(done.state).toBe('cancelled')
    expect(done.figures.map((f) => [f.figure, f.state, (f.result as { partial?: boolean }).partial])).toEqual([
      ['fig4b', 'partial', true],
      ['fig5g', 'partial', true]
    ])
    const statuses = done.figures.flatMap((f) => f.runIds).map((id) => s.store.runs.get(id).status)
    expect(statuses.every((st) => st === 'done' || st === 'cancelled')).toBe(true)
    expect(done.figures[1].runIds).toHaveLength(100) // the related task and from-scratch groups; no transfer run started
    expect(s.reproduce.latest().map((f) => f.figure)).toEqual(['fig4b', 'fig5g'])
  })

  it("the report: none before a figure; then one self-contained HTML, the plots inlined and each CSV the same bytes as --out's", async () => {
    const s = open()
    await expect(s.reproduce.report()).rejects.toThrow(/no figure has been reproduced in this notebook yet/)
    s.reproduce.start({ figures: ['fig4b', 'fig4g'], seeds: 2 })
    const done = await s.reproduce.whenDone()
    const { fileName, html } = await s.reproduce.report(new Date('2026-12-08T05:06:07Z'))
    expect(fileName).toBe('bianchi2023-reproduction-20261208-050607.html')
    // One section per figure, each with its plot as a PNG inside the page (no file beside it).
    expect(html.match(/<h2 id="(fig4b|fig4g)"/g)).toHaveLength(2)
    const pngs = [...html.matchAll(/<img src="data:image\/png;base64,([^"]+)"/g)].map((m) => Buffer.from(m[1], 'base64'))
    expect(pngs).toHaveLength(2)
    expect(pngs.every((b) => b.subarray(1, 4).toString() === 'PNG')).toBe(true)
    // Its data links save the very CSVs `reproduce --out` writes for the same figures.
    const dir = tempDir()
    writeReport(dir, done)
    const links = [...html.matchAll(/<a href="data:text\/csv;charset=utf-8,([^"]+)" download="([^"]+)">/g)].map((m) => ({ name: m[2], text: decodeURIComponent(m[1]) }))
    expect(links.map((l) => l.name)).toEqual(['fig4b.csv', 'fig4b-seeds.csv', 'fig4g.csv'])
    for (const l of links) expect(l.text).toBe(fs.readFileSync(path.join(dir, l.name), 'utf8'))
  })

  it('the figures are kept in the notebook: opened again (or after the CLI), the Paper view has them; a row of another shape is skipped', async () => {
    const file = path.join(tempDir(), 'lab.sqlite')
    const first = new Services({ dbFile: file, runWorkers: 2 })
    first.reproduce.start({ figures: ['fig4b', 'fig4g'], seeds: 2 })
    const done = await first.reproduce.whenDone()
    await first.close()
    // A row no version of the workbench writes: not shown, and nothing fails.
    const raw = new Services({ dbFile: file, runWorkers: 1 })
    raw.store.db.prepare('INSERT INTO figure_results VALUES (\'fig5d\', \'{"figure":"fig5d","state":"done"}\', \'x\', \'t\')').run()
    await raw.close()
    const s = (services = new Services({ dbFile: file, runWorkers: 2 }))
    expect(s.reproduce.status()).toBeNull() // nothing runs in this session yet
    expect(s.reproduce.latest()).toEqual(done.figures)
    const { html } = await s.reproduce.report()
    expect(html.match(/<h2 id="(fig4b|fig4g)"/g)).toHaveLength(2)
  })

  it('refuses no figures and seeds < 1, storing nothing', () => {
    const s = open()
    expect(() => s.reproduce.start({ figures: [] })).toThrow(/choose at least one figure/)
    expect(() => s.reproduce.start({ figures: ['table1'], seeds: 0 })).toThrow(/seeds: expected an integer ≥ 1/)
    expect(s.store.runs.list()).toEqual([])
  })
})
