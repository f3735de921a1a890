import { describe, expect, it } from 'vitest'
import { areaUnderCurve, buildSeries, configDiff, meanAcross, summarize, toCsv, trialsToCriterion, visibleIndices, type CompareRun } from './compare-model'
import { filterRuns } from './run-filter'
import type { RunSummary } from '@api/schemas/run'

const run = (id: number, group: string, values: number[]): CompareRun => ({ id, name: `#${id}`, group, values: Float64Array.from(values) })

describe('comparison model', () => {
  it('draws one mean line with a band per group of seeds, and a lone run as itself', () => {
    const runs = [run(1, 'bio', [100, 50, 10]), run(2, 'bio', [80, 30, 10]), run(3, 'q', [100, 90, 80])]
    const s = buildSeries(runs, { smoothing: 0, showSeeds: false, range: null, maxPoints: 100, decimation: 'lttb', bandResamples: 200, bandPoints: 100 })
    expect(s.map((x) => x.label)).toEqual(['bio (mean of 2)', 'q'])
    expect(Array.from(s[0].y)).toEqual([90, 40, 10])
    const band = s[0].band!
    for (let k = 0; k < 3; k++) {
      expect(band.lo[k]).toBeLessThanOrEqual(s[0].y[k])
      expect(band.hi[k]).toBeGreaterThanOrEqual(s[0].y[k])
    }
    expect(band.hi[2] - band.lo[2]).toBe(0) // identical seeds at trial 3: no spread
    expect(s[1].band).toBeUndefined()
  })

  it('smooths the full series before decimating, so zooming in does not change the smoothed values', () => {
    const values = Array.from({ length: 5000 }, (_, k) => (k % 2 ? 100 : 0))
    const all = buildSeries([run(1, 'a', values)], { smoothing: 0.9, showSeeds: false, range: null, maxPoints: 5000, decimation: 'lttb', bandResamples: 10 })[0]
    const zoomed = buildSeries([run(1, 'a', values)], { smoothing: 0.9, showSeeds: false, range: { min: 4000, max: 4100 }, maxPoints: 500, decimation: 'lttb', bandResamples: 10 })[0]
    const at = (s: typeof all, trial: number) => s.y[Array.from(s.x).indexOf(trial)]
    expect(at(zoomed, 4050)).toBeCloseTo(at(all, 4050), 12)
    expect(Math.abs(at(all, 4050) - 50)).toBeLessThan(10) // smoothed towards the mean, not 0 or 100
  })

  it('keeps at most about maxPoints points and only the visible range when zoomed', () => {
    const y = Float64Array.from({ length: 10_000 }, (_, k) => Math.sin(k / 50))
    const all = visibleIndices(y, null, 800, 'lttb')
    expect(all.length).toBe(800)
    const part = visibleIndices(y, { min: 2000, max: 3000 }, 800, 'minmax')
    expect(part.length).toBeLessThanOrEqual(802)
    expect(part[0]).toBeGreaterThanOrEqual(1997)
    expect(part[part.length - 1]).toBeLessThanOrEqual(3000)
  })

  it('finds the trials to criterion, the area under the curve and means with NaN gaps', () => {
    expect(trialsToCriterion(Float64Array.from([50, 9, 8, 30, 5, 5, 5, 5, 5, 40]), 10, true)).toBe(5)
    expect(trialsToCriterion(Float64Array.from([1, 1, 1, 1]), 1, false)).toBeNull()
    expect(areaUnderCurve(Float64Array.from([0, 10, 20]))).toBe(20)
    expect(Array.from(meanAcross([Float64Array.from([1, NaN, 3]), Float64Array.from([3, 4])]))).toEqual([2, 4, 3])
    const [row] = summarize([run(1, 'g', [9, 9, 9, 9, 9]), run(2, 'g', [20, 20, 9, 9, 9, 9, 9])], 10, true)
    expect(row.reachedCriterion).toBe(2)
    expect(row.toCriterion!.mean).toBe(2)
    expect(row.finalMean.mean).toBeCloseTo((9 + (20 * 2 + 9 * 5) / 7) / 2, 10)
  })

  it('writes the plotted data in long format, one row per run and trial', () => {
    const csv = toCsv([run(1, 'bio, I_C 160 µA', [3, 2]), run(2, 'q', [5, NaN])], 'steps', 0, null)
    expect(csv.trim().split('\n')).toEqual(['run,group,trial,metric,value', '1,"bio, I_C 160 µA",1,steps,3', '1,"bio, I_C 160 µA",2,steps,2', '2,q,1,steps,5', '2,q,2,steps,'])
  })

  it('shows only the spec fields that differ', () => {
    const d = configDiff([
      { agent: { kind: 'bio-rram', k: 50 }, trials: 30 },
      { agent: { kind: 'q-table', k: 50 }, trials: 30, extra: [1, 2] }
    ])
    expect(d).toEqual([
      { path: 'agent.kind', values: ['"bio-rram"', '"q-table"'] },
      { path: 'extra', values: [undefined, '[1,2]'] }
    ])
  })
})

describe('stored-runs filter', () => {
  const summary = (id: number, over: Partial<RunSummary>): RunSummary => ({
    id,
    kind: 'maze',
    name: `run ${id}`,
    seed: id,
    status: 'done',
    appVersion: 'v',
    backend: 'simulated',
    devicePreset: null,
    groupId: null,
    createdAt: '2026-01-01T00:00:00Z',
    finishedAt: null,
    tags: [],
    notes: '',
    error: null,
    trialCount: 0,
    agentKind: 'bio-rram',
    environmentName: 'maze',
    trialsPlanned: null,
    finalSteps: null,
    ...over
  })
  it('filters by text, status, agent and tag, and sorts with missing values last', () => {
    const all = [summary(1, { finalSteps: 5, tags: ['table 1'] }), summary(2, { agentKind: 'q-table', finalSteps: 2 }), summary(3, { status: 'failed' }), summary(4, { notes: 'Reward K = 10' })]
    const none = { text: '', status: '' as const, agent: '', environment: '', tag: '' }
    expect(filterRuns(all, none, { key: 'finalSteps', dir: 1 }).map((r) => r.id)).toEqual([2, 1, 3, 4])
    expect(filterRuns(all, { ...none, agent: 'bio-rram', status: 'done' }, { key: 'id', dir: -1 }).map((r) => r.id)).toEqual([4, 1])
    expect(filterRuns(all, { ...none, text: 'k = 10' }, { key: 'id', dir: 1 }).map((r) => r.id)).toEqual([4])
    expect(filterRuns(all, { ...none, tag: 'table 1' }, { key: 'id', dir: 1 }).map((r) => r.id)).toEqual([1])
  })

  it('leaves sweep cells out unless asked for, and array programming jobs out always (they live in the Array panel)', () => {
    const all = [summary(1, {}), summary(2, { kind: 'sweep', tags: ['sweep'] }), summary(3, { kind: 'array' })]
    const none = { text: '', status: '' as const, agent: '', environment: '', tag: '' }
    expect(filterRuns(all, none, { key: 'id', dir: 1 }).map((r) => r.id)).toEqual([1])
    expect(filterRuns(all, { ...none, sweepCells: true }, { key: 'id', dir: 1 }).map((r) => r.id)).toEqual([1, 2])
  })
})

describe('bootstrap band', () => {
  it('interpolates between bootstrapped trials and contains the mean where it was bootstrapped', async () => {
    const { bootstrapBand } = await import('./compare-model')
    const { RandomStream } = await import('../../../../src-core/random')
    const series = [Float64Array.from({ length: 100 }, (_, k) => k), Float64Array.from({ length: 100 }, (_, k) => k + 10)]
    const idx = Uint32Array.from({ length: 100 }, (_, k) => k)
    const band = bootstrapBand(series, idx, 200, 11, RandomStream.fromSeed(1))
    for (let k = 0; k < 100; k += 10) {
      expect(band.lo[k]).toBeLessThanOrEqual(k + 5)
      expect(band.hi[k]).toBeGreaterThanOrEqual(k + 5)
    }
    expect(band.lo[5]).toBeCloseTo((band.lo[0] + band.lo[10]) / 2, 10)
  })
})

describe('partial runs in group means', () => {
  const full = (id: number, v: number) => ({ id, name: `#${id}`, group: 'dqn', values: new Float64Array(20).fill(v) })
  it('a run cancelled early is named and left out of the final mean, unless included and then marked', async () => {
    const { leaveOutPartial, partialReason } = await import('./compare-model')
    const cancelled = { ...full(3, 400), values: new Float64Array(12).fill(400), partial: partialReason({ status: 'cancelled', trialCount: 12, trialsPlanned: 20 })! }
    expect(cancelled.partial).toBe('cancelled at trial 12 of 20')
    expect(partialReason({ status: 'done', trialCount: 20, trialsPlanned: 20 })).toBeNull()
    const runs = [full(1, 50), full(2, 60), cancelled]
    const { used, left } = leaveOutPartial(runs, false)
    expect(left.map((r) => r.id)).toEqual([3])
    const [row] = summarize(used, 100, true)
    expect(row.runs).toBe(2)
    expect(row.finalMean.mean).toBeCloseTo(55)
    const [withPartial] = summarize(leaveOutPartial(runs, true).used, 100, true)
    expect(withPartial.partial).toBe(1)
    expect(withPartial.finalMean.mean).toBeGreaterThan(150)
    expect(buildSeries(runs, { smoothing: 0, showSeeds: false, range: null, maxPoints: 100, decimation: 'lttb', bandResamples: 0 })[0].label).toBe('dqn (mean of 3, 1 partial)')
  })
})
