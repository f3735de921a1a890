import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LabStore } from './index'
import { InputError } from '../errors'
import { SnapshotsRepo } from './snapshots-repo'
import { ComparisonViewsRepo } from './comparison-views-repo'
import { tempDir } from './test-helpers'

function setup() {
  const store = LabStore.open(path.join(tempDir(), 'lab.sqlite'), '0.1.0-test')
  const run = store.runs.create({ kind: 'maze', name: 'r', spec: {}, seed: 1, backend: 'simulated' })
  return { store, run, snaps: new SnapshotsRepo(store.db) }
}

describe('SnapshotsRepo', () => {
  it('gives back the threshold map, the 8 synapse planes and the path exactly as stored (float32)', () => {
    const { run, snaps } = setup()
    const thresholds = Float32Array.from({ length: 6 }, (_, i) => 1e-5 * (i + 1))
    const synapses = Float32Array.from({ length: 6 * 8 }, (_, i) => i * 1e-6)
    snaps.add(run.id, 30, [
      { layer: 'thresholds', unit: 'A', width: 3, height: 2, values: thresholds },
      { layer: 'synapses', unit: 'S', width: 3, height: 2, values: synapses },
      { layer: 'path', unit: 'cell', width: 3, height: 2, values: Int32Array.of(5, 4, 1, 0) }
    ])
    const got = snaps.get(run.id, 30)
    const byLayer = Object.fromEntries(got.layers.map((l) => [l.layer, l]))
    expect(byLayer.thresholds.values).toEqual(Array.from(thresholds))
    expect(byLayer.synapses.planes).toBe(8)
    expect(byLayer.synapses.values).toEqual(Array.from(synapses))
    expect(byLayer.path.values).toEqual([5, 4, 1, 0])
    expect(snaps.list(run.id)).toEqual([{ trial: 30, layers: ['path', 'synapses', 'thresholds'] }])
  })

  it('stores the kind of each threshold (bio network) as whole numbers 0…3 beside the other maps', () => {
    const { run, snaps } = setup()
    snaps.add(run.id, 7, [
      { layer: 'thresholds', unit: 'theta0', width: 2, height: 2, values: Float32Array.of(1, 0.02, 10, 0.8) },
      { layer: 'kinds', unit: 'kind', width: 2, height: 2, values: Float32Array.from(Uint8Array.of(0, 1, 2, 3)) }
    ])
    const kinds = snaps.get(run.id, 7).layers.find((l) => l.layer === 'kinds')
    expect(kinds).toEqual({ layer: 'kinds', unit: 'kind', width: 2, height: 2, planes: 1, values: [0, 1, 2, 3] })
    expect(snaps.list(run.id)).toEqual([{ trial: 7, layers: ['kinds', 'thresholds'] }])
  })

  it('reads only the paths of the trials asked for, by trial (what a figure needs of many runs), and nothing where none is stored', () => {
    const { store, run, snaps } = setup()
    const visits = { layer: 'visits' as const, unit: 'count' as const, width: 3, height: 1, values: Float32Array.of(1, 2, 3) }
    snaps.add(run.id, 60, [visits, { layer: 'path', unit: 'cell', width: 3, height: 1, values: Int32Array.of(0, 1, 2) }])
    snaps.add(run.id, 120, [{ layer: 'path', unit: 'cell', width: 3, height: 1, values: Int32Array.of(2, 1) }])
    snaps.add(run.id, 150, [visits])
    expect(snaps.paths(run.id, [60, 120, 150, 180])).toEqual({ 60: [0, 1, 2], 120: [2, 1] })
    expect(snaps.paths(run.id, [120])).toEqual({ 120: [2, 1] })
    const other = store.runs.create({ kind: 'maze', name: 'empty', spec: {}, seed: 2, backend: 'simulated' })
    expect(snaps.paths(other.id, [60, 120])).toEqual({})
  })

  it('returns the newest snapshot when no trial is named, and says which run has none', () => {
    const { store, run, snaps } = setup()
    const grid = (v: number) => [{ layer: 'visits' as const, unit: 'count' as const, width: 2, height: 1, values: Float32Array.of(v, v) }]
    snaps.add(run.id, 10, grid(1))
    snaps.add(run.id, 20, grid(2))
    expect(snaps.get(run.id).trial).toBe(20)
    const other = store.runs.create({ kind: 'maze', name: 'empty', spec: {}, seed: 2, backend: 'simulated' })
    expect(() => snaps.get(other.id)).toThrow(/has no snapshot/)
  })

  it('refuses a grid whose values do not fill it, a second copy of a layer, and rewriting a stored snapshot', () => {
    const { store, run, snaps } = setup()
    expect(() => snaps.add(run.id, 1, [{ layer: 'thresholds', unit: 'A', width: 3, height: 3, values: new Float32Array(5) }])).toThrow(InputError)
    snaps.add(run.id, 1, [{ layer: 'thresholds', unit: 'A', width: 1, height: 1, values: Float32Array.of(1) }])
    expect(() => snaps.add(run.id, 1, [{ layer: 'thresholds', unit: 'A', width: 1, height: 1, values: Float32Array.of(2) }])).toThrow(/already has/)
    expect(() => store.db.prepare('UPDATE run_snapshots SET width = 2').run()).toThrow(/append-only/)
    expect(() => store.db.prepare('DELETE FROM run_snapshots').run()).toThrow(/append-only/)
  })

  it('goes away with its run when the run is deleted through the store', () => {
    const { store, run, snaps } = setup()
    snaps.add(run.id, 1, [{ layer: 'visits', unit: 'count', width: 1, height: 1, values: Float32Array.of(3) }])
    store.runs.setStatus(run.id, 'done')
    store.runs.delete(run.id, 'test')
    expect(snaps.list(run.id)).toEqual([])
  })
})

describe('ComparisonViewsRepo', () => {
  it('saves, replaces by name and restores a view', () => {
    const { store } = setup()
    const views = new ComparisonViewsRepo(store.db)
    views.save('bio vs Q', { runIds: [1, 2], groupBy: 'agent' })
    views.save('bio vs Q', { runIds: [1, 2, 3], groupBy: 'agent' })
    expect(views.list().map((v) => v.name)).toEqual(['bio vs Q'])
    expect(views.get('bio vs Q').view).toEqual({ runIds: [1, 2, 3], groupBy: 'agent' })
    views.delete('bio vs Q')
    expect(() => views.get('bio vs Q')).toThrow(/no saved comparison/)
  })
})
