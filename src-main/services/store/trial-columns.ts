import type { TrialRecord } from '../../api/schemas/run'

/**
 * Trial records as columns: how a lean worker hands a batch to main (its buffers transferred, not
 * cloned — no object per trial to copy or collect) and how the store inserts them.
 */

/** Numbers per trial, row after row, in the trials table's column order (run id and layout apart). */
export const TRIAL_NUMBERS = 15

export interface TrialColumns {
  count: number
  /**
   * count × TRIAL_NUMBERS: trial, steps, timeUs, reachedGoal (1 | 0), pathLength, shortestPath, spikes,
   * reads, sets, resets, energy fire, integration, controller, programming (J), timedOut (1 | 0); NaN = null.
   */
  values: Float64Array
  /** Per trial, an index into `layoutIds`, or -1 for no layout id. */
  layouts: Int32Array
  layoutIds: string[]
}

const orNaN = (v: number | null | undefined): number => (v === null || v === undefined ? NaN : v)

/** Collects trial records into columns; `take()` hands the batch over and starts a new one. */
export class TrialColumnsBuilder {
  private values = new Float64Array(0)
  private layouts = new Int32Array(0)
  private layoutIds: string[] = []
  private layoutIndex = new Map<string, number>()
  private n = 0
  private readonly firstCapacity: number

  /** `capacity`: trials expected per batch (it grows past that when needed). */
  constructor(capacity = 64) {
    this.firstCapacity = Number.isInteger(capacity) && capacity >= 1 ? capacity : 64
  }

  get count(): number {
    return this.n
  }

  push(r: TrialRecord): void {
    if (this.n === this.layouts.length) this.grow()
    const v = this.values
    const o = this.n * TRIAL_NUMBERS
    v[o] = r.trial
    v[o + 1] = r.steps
    v[o + 2] = r.timeUs
    v[o + 3] = r.reachedGoal ? 1 : 0
    v[o + 4] = orNaN(r.pathLength)
    v[o + 5] = orNaN(r.shortestPath)
    v[o + 6] = orNaN(r.spikes)
    v[o + 7] = r.ops.reads
    v[o + 8] = r.ops.sets
    v[o + 9] = r.ops.resets
    v[o + 10] = r.energyJ.fire
    v[o + 11] = r.energyJ.integration
    v[o + 12] = r.energyJ.controller
    // Records without programming energy store 0 (as appendTrials always did).
    v[o + 13] = r.energyJ.programming ?? 0
    // A record that does not say (stored before the column) stays null.
    v[o + 14] = r.timedOut === undefined || r.timedOut === null ? NaN : r.timedOut ? 1 : 0
    let layout = -1
    if (r.layoutId !== null && r.layoutId !== undefined) {
      const known = this.layoutIndex.get(r.layoutId)
      if (known === undefined) {
        layout = this.layoutIds.length
        this.layoutIds.push(r.layoutId)
        this.layoutIndex.set(r.layoutId, layout)
      } else layout = known
    }
    this.layouts[this.n++] = layout
  }

  private grow(): void {
    const capacity = this.layouts.length === 0 ? this.firstCapacity : this.layouts.length * 2
    const values = new Float64Array(capacity * TRIAL_NUMBERS)
    values.set(this.values)
    const layouts = new Int32Array(capacity)
    layouts.set(this.layouts)
    this.values = values
    this.layouts = layouts
  }

  /** The batch (exactly `count` rows) and its buffers for a transfer list; null when empty. The builder starts over. */
  take(): { columns: TrialColumns; transfer: ArrayBuffer[] } | null {
    if (this.n === 0) return null
    const count = this.n
    const full = count === this.layouts.length
    const values = full ? this.values : this.values.slice(0, count * TRIAL_NUMBERS)
    const layouts = full ? this.layouts : this.layouts.slice(0, count)
    const columns: TrialColumns = { count, values, layouts, layoutIds: this.layoutIds }
    this.values = new Float64Array(0)
    this.layouts = new Int32Array(0)
    this.layoutIds = []
    this.layoutIndex = new Map()
    this.n = 0
    return { columns, transfer: [values.buffer as ArrayBuffer, layouts.buffer as ArrayBuffer] }
  }
}

/** Records as columns (the store's insert path for records given as objects). */
export function trialColumns(records: readonly TrialRecord[]): TrialColumns {
  const b = new TrialColumnsBuilder(Math.max(1, records.length))
  for (const r of records) b.push(r)
  return b.take()?.columns ?? { count: 0, values: new Float64Array(0), layouts: new Int32Array(0), layoutIds: [] }
}

/** The trial number of row `i`. */
export function trialNumberAt(c: TrialColumns, i: number): number {
  return c.values[i * TRIAL_NUMBERS]
}

/** The first number of a trial record that is NaN or infinite, as a path (`energyJ.programming`), or null. */
export function nonFiniteField(record: TrialRecord): string | null {
  // Fast path: a sum of finite numbers is finite (or overflows, and the walk below finds nothing).
  const r = record
  const e = r.energyJ
  const sum = r.trial + r.steps + r.timeUs + (r.pathLength ?? 0) + (r.shortestPath ?? 0) + (r.spikes ?? 0) + r.ops.reads + r.ops.sets + r.ops.resets
  if (Number.isFinite(sum + e.fire + e.integration + e.controller + (e.programming ?? 0))) return null
  const check = (obj: Record<string, unknown>, prefix: string): string | null => {
    for (const [k, v] of Object.entries(obj)) {
      if (typeof v === 'number' && !Number.isFinite(v)) return prefix + k
      if (v !== null && typeof v === 'object') {
        const inner = check(v as Record<string, unknown>, `${prefix}${k}.`)
        if (inner) return inner
      }
    }
    return null
  }
  return check(record as unknown as Record<string, unknown>, '')
}
