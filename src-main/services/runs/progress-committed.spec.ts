// Issue 13, item 6: runs.progress reports a trial only once it is committed. After a kill, a run had
// reported trial 79 with 61 stored. A second connection to the notebook sees only committed rows:
// at every progress event it must already find the trial reported.
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { EventBus } from '../event-bus'
import { LabStore } from '../store'
import { tempDir } from '../store/test-helpers'
import { RunsService } from './runs-service'
import { runSweep } from './sweep-runner'

const openMaze = { format: 'rram-workbench.maze', version: 1, width: 6, height: 4, rows: ['......', '......', '......', '.....G'], starts: [{ row: 0, col: 0 }] }
const environment = { inline: { name: 'open 6×4', layouts: { a: openMaze }, schedule: { layouts: [{ fromTrial: 1, layoutId: 'a' }], starts: [{ fromTrial: 1, start: { row: 0, col: 0 } }] } } }
const spec = (trials: number) => ({ environment, agent: { kind: 'q-table' }, trials, maxStepsPerTrial: 200 })

let cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanup) await c()
  cleanup = []
})

function setup() {
  const file = path.join(tempDir(), 'lab.sqlite')
  const store = LabStore.open(file, '0.1.0-test')
  const events = new EventBus()
  const runs = new RunsService(store, events, { workers: 1, frameIntervalMs: 0 })
  const reader = new Database(file, { readonly: true })
  const stored = reader.prepare('SELECT coalesce(max(trial), 0) AS n FROM trials WHERE run_id = ?')
  const seen: { runId: number; trial: number; stored: number }[] = []
  events.on('runs.progress', (p) => {
    if (p.trial > 0) seen.push({ runId: p.runId, trial: p.trial, stored: (stored.get(p.runId) as { n: number }).n })
  })
  cleanup.push(async () => {
    await runs.close()
    reader.close()
    store.close()
  })
  return { store, runs, seen }
}

describe('runs.progress reports committed trials only', () => {
  it('a full run: every reported trial is already visible to another connection', async () => {
    const { runs, seen } = setup()
    const [run] = runs.start({ spec: spec(60), name: 'committed', seeds: 1, seed: 3 })
    await runs.whenSettled(run.id)
    expect(seen.length).toBeGreaterThan(10)
    for (const s of seen) expect(s.stored, `trial ${s.trial} reported with ${s.stored} stored`).toBeGreaterThanOrEqual(s.trial)
  })

  it('a sweep (lean runs, group commit): every reported trial is already committed', async () => {
    const { runs, store, seen } = setup()
    await runSweep(runs, store, { base: spec(40), grid: { 'agent.learningRate': [0.2, 0.5] }, seeds: { count: 2 } })
    expect(seen.length).toBeGreaterThan(3)
    for (const s of seen) expect(s.stored, `run ${s.runId} trial ${s.trial} reported with ${s.stored} stored`).toBeGreaterThanOrEqual(s.trial)
  })
})
