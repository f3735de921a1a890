import { describe, expect, it } from 'vitest'
import type { SnapshotLayerData } from '@api/schemas/run'
import { CELL_WALL } from '@core/env/grid'
import { parseRunSpec, resolveEnvironment } from '@core/experiment'
import { defaultSnapshotTrial, heatOf, heatScale, layoutAt, layoutTitle, mapsFromFrame, mapsFromSnapshot } from './run-maps'

const W = 3
const H = 2
const N = W * H
/** Synapse plane d holds the value d + cell/100, so a wrong plane or offset shows. */
const synapses = Array.from({ length: 8 * N }, (_, i) => Math.floor(i / N) + (i % N) / 100)
const layer = (l: Partial<SnapshotLayerData> & Pick<SnapshotLayerData, 'layer' | 'unit' | 'values'>): SnapshotLayerData => ({ width: W, height: H, planes: 1, ...l })

const bioSnapshot = {
  trial: 61,
  layers: [
    layer({ layer: 'kinds', unit: 'kind', values: [0, 1, 2, 3, 0, 0] }),
    layer({ layer: 'path', unit: 'cell', planes: 3, values: [5, 4, 1] }),
    layer({ layer: 'synapses', unit: 'S', planes: 8, values: synapses }),
    layer({ layer: 'thresholds', unit: 'theta0', values: [1, 0.02, 10, 0.8, 3, 1] }),
    layer({ layer: 'visits', unit: 'count', values: [0, 2, 0, 0, 1, 1] })
  ]
}

describe('run maps', () => {
  it('reads a stored snapshot of the bio network: the trial’s path, thresholds, visits and the chosen direction’s synapses', () => {
    const maps = mapsFromSnapshot(bioSnapshot)
    expect([maps.trial, maps.width, maps.height]).toEqual([61, W, H])
    expect(Array.from(maps.path)).toEqual([5, 4, 1])
    expect(heatOf(maps, 'thresholds', 0)).toEqual([1, 0.02, 10, 0.8, 3, 1])
    expect(heatOf(maps, 'visits', 0)).toEqual([0, 2, 0, 0, 1, 1])
    // Direction S is plane 4 (N, NE, E, SE, S, …): every value of that plane, in cell order.
    expect(heatOf(maps, 'synapses', 4)).toEqual([4, 4.01, 4.02, 4.03, 4.04, 4.05])
    expect(heatOf(maps, 'none', 4)).toBeNull()
    expect(heatScale('synapses', 4, maps)).toEqual({ label: 'synaptic conductance toward south (S)', unit: 'S' })
    expect(heatScale('thresholds', 4, maps)).toEqual({ label: 'threshold θ / θ0', unit: '' })
  })

  it('says which maps an agent has none of (tabular Q: no thresholds; deep Q: no synapses) and labels Q values as such', () => {
    const q = mapsFromSnapshot({
      trial: 12,
      layers: [layer({ layer: 'path', unit: 'cell', planes: 2, values: [0, 1] }), layer({ layer: 'synapses', unit: 'q', planes: 8, values: synapses })]
    })
    expect(heatOf(q, 'thresholds', 0)).toBeNull()
    expect(heatOf(q, 'visits', 0)).toBeNull()
    expect(heatOf(q, 'synapses', 2)).toEqual([2, 2.01, 2.02, 2.03, 2.04, 2.05])
    expect(heatScale('synapses', 2, q)).toEqual({ label: 'Q value of the move east (E)', unit: '' })
    const dqn = mapsFromSnapshot({ trial: 3, layers: [layer({ layer: 'visits', unit: 'count', values: [1, 1, 1, 1, 1, 1] })] })
    expect(heatOf(dqn, 'synapses', 0)).toBeNull()
    expect(Array.from(dqn.path)).toEqual([])
  })

  it('shows the one stored plane of an older single-direction snapshot whatever direction is chosen', () => {
    const old = mapsFromSnapshot({ trial: 5, layers: [layer({ layer: 'synapses', unit: 'S', values: [9, 8, 7, 6, 5, 4] })] })
    expect(heatOf(old, 'synapses', 6)).toEqual([9, 8, 7, 6, 5, 4])
    expect(heatScale('synapses', 6, old).label).toBe('synaptic conductance toward the stored direction')
  })

  it('refuses a snapshot with no map, naming its trial', () => {
    expect(() => mapsFromSnapshot({ trial: 7, layers: [] })).toThrow(/trial 7/)
  })

  it('draws a live frame and a stored snapshot of the same state identically', () => {
    const frame = mapsFromFrame({ trial: 61, width: W, height: H, path: [5, 4, 1], visits: [0, 2, 0, 0, 1, 1], thresholds: [1, 0.02, 10, 0.8, 3, 1], synapses })
    const stored = mapsFromSnapshot(bioSnapshot)
    for (const l of ['visits', 'thresholds', 'synapses'] as const) for (const d of [0, 4, 7]) expect(heatOf(frame, l, d)).toEqual(heatOf(stored, l, d))
  })

  it('draws each snapshot on the layout its trial ran in (dynamic maze: maze 2 for trials 61–120)', () => {
    const env = resolveEnvironment(parseRunSpec({ environment: { builtin: 'bianchi-dynamic-180' }, agent: { kind: 'bio-rram' }, trials: 180, maxStepsPerTrial: 2000 }))
    expect([0, 1, 60, 61, 120, 121, 180].map((t) => layoutAt(env, t)?.id)).toEqual([
      'bianchi-maze-1',
      'bianchi-maze-1',
      'bianchi-maze-1',
      'bianchi-maze-2',
      'bianchi-maze-2',
      'bianchi-maze-1',
      'bianchi-maze-1'
    ])
    // The two layouts differ in 8 cells (science README §3): the drawn walls change with the trial.
    const a = layoutAt(env, 60)!.grid.cells
    const b = layoutAt(env, 61)!.grid.cells
    let differ = 0
    for (let i = 0; i < a.length; i++) if ((a[i] === CELL_WALL) !== (b[i] === CELL_WALL)) differ++
    expect(differ).toBe(8)
  })

  it('names layouts as the researcher knows them: a built-in by its title, a notebook maze by its name, never by its id', () => {
    const builtin = parseRunSpec({ environment: { builtin: 'bianchi-dynamic-180' }, agent: { kind: 'bio-rram' }, trials: 180, maxStepsPerTrial: 2000 })
    expect(layoutTitle(builtin, 'bianchi-maze-2')).toBe('Bianchi maze 2')
    // A stored schedule is inlined by the service with its layouts keyed by maze id and named.
    const open = { format: 'rram-maze', version: 1, width: 2, height: 1, rows: ['S.'], name: 'Gap on the right' }
    const inline = { environment: { inline: { name: 'Two phases', layouts: { '3': open, '4': { ...open, name: undefined } }, schedule: { layouts: [], starts: [] } } } }
    expect(layoutTitle(inline as never, '3')).toBe('Gap on the right')
    expect(layoutTitle(inline as never, '4')).toBe('maze #4')
    expect(layoutTitle(null, '3')).toBe('maze #3')
  })

  it('opens on the asked-for snapshot when stored, else on the newest (the learned state)', () => {
    expect(defaultSnapshotTrial([1, 60, 61, 64], 60)).toBe(60)
    expect(defaultSnapshotTrial([1, 60, 61, 64], 2)).toBe(64)
    expect(defaultSnapshotTrial([1, 60, 61, 64], null)).toBe(64)
    expect(defaultSnapshotTrial([], null)).toBeNull()
  })
})
