import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_PRESET } from '../../../src-core/device/presets'
import { LabStore } from '../store'
import { InstrumentService } from '../instruments/instrument-service'
import { IvService } from './iv-service'
import { ivRecipeSchema } from './recipe-schema'

let store: LabStore
let iv: IvService

beforeEach(() => {
  store = LabStore.open(':memory:', 'test')
  iv = new IvService({ store, instruments: new InstrumentService(), appVersion: 'test', preset: () => DEFAULT_PRESET, progress: () => {} })
})
afterEach(() => store.close())

const cycling = ivRecipeSchema.parse({ recipe: 'cycling', cycles: 3, seed: 3 })
const sweep = ivRecipeSchema.parse({ recipe: 'dc-sweep', vStepV: 0.05, cycles: 2, seed: 3 })
const rows = (table: string, id: number) => (store.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${table === 'iv_sweeps' ? 'id' : 'sweep_id'} = ?`).get(id) as { n: number }).n

describe('IvService rename and delete', () => {
  it('renames a session and records who renamed it from what', async () => {
    const s = await iv.settled((await iv.start(cycling)).id)
    expect(iv.rename(s.id, 'cell A3 after forming', 'alice').name).toBe('cell A3 after forming')
    expect(iv.get(s.id).name).toBe('cell A3 after forming')
    expect(store.audit.recent(5)[0]).toMatchObject({ actor: 'alice', action: 'rename', entity: 'iv-sweep', entityId: String(s.id) })
    expect(JSON.stringify(store.audit.recent(5)[0])).toContain(s.name)
    expect(() => iv.rename(9999, 'x', 'alice')).toThrow(/no I–V session/)
  })

  it('deletes a finished session with all its points, reads and cycle settings, audited with name, recipe and points', async () => {
    const keep = await iv.settled((await iv.start(cycling)).id)
    // A DC sweep has points and cycle settings; cycling has reads: delete one of each.
    const gone = [await iv.settled((await iv.start(sweep)).id), await iv.settled((await iv.start(cycling)).id)]
    const total = (t: string) => gone.reduce((n, s) => n + rows(t, s.id), 0)
    expect(['iv_point_blocks', 'iv_reads', 'iv_cycles'].map((t) => total(t) > 0)).toEqual([true, true, true])
    for (const s of gone) {
      expect(iv.delete(s.id, 'bob')).toEqual({ deleted: s.id })
      const entry = store.audit.recent(5)[0]
      expect(entry).toMatchObject({ actor: 'bob', action: 'delete', entity: 'iv-sweep', entityId: String(s.id) })
      expect(entry.details).toEqual({ name: s.name, recipe: s.recipe, points: s.points })
    }
    expect(gone[0].points).toBeGreaterThan(0)
    for (const t of ['iv_sweeps', 'iv_point_blocks', 'iv_reads', 'iv_cycles']) expect(total(t)).toBe(0)
    expect(iv.list().map((x) => x.id)).toEqual([keep.id])
    expect(rows('iv_reads', keep.id)).toBeGreaterThan(0)
    expect(store.db.prepare('SELECT count(*) AS n FROM iv_deletion_permits').get()).toEqual({ n: 0 })
    // The raw rows of the kept session are still append-only without a permit.
    expect(() => store.db.prepare('DELETE FROM iv_cycles WHERE sweep_id = ?').run(keep.id)).toThrow(/append-only/)
    expect(() => store.db.prepare('DELETE FROM iv_reads WHERE sweep_id = ?').run(keep.id)).toThrow(/append-only/)
  })

  it('refuses to delete a running session (conflict) and keeps every row', async () => {
    const s = await iv.start(ivRecipeSchema.parse({ recipe: 'dc-sweep', vStepV: 0.05, cycles: 2000 }))
    expect(() => iv.delete(s.id, 'bob')).toThrow(expect.objectContaining({ code: 'conflict' }))
    expect(() => iv.repo.delete(s.id, 'bob')).toThrow(/running/)
    await iv.stop(s.id)
    expect(iv.get(s.id).status).toBe('stopped')
    const points = iv.get(s.id).points
    expect(points).toBeGreaterThan(0)
    iv.delete(s.id, 'bob')
    expect(() => iv.get(s.id)).toThrow(/no I–V session/)
  })
})
