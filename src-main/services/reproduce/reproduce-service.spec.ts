import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Services } from '..'
import { tempDir } from '../store/test-helpers'

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

  it('refuses no figures and seeds < 1, storing nothing', () => {
    const s = open()
    expect(() => s.reproduce.start({ figures: [] })).toThrow(/choose at least one figure/)
    expect(() => s.reproduce.start({ figures: ['table1'], seeds: 0 })).toThrow(/seeds: expected an integer ≥ 1/)
    expect(s.store.runs.list()).toEqual([])
  })
})
