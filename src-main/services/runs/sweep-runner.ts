import { aggregateSweep, expandSweep, parseOrThrow, SpecError, sweepSpecSchema, type SweepCellResult, type TrialRecord as CoreTrialRecord } from '../../../src-core/experiment'
import { StoreError } from '../store/errors'
import { parseRunSpec } from './spec-adapter'
import type { RunsService } from './runs-service'
import type { LabStore } from '../store'

export interface SweepProgress {
  cellsDone: number
  cells: number
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

/**
 * Run a parameter sweep (src-core's sweepSpecSchema: base spec × grid × seeds) on the runs
 * service's worker pool: every cell × seed is one stored run (kind `sweep`, one group per cell, lean:
 * trials only). Nothing is stored when any cell's spec is invalid. Accuracy and mean steps come from
 * each run's final trial (src-core aggregateSweep).
 */
export async function runSweep(runs: RunsService, store: LabStore, raw: unknown, onProgress?: (p: SweepProgress) => void): Promise<SweepCellOutput[]> {
  let cells
  try {
    cells = expandSweep(parseOrThrow(sweepSpecSchema, raw))
  } catch (e) {
    if (e instanceof SpecError) throw new StoreError('invalid', e.issues[0] ?? e.message, e.field)
    throw e
  }
  const name = (raw as { name?: unknown }).name
  const title = typeof name === 'string' && name ? name : 'sweep'
  // Check every cell before storing anything: expandSweep validated the schema; this resolves presets and environments.
  for (const cell of cells) parseRunSpec(cell.specs[0], {}, `cell ${cell.index}`)
  const launched = cells.map((cell) => {
      const where = Object.entries(cell.values)
        .map(([p, v]) => `${p.split('.').at(-1)}=${JSON.stringify(v)}`)
        .join(', ')
      return cell.specs.map((spec) => runs.start({ spec, name: `${title} · ${where}`, seeds: 1, seed: spec.seed, lean: true, kind: 'sweep', tags: ['sweep'] })[0].id)
    })
  const total = launched.reduce((a, ids) => a + ids.length, 0)
  let runsDone = 0
  let cellsDone = 0
  const finals: CoreTrialRecord[][] = await Promise.all(
    launched.map(async (ids) => {
      const recs = await Promise.all(
        ids.map(async (id) => {
          const ended = await runs.whenSettled(id)
          if (ended.status !== 'done') throw new Error(`run ${id} ${ended.status}${ended.error ? `: ${ended.error}` : ''}`)
          runsDone++
          onProgress?.({ cellsDone, cells: cells.length, runsDone, runs: total })
          const last = store.runs.trials(id).at(-1)
          if (!last) throw new Error(`run ${id} stored no trial`)
          return last as unknown as CoreTrialRecord
        })
      )
      cellsDone++
      return recs
    })
  )
  const results: SweepCellResult[] = aggregateSweep(cells, finals)
  return results.map((r, k) => ({ params: r.values, seeds: r.seeds, accuracy: r.accuracy, meanSteps: r.meanSteps, runIds: launched[k] }))
}
