import { randomUUID } from 'node:crypto'
import { aggregateSweep, expandSweep, parseOrThrow, SpecError, sweepSpecSchema, type FinalTrial, type SweepCell } from '../../../src-core/experiment'
import { sweepSizeIssue } from '../../api/limits'
import { InputError } from '../errors'
import { SweepsRepo } from '../store/sweeps-repo'
import type { LabStore } from '../store'
import type { RunsService } from './runs-service'

export interface SweepProgress {
  runsDone: number
  runs: number
}

/** A sweep's cells as the CLI prints them: `{ params, seeds, accuracy, meanSteps }`, plus the run ids per cell. */
export interface SweepCellOutput {
  params: Record<string, unknown>
  seeds: number
  accuracy: number
  meanSteps: number
  runIds: number[]
}

export interface LaunchedSweep {
  sweepId: string
  cells: SweepCell[]
  runIds: number[][]
}

/**
 * Parse and expand a raw sweep spec. Refused first by size (docs/limits.md: cells and runs, counted
 * without expanding); errors name their full path: `sweep.base.maxStepsPerTrial`, `sweep.seeds.count`.
 */
function expand(raw: unknown): SweepCell[] {
  const tooBig = sweepSizeIssue(raw)
  if (tooBig) {
    const field = ['sweep', ...tooBig.path].join('.')
    throw new InputError(`${field}: ${tooBig.message}`, field)
  }
  const sweep = (() => {
    try {
      return parseOrThrow(sweepSpecSchema, raw, 'sweep')
    } catch (e) {
      if (e instanceof SpecError) throw new InputError(e.issues[0] ?? e.message, e.field)
      throw e
    }
  })()
  try {
    return expandSweep(sweep)
  } catch (e) {
    if (!(e instanceof SpecError)) throw e
    // A cell's issue path is inside its spec: under a grid path it is that grid entry, else the base.
    const inner = e.field === '(root)' ? '' : e.field
    const gridPath = Object.keys(sweep.grid).find((p) => inner === p || inner.startsWith(`${p}.`) || inner.startsWith(`${p}[`))
    const field = gridPath ? `sweep.grid.${gridPath}` : inner ? `sweep.base${inner.startsWith('[') ? '' : '.'}${inner}` : 'sweep.base'
    const first = e.issues[0] ?? e.message
    throw new InputError(first.replace(`): ${e.field}:`, `): ${field}:`), field)
  }
}

/** The cells of a stored sweep spec (params per cell index), for results. */
export function sweepCells(raw: unknown): SweepCell[] {
  return expand(raw)
}

/**
 * Launch a parameter sweep (src-core's sweepSpecSchema: base spec × grid × seeds) on the runs
 * service's worker pool: a `sweeps` row, and every cell × seed a stored run (kind `sweep`, lean:
 * trials only, group `<sweep id>#<cell>`). Nothing is stored when any cell is invalid.
 */
export function launchSweep(runs: RunsService, store: LabStore, raw: unknown, nameOverride?: string): LaunchedSweep {
  const cells = expand(raw)
  // expandSweep validated every cell's spec with the core's schema (not again here); this resolves each
  // cell's preset and environment, once per cell: its seeds' specs differ only by the seed, set per run.
  const parsed = cells.map((cell) => runs.prepare(cell.specs[0], {}, `cell ${cell.index}`))
  const name = nameOverride ?? (raw as { name?: unknown }).name
  const title = typeof name === 'string' && name.trim() ? name.trim().slice(0, 150) : 'sweep'
  const sweepId = randomUUID()
  const requests = cells.map((cell) => {
    const where = Object.entries(cell.values)
      .map(([p, v]) => `${p.split('.').at(-1)}=${JSON.stringify(v)}`)
      .join(', ')
      .slice(0, 120)
    return { name: `${title} · ${where}`, seeds: 1, lean: true, kind: 'sweep' as const, tags: ['sweep'], groupId: `${sweepId}#${cell.index}` }
  })
  // Queued seed by seed across the cells (seed 1 of every cell, then seed 2, …): a sweep's table
  // fills everywhere at once, and a sweep stopped early has every cell at about the same seed count.
  const order: { cell: number; seed: number }[] = []
  const maxSeeds = Math.max(0, ...cells.map((c) => c.specs.length))
  for (let seed = 0; seed < maxSeeds; seed++) for (let cell = 0; cell < cells.length; cell++) if (seed < cells[cell].specs.length) order.push({ cell, seed })
  const items = order.map(({ cell, seed }) => ({ request: { ...requests[cell], seed: cells[cell].specs[seed].seed }, parsed: parsed[cell] }))
  // The sweep row and all its runs in one transaction: all or nothing, one commit.
  const started = store.db.transaction(() => {
    new SweepsRepo(store.db).create(sweepId, title, raw, cells.length, cells[0]?.specs.length ?? 1)
    return runs.startMany(items)
  })()
  const runIds = cells.map((cell) => new Array<number>(cell.specs.length))
  order.forEach(({ cell, seed }, i) => (runIds[cell][seed] = started[i][0].id))
  return { sweepId, cells, runIds }
}

/** Wait for every run of a launched sweep; accuracy and mean steps from each run's final trial (src-core aggregateSweep). */
export async function awaitSweep(runs: RunsService, store: LabStore, sweep: LaunchedSweep, onProgress?: (p: SweepProgress) => void): Promise<SweepCellOutput[]> {
  const total = sweep.runIds.reduce((a, ids) => a + ids.length, 0)
  let runsDone = 0
  const finals: FinalTrial[][] = await Promise.all(
    sweep.runIds.map((ids) =>
      Promise.all(
        ids.map(async (id) => {
          const ended = await runs.whenSettled(id)
          if (ended.status !== 'done') throw new Error(`run ${id} ${ended.status}${ended.error ? `: ${ended.error}` : ''}`)
          onProgress?.({ runsDone: ++runsDone, runs: total })
          const last = store.runs.lastTrial(id)
          if (!last) throw new Error(`run ${id} stored no trial`)
          return last
        })
      )
    )
  )
  return aggregateSweep(sweep.cells, finals).map((r, k) => ({ params: r.values, seeds: r.seeds, accuracy: r.accuracy, meanSteps: r.meanSteps, runIds: sweep.runIds[k] }))
}

/** Launch and wait: what the CLI and the benchmark do. */
export async function runSweep(runs: RunsService, store: LabStore, raw: unknown, onProgress?: (p: SweepProgress) => void): Promise<SweepCellOutput[]> {
  return awaitSweep(runs, store, launchSweep(runs, store, raw), onProgress)
}

export interface SweepCellResult {
  index: number
  params: Record<string, unknown>
  seeds: number
  done: number
  /** Runs that ended without finishing: cancelled, failed or interrupted (not counted in accuracy). */
  stopped: number
  accuracy: number | null
  meanSteps: number | null
}

const STOPPED = new Set(['cancelled', 'failed', 'interrupted'])

/** Cancel a stored sweep's runs still queued or running (the trials they stored are kept). */
export function cancelSweep(runs: RunsService, store: LabStore, id: string): { cancelled: number } {
  const repo = new SweepsRepo(store.db)
  repo.get(id) // not-found names the id
  // cancelMany passes over the runs that have already ended.
  return { cancelled: runs.cancelMany(repo.cellRuns(id).map((r) => r.runId)) }
}

/** A stored sweep's results so far: per cell, over its finished runs. */
export function sweepResults(store: LabStore, id: string): { id: string; name: string; spec: unknown; createdAt: string; cells: SweepCellResult[] } {
  const repo = new SweepsRepo(store.db)
  const sweep = repo.get(id)
  const cells = sweepCells(sweep.spec)
  const byCell = new Map<number, { steps: number | null; reachedGoal: number | null; status: string }[]>()
  for (const r of repo.cellRuns(id)) {
    let list = byCell.get(r.cell)
    if (!list) byCell.set(r.cell, (list = []))
    list.push(r)
  }
  return {
    id,
    name: sweep.name,
    spec: sweep.spec,
    createdAt: sweep.createdAt,
    cells: cells.map((c) => {
      const runs = byCell.get(c.index) ?? []
      const done = runs.filter((r) => r.status === 'done' && r.steps !== null)
      return {
        index: c.index,
        params: c.values,
        seeds: c.specs.length,
        done: done.length,
        stopped: runs.filter((r) => STOPPED.has(r.status)).length,
        accuracy: done.length ? done.filter((r) => r.reachedGoal === 1).length / done.length : null,
        meanSteps: done.length ? done.reduce((a, r) => a + (r.steps ?? 0), 0) / done.length : null
      }
    })
  }
}
