import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CELL_WALL } from '../../../src-core/env/grid'
import { resolveEnvironment, parseRunSpec } from '../../../src-core/experiment'
import { EventBus } from '../event-bus'
import { LabStore } from '../store'
import { tempDir } from '../store/test-helpers'
import { nonFiniteField, RunsService } from './runs-service'

const openMaze = {
  format: 'rram-workbench.maze',
  version: 1,
  width: 6,
  height: 4,
  rows: ['......', '......', '......', '.....G'],
  starts: [{ row: 0, col: 0 }]
}

const inlineOpen = { inline: { name: 'open 6×4', layouts: { a: openMaze }, schedule: { layouts: [{ fromTrial: 1, layoutId: 'a' }], starts: [{ fromTrial: 1, start: { row: 0, col: 0 } }] } } }

/** Tabular Q on a small inline maze (fast); the bio network on the authors' maze 1. */
function spec(agent: 'q-table' | 'bio-rram', trials: number, extra: Record<string, unknown> = {}) {
  return {
    environment: agent === 'q-table' ? inlineOpen : { builtin: 'bianchi-maze-1' },
    agent: { kind: agent },
    trials,
    maxStepsPerTrial: agent === 'q-table' ? 200 : 300,
    ...extra
  }
}

let services: { store: LabStore; runs: RunsService; events: EventBus }[] = []
function setup(workers = 2) {
  const store = LabStore.open(path.join(tempDir(), 'lab.sqlite'), '0.1.0-test')
  const events = new EventBus()
  const runs = new RunsService(store, events, { workers, frameIntervalMs: 0 })
  const s = { store, runs, events }
  services.push(s)
  return s
}
afterEach(async () => {
  for (const s of services) {
    await s.runs.close()
    s.store.close()
  }
  services = []
})

describe('RunsService', () => {
  it('runs N seeds as N runs of one group, storing every trial and a final snapshot', async () => {
    const { runs, store, events } = setup()
    const progress: number[] = []
    events.on('runs.progress', (p) => p.record && progress.push(p.record.trial))
    const started = runs.start({ spec: spec('bio-rram', 8), name: 'open', seeds: 3, seed: 1 })
    expect(started.map((r) => r.seed)).toEqual([1, 2, 3])
    expect(new Set(started.map((r) => r.groupId)).size).toBe(1)
    const ended = await Promise.all(started.map((r) => runs.whenSettled(r.id)))
    expect(ended.map((r) => [r.status, r.trialCount])).toEqual([
      ['done', 8],
      ['done', 8],
      ['done', 8]
    ])
    expect(progress.length).toBe(24)
    expect(store.runs.trials(started[0].id).map((t) => t.trial)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    const snap = runs.snapshots.get(started[0].id)
    expect(snap.trial).toBe(8)
    expect(snap.layers.map((l) => l.layer).sort()).toEqual(['kinds', 'path', 'synapses', 'thresholds', 'visits'])
  })

  it('stores the kind of every threshold with the bio network’s state: penalties on walls, rewards and relaxations on free cells', async () => {
    const { runs } = setup()
    const [r] = runs.start({ spec: spec('bio-rram', 8), name: 'kinds', seeds: 1, seed: 3 })
    await runs.whenSettled(r.id)
    const kinds = runs.snapshots.get(r.id).layers.find((l) => l.layer === 'kinds')!
    expect([kinds.unit, kinds.width, kinds.height, kinds.planes]).toEqual(['kind', 30, 30, 1])
    const maze = Object.values(resolveEnvironment(parseRunSpec(spec('bio-rram', 8))).layouts)[0]
    const counts = [0, 0, 0, 0]
    kinds.values.forEach((k, i) => {
      expect([0, 1, 2, 3]).toContain(k)
      counts[k]++
      // Only a wall is penalised (the agent bumped into it); only a cell the agent stood on is rewarded or relaxed.
      if (k === 2) expect(maze.cells[i]).toBe(CELL_WALL)
      if (k === 1 || k === 3) expect(maze.cells[i]).not.toBe(CELL_WALL)
    })
    expect(counts[2]).toBeGreaterThan(0)
  })

  it('stores the state of the last trial done when a run is cancelled', async () => {
    const { runs, store, events } = setup(1)
    const [r] = runs.start({ spec: spec('q-table', 100000), name: 'long', seeds: 1, seed: 2 })
    await new Promise<void>((resolve) => {
      const off = events.on('runs.progress', (p) => {
        if (p.runId === r.id && p.trial >= 3) {
          off()
          resolve()
        }
      })
    })
    runs.cancel(r.id)
    const ended = await runs.whenSettled(r.id)
    expect(ended.status).toBe('cancelled')
    const stored = runs.snapshots.list(r.id)
    expect(stored.at(-1)?.trial).toBe(store.runs.trials(r.id).length)
    expect(stored.at(-1)?.layers.sort()).toEqual(['path', 'synapses', 'visits'])
  })

  it('gives the same trials for the same spec and seed (re-run from the stored spec)', async () => {
    const { runs, store } = setup()
    const [a] = runs.start({ spec: spec('q-table', 6), name: 'q', seeds: 1, seed: 5 })
    await runs.whenSettled(a.id)
    const b = runs.rerun(a.id)
    await runs.whenSettled(b.id)
    const strip = (id: number) => store.runs.trials(id)
    expect(strip(b.id)).toEqual(strip(a.id))
    expect(store.runs.spec(b.id)).toEqual(store.runs.spec(a.id))
  })

  it('stores nothing for an invalid spec and names the path of the error', () => {
    const { runs, store } = setup()
    const bad = spec('bio-rram', 5, {})
    ;(bad.agent as Record<string, unknown>).homeostasis = { icLadderUA: [20, 30, -1] }
    expect(() => runs.start({ spec: bad, name: 'bad', seeds: 2 })).toThrow(/agent\.homeostasis\.icLadderUA\[2\]: expected µA > 0/)
    expect(store.runs.list()).toEqual([])
  })

  it('cancels between trials keeping the trials so far, and pauses and resumes', async () => {
    const { runs, store, events } = setup(1)
    const [r] = runs.start({ spec: spec('q-table', 100000), name: 'long', seeds: 1, seed: 1 })
    const [queued] = runs.start({ spec: spec('q-table', 5), name: 'queued', seeds: 1, seed: 1 })
    expect(store.runs.get(queued.id).status).toBe('queued')
    await new Promise<void>((resolve) => {
      const off = events.on('runs.progress', (p) => {
        if (p.runId === r.id && p.trial >= 3) {
          off()
          resolve()
        }
      })
    })
    runs.pause(r.id)
    await new Promise<void>((resolve) => events.on('runs.progress', (p) => p.runId === r.id && p.status === 'paused' && resolve()))
    expect(store.runs.get(r.id).status).toBe('paused')
    const pausedAt = store.runs.get(r.id).trialCount
    await new Promise((res) => setTimeout(res, 100))
    expect(store.runs.get(r.id).trialCount).toBe(pausedAt)
    runs.resume(r.id)
    runs.cancel(r.id)
    const ended = await runs.whenSettled(r.id)
    expect(ended.status).toBe('cancelled')
    expect(ended.trialCount).toBeGreaterThanOrEqual(pausedAt)
    expect(ended.trialCount).toBeLessThan(100000)
    expect((await runs.whenSettled(queued.id)).status).toBe('done')
    expect(() => runs.cancel(r.id)).toThrow(/is cancelled/)
  })
})

describe('nonFiniteField', () => {
  it('names the first NaN or infinite number of a trial record', () => {
    const ok = {
      trial: 1,
      steps: 3,
      timeUs: 75,
      reachedGoal: true,
      pathLength: 3,
      shortestPath: 3,
      spikes: 3,
      ops: { reads: 1, sets: 1, resets: 0 },
      energyJ: { fire: 0, integration: 0, controller: 0, programming: 0 }
    }
    expect(nonFiniteField(ok)).toBeNull()
    expect(nonFiniteField({ ...ok, energyJ: { ...ok.energyJ, programming: NaN } })).toBe('energyJ.programming')
    expect(nonFiniteField({ ...ok, timeUs: Infinity })).toBe('timeUs')
  })
})
