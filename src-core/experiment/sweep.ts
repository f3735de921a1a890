import { z } from 'zod'
import { accuracyOf } from './accuracy'
import { runSpecSchema, type RunSpec } from './spec'
import type { TrialRecord } from './trial-record'
import { formatZodIssues, SpecError } from './zod-issues'

/**
 * A parameter sweep: a base run spec, a grid of values over any spec fields (dotted paths, e.g.
 * "agent.programming.iComplianceUA"; a path may replace a whole object, e.g. "agent"), × N seeds.
 * Expansion and aggregation are pure; the node-side worker pool runs the cells' specs.
 */
export const sweepSpecSchema = z.strictObject({
  name: z.string().max(200).optional(),
  /** The run spec every cell starts from (raw JSON: cells are validated after the grid is applied). */
  base: z.record(z.string(), z.unknown()),
  /** Dotted path → values. The cells are the Cartesian product, first path varying slowest. */
  grid: z.record(
    z.string().regex(/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*|\.\d+)*$/, { message: 'expected a dotted path like agent.reward.lastPositions' }),
    z.array(z.unknown()).min(1, { message: 'expected at least one value' })
  ),
  /** Seeds per cell: firstSeed, firstSeed + 1, … Our default 20 seeds from 1. */
  seeds: z.strictObject({ count: z.number().int().min(1).max(10_000).default(20), first: z.number().int().default(1) }).prefault({}),
  /** What accuracy means (docs/accuracy.md, experiment/accuracy.ts): the share of seeds whose final trial reaches the goal within its budget (steps and, if set, the time cut-off). */
  accuracy: z.enum(['final-trial-reaches-goal']).default('final-trial-reaches-goal')
})

export type SweepSpec = z.infer<typeof sweepSpecSchema>
export type SweepSpecInput = z.input<typeof sweepSpecSchema>

export interface SweepCell {
  index: number
  /** The grid value of each path in this cell. */
  values: Record<string, unknown>
  /** One validated spec per seed. */
  specs: RunSpec[]
}

/** Write `value` at a dotted path of a JSON object (copying along the way; the input is not changed). */
export function setAtPath(obj: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const keys = path.split('.')
  const root: Record<string, unknown> = { ...obj }
  let node: Record<string, unknown> | unknown[] = root
  for (let k = 0; k < keys.length - 1; k++) {
    const key = keys[k]
    const child: unknown = (node as Record<string, unknown>)[key]
    const copy: Record<string, unknown> | unknown[] = Array.isArray(child) ? [...child] : typeof child === 'object' && child !== null ? { ...child } : {}
    ;(node as Record<string, unknown>)[key] = copy
    node = copy
  }
  ;(node as Record<string, unknown>)[keys[keys.length - 1]] = structuredCloneJson(value)
  return root
}

function structuredCloneJson(v: unknown): unknown {
  return v === undefined ? undefined : JSON.parse(JSON.stringify(v))
}

/** The cells of a sweep, each with one validated spec per seed. Throws SpecError naming the cell and path. */
export function expandSweep(sweep: SweepSpec): SweepCell[] {
  const paths = Object.keys(sweep.grid)
  const cells: SweepCell[] = []
  const counts = paths.map((p) => sweep.grid[p].length)
  const total = counts.reduce((a, b) => a * b, 1)
  for (let index = 0; index < total; index++) {
    const values: Record<string, unknown> = {}
    let spec: Record<string, unknown> = sweep.base
    let rest = index
    for (let k = paths.length - 1; k >= 0; k--) {
      const v = sweep.grid[paths[k]][rest % counts[k]]
      rest = Math.floor(rest / counts[k])
      values[paths[k]] = v
    }
    for (const p of paths) spec = setAtPath(spec, p, values[p])
    const specs: RunSpec[] = []
    for (let s = 0; s < sweep.seeds.count; s++) {
      const r = runSpecSchema.safeParse({ ...spec, seed: sweep.seeds.first + s })
      if (!r.success) {
        const where = paths.map((p) => `${p}=${JSON.stringify(values[p])}`).join(', ')
        const issues = formatZodIssues(r.error).map((line) => `cell ${index} (${where}): ${line}`)
        throw new SpecError(issues, formatZodIssues(r.error)[0].split(':')[0])
      }
      specs.push(r.data)
    }
    cells.push({ index, values: Object.fromEntries(paths.map((p) => [p, values[p]])), specs })
  }
  return cells
}

export interface SweepCellResult {
  index: number
  values: Record<string, unknown>
  seeds: number
  /** Accuracy (experiment/accuracy.ts): share of seeds whose final trial reached the goal within its budget. */
  accuracy: number
  /** Mean steps of the final trial over seeds (a failed trial counts as the full budget). */
  meanSteps: number
}

/** What a sweep's results read of a run's final trial: the loop's record, or its stored shape (StoredTrialRecord). */
export type FinalTrial = Pick<TrialRecord, 'steps' | 'reachedGoal' | 'timedOut'>

/**
 * Accuracy and mean final-trial steps of each cell, from the final trial record of each seed's run
 * (`finalRecords[cell][seed]`).
 */
export function aggregateSweep(cells: SweepCell[], finalRecords: readonly (readonly FinalTrial[])[]): SweepCellResult[] {
  if (finalRecords.length !== cells.length) throw new RangeError(`expected results for ${cells.length} cells, got ${finalRecords.length}`)
  return cells.map((cell, k) => {
    const recs = finalRecords[k]
    if (recs.length === 0) throw new RangeError(`cell ${cell.index} has no results`)
    const meanSteps = recs.reduce((s, r) => s + r.steps, 0) / recs.length
    return { index: cell.index, values: cell.values, seeds: recs.length, accuracy: accuracyOf(recs), meanSteps }
  })
}
