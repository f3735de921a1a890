import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { EventBus } from '../event-bus'
import { LabStore } from '../store'
import { tempDir } from '../store/test-helpers'
import { RunsService } from './runs-service'
import { runSweep } from './sweep-runner'

const file = path.join(tempDir(), 'lab.sqlite')
const store = LabStore.open(file, '0.1.0-test')
const runs = new RunsService(store, new EventBus(), { workers: 2 })
afterAll(async () => {
  await runs.close()
  store.close()
})

const base = { environment: { builtin: 'bianchi-maze-1' }, agent: { kind: 'q-table' }, trials: 3, maxStepsPerTrial: 100 }

describe('runSweep', () => {
  it('runs every cell × seed as a stored sweep run and reports accuracy and mean final steps per cell', async () => {
    const cells = await runSweep(runs, store, { base, grid: { 'agent.learningRate': [0.1, 0.9] }, seeds: { count: 3, first: 5 } })
    expect(cells.map((c) => c.params)).toEqual([{ 'agent.learningRate': 0.1 }, { 'agent.learningRate': 0.9 }])
    for (const c of cells) {
      expect(c.seeds).toBe(3)
      expect(c.runIds).toHaveLength(3)
      const finals = c.runIds.map((id) => store.runs.trials(id).at(-1)!)
      expect(c.accuracy).toBe(finals.filter((t) => t.reachedGoal).length / 3)
      expect(c.meanSteps).toBeCloseTo(finals.reduce((a, t) => a + t.steps, 0) / 3, 10)
      expect(c.runIds.map((id) => store.runs.get(id).kind)).toEqual(['sweep', 'sweep', 'sweep'])
      expect(c.runIds.map((id) => store.runs.get(id).seed)).toEqual([5, 6, 7])
    }
  })

  it('stores each sweep run as the same spec run alone would be: spec and every trial row', async () => {
    const cells = await runSweep(runs, store, { base: { ...base, trials: 7 }, grid: { 'agent.learningRate': [0.3, 0.7] }, seeds: { count: 2, first: 11 } })
    const sweepRunId = cells[1].runIds[1]
    const spec = store.runs.spec(sweepRunId)
    expect(spec).toMatchObject({ seed: 12, trials: 7, agent: { learningRate: 0.7 } })
    const [alone] = runs.start({ spec, name: 'alone', seeds: 1 })
    expect((await runs.whenSettled(alone.id)).status).toBe('done')
    expect(store.runs.spec(alone.id)).toEqual(spec)
    const trials = store.runs.trials(sweepRunId)
    expect(trials.map((t) => t.trial)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(trials).toEqual(store.runs.trials(alone.id))
  })

  it('stores nothing when one cell is invalid, and names the cell and the path', async () => {
    const before = store.runs.list().length
    await expect(runSweep(runs, store, { base, grid: { 'agent.learningRate': [0.5, 2] }, seeds: { count: 2 } })).rejects.toThrow(/cell 1 \(agent\.learningRate=2\): sweep\.grid\.agent\.learningRate/)
    expect(store.runs.list().length).toBe(before)
  })
})

describe('group commit of sweep runs', () => {
  it('a run is settled only once its trials and status are in the notebook file (read by a second connection)', async () => {
    const { launchSweep } = await import('./sweep-runner')
    const launched = launchSweep(runs, store, { base: { ...base, trials: 5 }, grid: { 'agent.learningRate': [0.4] }, seeds: { count: 4, first: 1 } })
    const other = new BetterSqlite3(file, { readonly: true })
    try {
      for (const id of launched.runIds[0]) {
        const settled = await runs.whenSettled(id)
        expect(settled.status).toBe('done')
        // Straight after settling: another process reading the file sees the run done with all its trials.
        expect(other.prepare('SELECT status FROM runs WHERE id = ?').pluck().get(id)).toBe('done')
        expect(other.prepare('SELECT count(*) FROM trials WHERE run_id = ?').pluck().get(id)).toBe(5)
      }
    } finally {
      other.close()
    }
  })

  it('queues seed by seed across the cells, so partial results cover every cell', async () => {
    const { launchSweep } = await import('./sweep-runner')
    const launched = launchSweep(runs, store, { base: { ...base, trials: 2 }, grid: { 'agent.learningRate': [0.1, 0.5, 0.9] }, seeds: { count: 3, first: 1 } })
    // Run ids follow the queue: every cell's seed 1, then every cell's seed 2, …
    const bySeedThenCell = [0, 1, 2].flatMap((seed) => launched.runIds.map((ids) => ids[seed]))
    expect(bySeedThenCell).toEqual([...bySeedThenCell].sort((a, b) => a - b))
    expect(launched.runIds.map((ids) => ids.map((id) => store.runs.get(id).seed))).toEqual([
      [1, 2, 3],
      [1, 2, 3],
      [1, 2, 3]
    ])
    for (const ids of launched.runIds) for (const id of ids) await runs.whenSettled(id)
  })

  it('cancelSweep stops every run left (trials stored so far kept) and names an unknown sweep', async () => {
    const { launchSweep, cancelSweep, sweepResults } = await import('./sweep-runner')
    const launched = launchSweep(runs, store, { base: { ...base, trials: 30 }, grid: { 'agent.learningRate': [0.2, 0.8] }, seeds: { count: 10, first: 1 } })
    const { cancelled } = cancelSweep(runs, store, launched.sweepId)
    expect(cancelled).toBeGreaterThan(0)
    const all = launched.runIds.flat()
    await Promise.all(all.map((id) => runs.whenSettled(id)))
    const statuses = all.map((id) => store.runs.get(id).status)
    expect(statuses.every((s) => s === 'done' || s === 'cancelled')).toBe(true)
    const cells = sweepResults(store, launched.sweepId).cells
    expect(cells.reduce((a, c) => a + c.done + c.stopped, 0)).toBe(20)
    expect(cells.reduce((a, c) => a + c.stopped, 0)).toBe(statuses.filter((s) => s === 'cancelled').length)
    expect(cancelSweep(runs, store, launched.sweepId).cancelled).toBe(0)
    expect(() => cancelSweep(runs, store, 'no-such-sweep')).toThrow(/sweep no-such-sweep does not exist/)
  })

  it('cancelling a queued sweep run answers with its stored status, cancelled', async () => {
    const { launchSweep } = await import('./sweep-runner')
    // More runs than the two workers hold: the last ones wait in the queue.
    const launched = launchSweep(runs, store, { base: { ...base, trials: 40 }, grid: { 'agent.learningRate': [0.6] }, seeds: { count: 12, first: 1 } })
    const last = launched.runIds[0].at(-1)!
    expect(runs.cancel(last).status).toBe('cancelled')
    expect(store.runs.get(last).status).toBe('cancelled')
    for (const id of launched.runIds[0]) await runs.whenSettled(id)
    expect(store.runs.trials(last)).toEqual([])
  })

  it('closing the service mid-sweep stores every trial the workers sent, and no run is left running', async () => {
    const local = LabStore.open(path.join(tempDir(), 'lab.sqlite'), '0.1.0-test')
    const events = new EventBus()
    const service = new RunsService(local, events, { workers: 1 })
    const { launchSweep } = await import('./sweep-runner')
    const launched = launchSweep(service, local, { base: { ...base, trials: 100_000, maxStepsPerTrial: 50 }, grid: { 'agent.learningRate': [0.5] }, seeds: { count: 2, first: 1 } })
    const [first, second] = launched.runIds[0]
    // Wait until main has received trials of the first run (they wait for the group commit).
    let received = 0
    await new Promise<void>((resolve) =>
      events.on('runs.progress', (p: { runId: number; trial: number }) => {
        if (p.runId === first && p.trial > 0 && received === 0) {
          received = p.trial
          resolve()
        }
      })
    )
    await service.close()
    expect(local.runs.get(first).status).toBe('failed')
    expect(local.runs.trials(first).length).toBeGreaterThanOrEqual(received)
    expect(local.runs.get(second).status).not.toBe('running')
    local.close()
  })
})

describe('sweepResults', () => {
  it('gives each cell of a stored sweep its params and the accuracy of its finished seeds', async () => {
    const { launchSweep, awaitSweep, sweepResults } = await import('./sweep-runner')
    const launched = launchSweep(runs, store, { name: 'α sweep', base, grid: { 'agent.learningRate': [0.2, 0.8] }, seeds: { count: 2, first: 1 } })
    const done = await awaitSweep(runs, store, launched)
    const stored = sweepResults(store, launched.sweepId)
    expect(stored.name).toBe('α sweep')
    expect(stored.cells.map((c) => [c.params, c.done, c.accuracy, c.meanSteps])).toEqual(done.map((c) => [c.params, 2, c.accuracy, c.meanSteps]))
  })
})
