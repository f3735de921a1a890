import { z } from 'zod'
import { CELL_WALL, type Grid } from './grid'
import type { CellRC } from './grid-ops'

/**
 * Which layout and which start cell each trial uses. Trials are numbered from 1. Each list holds
 * change points: an entry applies from its `fromTrial` until the next entry's. Start cells are
 * 0-based { row, col } (row 0 at the top).
 */
export const scheduleSchema = z.strictObject({
  layouts: z.array(z.strictObject({ fromTrial: z.number().int().min(1), layoutId: z.string().min(1) })).min(1),
  starts: z.array(z.strictObject({ fromTrial: z.number().int().min(1), start: z.strictObject({ row: z.number().int().min(0), col: z.number().int().min(0) }) })).min(1)
})
export type EnvironmentSchedule = z.infer<typeof scheduleSchema>

export interface ResolvedTrial {
  layoutId: string
  start: CellRC
}

/** A schedule problem, with the path of the offending field (e.g. "starts.2.fromTrial"). */
export class ScheduleError extends Error {
  constructor(
    readonly field: string,
    detail: string
  ) {
    super(`${field}: ${detail}`)
    this.name = 'ScheduleError'
  }
}

function checkChangePoints(list: { fromTrial: number }[], name: string): void {
  if (list.length === 0) throw new ScheduleError(name, 'needs at least one entry')
  if (list[0].fromTrial !== 1) throw new ScheduleError(`${name}.0.fromTrial`, `the first entry must start at trial 1, got ${list[0].fromTrial}`)
  for (let k = 1; k < list.length; k++) {
    if (!(list[k].fromTrial > list[k - 1].fromTrial)) {
      throw new ScheduleError(`${name}.${k}.fromTrial`, `trials must increase: ${list[k].fromTrial} does not follow ${list[k - 1].fromTrial}`)
    }
  }
}

/**
 * Checks the shape, that both lists begin at trial 1 and increase, and — when `layouts` is given —
 * that every layout id exists and every start is an in-bounds non-wall cell of each layout it meets.
 */
export function validateSchedule(schedule: unknown, layouts?: Record<string, Grid>): EnvironmentSchedule {
  const parsed = scheduleSchema.safeParse(schedule)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new ScheduleError(issue.path.map(String).join('.') || '(schedule)', issue.message)
  }
  const s = parsed.data
  checkChangePoints(s.layouts, 'layouts')
  checkChangePoints(s.starts, 'starts')
  if (layouts) {
    s.layouts.forEach((l, k) => {
      if (!Object.hasOwn(layouts, l.layoutId)) throw new ScheduleError(`layouts.${k}.layoutId`, `no layout named "${l.layoutId}"`)
    })
    // Every (layout, start) pair that some trial uses: walk the merged change points.
    const points = [...new Set([...s.layouts.map((l) => l.fromTrial), ...s.starts.map((e) => e.fromTrial)])].sort((a, b) => a - b)
    for (const trial of points) {
      const { layoutId, start } = resolveTrial(s, trial)
      const grid = layouts[layoutId]
      const k = indexOfEntry(s.starts, trial)
      if (start.row >= grid.height || start.col >= grid.width) {
        throw new ScheduleError(`starts.${k}.start`, `(${start.row}, ${start.col}) is outside layout "${layoutId}" (${grid.width}×${grid.height}) at trial ${trial}`)
      }
      if (grid.cells[start.row * grid.width + start.col] === CELL_WALL) {
        throw new ScheduleError(`starts.${k}.start`, `(${start.row}, ${start.col}) is a wall in layout "${layoutId}" at trial ${trial}`)
      }
    }
  }
  return s
}

/** Index of the entry in force at `trial` (entries sorted by fromTrial, first at 1). */
function indexOfEntry(list: { fromTrial: number }[], trial: number): number {
  let lo = 0
  let hi = list.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (list[mid].fromTrial <= trial) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** The layout and start of trial `trial` (1-based). The schedule must be valid (see validateSchedule). */
export function resolveTrial(schedule: EnvironmentSchedule, trial: number): ResolvedTrial {
  if (!Number.isInteger(trial) || trial < 1) throw new RangeError(`trial must be an integer ≥ 1, got ${trial}`)
  const layout = schedule.layouts[indexOfEntry(schedule.layouts, trial)]
  const start = schedule.starts[indexOfEntry(schedule.starts, trial)].start
  return { layoutId: layout.layoutId, start: { row: start.row, col: start.col } }
}

/** The trials (ascending, > 1) where the layout changes: where a learned path may be blocked. */
export function layoutSwitchTrials(schedule: EnvironmentSchedule): number[] {
  const out: number[] = []
  for (let k = 1; k < schedule.layouts.length; k++) {
    if (schedule.layouts[k].layoutId !== schedule.layouts[k - 1].layoutId) out.push(schedule.layouts[k].fromTrial)
  }
  return out
}
