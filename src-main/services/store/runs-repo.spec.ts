import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LabStore, StoreError } from './index'
import { tempDir } from './test-helpers'
import { parseSeriesValues, type TrialRecord } from '../../api/schemas/run'

const trial = (n: number): TrialRecord => ({
  trial: n,
  steps: 100 - n,
  timeUs: (100 - n) * 51,
  reachedGoal: true,
  pathLength: 40,
  shortestPath: 30,
  spikes: 60,
  ops: { reads: 800, sets: 40, resets: 2 },
  energyJ: { fire: 1e-12, integration: 2e-12, controller: 3e-12, programming: 0 },
  layoutId: 'maze-1'
})

function openStore() {
  const file = path.join(tempDir(), 'lab.sqlite')
  return { file, store: LabStore.open(file, '0.1.0-test') }
}

describe('RunsRepo', () => {
  it('stores a run with its spec, seed and app version, and its trials in order', () => {
    const { store } = openStore()
    const run = store.runs.create({ kind: 'maze', name: 'dyn maze', spec: { trials: 3 }, seed: 7, backend: 'simulated', tags: ['bio'] })
    store.runs.appendTrials(run.id, [trial(1), trial(2), trial(3)])
    const got = store.runs.get(run.id)
    expect(got).toMatchObject({ name: 'dyn maze', seed: 7, status: 'running', appVersion: '0.1.0-test', tags: ['bio'], trialCount: 3 })
    expect(store.runs.spec(run.id)).toEqual({ trials: 3 })
    expect(store.runs.trials(run.id)).toEqual([trial(1), trial(2), trial(3)])
  })

  it('marks runs left running as interrupted at the next open, keeping their trials', () => {
    const { file, store } = openStore()
    const run = store.runs.create({ kind: 'maze', name: 'crashed', spec: {}, seed: 1, backend: 'simulated' })
    store.runs.appendTrials(run.id, [trial(1), trial(2)])
    store.close()
    const again = LabStore.open(file, '0.1.0-test')
    expect(again.interruptedAtOpen).toBe(1)
    expect(again.runs.get(run.id)).toMatchObject({ status: 'interrupted', trialCount: 2 })
    expect(again.runs.get(run.id).finishedAt).not.toBeNull()
  })

  it('deletes a finished run only explicitly, and writes the deletion to the audit log', () => {
    const { store } = openStore()
    const run = store.runs.create({ kind: 'maze', name: 'old', spec: {}, seed: 1, backend: 'simulated' })
    store.runs.appendTrials(run.id, [trial(1)])
    expect(() => store.runs.delete(run.id, 'tester')).toThrow(StoreError) // still running
    store.runs.setStatus(run.id, 'done')
    store.runs.delete(run.id, 'tester')
    expect(() => store.runs.get(run.id)).toThrow(/does not exist/)
    expect(store.audit.recent(1)[0]).toMatchObject({ actor: 'tester', action: 'delete', entity: 'run', entityId: String(run.id) })
    expect(store.db.prepare('SELECT count(*) AS n FROM deletion_permits').get()).toEqual({ n: 0 })
  })

  it('writes nothing of a batch when one trial in it is invalid', () => {
    const { store } = openStore()
    const run = store.runs.create({ kind: 'maze', name: 'r', spec: {}, seed: 1, backend: 'simulated' })
    expect(() => store.runs.appendTrials(run.id, [trial(1), { ...trial(2), steps: -5 }])).toThrow(/CHECK/)
    expect(store.runs.get(run.id).trialCount).toBe(0)
  })

  it('logs renames and tag edits with the previous values', () => {
    const { store } = openStore()
    const run = store.runs.create({ kind: 'maze', name: 'a', spec: {}, seed: 1, backend: 'simulated' })
    store.runs.updateMeta(run.id, { name: 'b', tags: ['x'] }, 'me')
    expect(store.runs.get(run.id)).toMatchObject({ name: 'b', tags: ['x'] })
    expect(store.audit.recent(1)[0].details).toMatchObject({ before: { name: 'a' }, patch: { name: 'b' } })
  })
})

describe('RunsRepo comparison query', () => {
  it('returns one metric of several runs trial by trial, with success as 0/1 and the path ratio only for successful trials', () => {
    const { store } = openStore()
    const a = store.runs.create({ kind: 'maze', name: 'a', spec: {}, seed: 1, backend: 'simulated', agentKind: 'bio-rram', trialsPlanned: 3 })
    const b = store.runs.create({ kind: 'maze', name: 'b', spec: {}, seed: 2, backend: 'simulated', agentKind: 'q-table' })
    store.runs.appendTrials(a.id, [trial(1), { ...trial(2), timedOut: false }, { ...trial(3), reachedGoal: false, timedOut: true }])
    store.runs.appendTrials(b.id, [trial(1)])
    const values = (id: number, m: Parameters<typeof store.runs.series>[1]) => Array.from(parseSeriesValues(store.runs.series([id], m)[0].values))
    const [sa, sb] = store.runs.series([a.id, b.id], 'steps')
    expect(sa).toEqual({ runId: a.id, values: '99,98,97' })
    expect(sb.values).toBe('99')
    expect(values(a.id, 'success')).toEqual([1, 1, 0])
    // Time-outs: the third trial passed the cut-off; the first does not say (a record without the field reads null).
    const timedOut = values(a.id, 'timedOut')
    expect(timedOut.slice(1)).toEqual([0, 1])
    expect(timedOut[0]).toBeNaN()
    const ratio = values(a.id, 'pathRatio')
    expect(ratio[0]).toBeCloseTo(40 / 30, 13)
    expect(ratio[2]).toBeNaN()
    expect(values(a.id, 'energyJ')[0]).toBeCloseTo(6e-12, 20)
    const empty = store.runs.create({ kind: 'maze', name: 'e', spec: {}, seed: 3, backend: 'simulated' })
    expect(parseSeriesValues(store.runs.series([empty.id], 'steps')[0].values)).toHaveLength(0)
    expect(() => store.runs.series([a.id, 999], 'steps')).toThrow(/run 999 does not exist/)
    expect(store.runs.get(a.id)).toMatchObject({ agentKind: 'bio-rram', trialsPlanned: 3, finalSteps: 98 })
  })
})
