import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { TrialRecord } from '../../api/schemas/run'
import { LabStore } from './index'
import { tempDir } from './test-helpers'
import { nonFiniteField, TrialColumnsBuilder, trialColumns, trialNumberAt } from './trial-columns'

const record = (n: number, extra: Partial<TrialRecord> = {}): TrialRecord => ({
  trial: n,
  steps: 300 - n,
  timeUs: (300 - n) * 51.2,
  reachedGoal: n % 2 === 0,
  pathLength: n % 3 === 0 ? null : 40 + n,
  shortestPath: n % 3 === 0 ? null : 30,
  spikes: n % 5 === 0 ? null : 7 * n,
  ops: { reads: 800 + n, sets: n, resets: 2 },
  energyJ: { fire: 1.1e-12 * n, integration: 2.3e-13 / n, controller: Math.PI * 1e-12, programming: 4e-15 * n },
  layoutId: n < 4 ? 'maze-1' : n < 7 ? 'maze-2' : null,
  // A time-out that went on to the goal, one that did not time out, and (every 4th) a record that does not say.
  ...(n % 4 === 0 ? {} : { timedOut: n % 2 === 1 }),
  ...extra
})

describe('trial columns', () => {
  it('store every trial as the records say: nulls, layouts, exact energies, past a batch statement (50 rows)', () => {
    const store = LabStore.open(path.join(tempDir(), 'lab.sqlite'), '0.1.0-test')
    const run = store.runs.create({ kind: 'sweep', name: 'columns', spec: {}, seed: 1, backend: 'simulated' })
    const records = Array.from({ length: 123 }, (_, k) => record(k + 1))
    const builder = new TrialColumnsBuilder(8) // grows past its first capacity
    for (const r of records) builder.push(r)
    const taken = builder.take()!
    expect(builder.count).toBe(0)
    expect(builder.take()).toBeNull()
    store.runs.appendTrialColumns(run.id, taken.columns)
    expect(store.runs.trials(run.id)).toEqual(records.map((r) => ({ ...r, layoutId: r.layoutId ?? null })))
    expect(store.runs.get(run.id).trialCount).toBe(123)
    store.close()
  })

  it('a record without programming energy stores 0, as appendTrials always did', () => {
    const r = record(1)
    const c = trialColumns([{ ...r, energyJ: { fire: 1e-12, integration: 0, controller: 0 } }])
    expect(c.count).toBe(1)
    expect(trialNumberAt(c, 0)).toBe(1)
    expect(c.values[13]).toBe(0)
  })

  it('a batch is all or nothing: a row the table refuses stores none of the batch', () => {
    const store = LabStore.open(path.join(tempDir(), 'lab.sqlite'), '0.1.0-test')
    const run = store.runs.create({ kind: 'sweep', name: 'bad', spec: {}, seed: 1, backend: 'simulated' })
    const records = Array.from({ length: 60 }, (_, k) => record(k + 1))
    records[55] = { ...records[55], steps: -1 } // CHECK (steps >= 0), in the second INSERT of the batch
    expect(() => store.runs.appendTrialColumns(run.id, trialColumns(records))).toThrow()
    expect(store.runs.get(run.id).trialCount).toBe(0)
    store.close()
  })

  it('names the first number that is not finite, and passes finite records', () => {
    expect(nonFiniteField(record(3))).toBeNull()
    expect(nonFiniteField(record(4, { spikes: NaN }))).toBe('spikes')
    expect(nonFiniteField(record(4, { ops: { reads: 1, sets: Infinity, resets: 0 } }))).toBe('ops.sets')
    // Huge but finite values overflow the quick sum: still no error.
    expect(nonFiniteField(record(4, { timeUs: 1.7e308, steps: 1.7e308 }))).toBeNull()
  })
})
