import type { Database } from 'better-sqlite3'
import { StoreError } from './errors'

export interface SweepRow {
  id: string
  name: string
  spec: unknown
  cells: number
  seeds: number
  createdAt: string
}

/** Parameter sweeps: the spec of each; its runs are found by `group_id LIKE '<id>#%'`. */
export class SweepsRepo {
  constructor(
    private readonly db: Database,
    private readonly now: () => string = () => new Date().toISOString()
  ) {}

  create(id: string, name: string, spec: unknown, cells: number, seeds: number): SweepRow {
    this.db.prepare('INSERT INTO sweeps (id, name, spec_json, cells, seeds, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, name, JSON.stringify(spec), cells, seeds, this.now())
    return this.get(id)
  }

  get(id: string): SweepRow {
    const r = this.db.prepare('SELECT id, name, spec_json, cells, seeds, created_at FROM sweeps WHERE id = ?').get(id) as
      { id: string; name: string; spec_json: string; cells: number; seeds: number; created_at: string } | undefined
    if (!r) throw new StoreError('not-found', `sweep ${id} does not exist`, 'id')
    return { id: r.id, name: r.name, spec: JSON.parse(r.spec_json), cells: r.cells, seeds: r.seeds, createdAt: r.created_at }
  }

  list(): Omit<SweepRow, 'spec'>[] {
    return (
      this.db.prepare('SELECT id, name, cells, seeds, created_at FROM sweeps ORDER BY created_at DESC').all() as { id: string; name: string; cells: number; seeds: number; created_at: string }[]
    ).map((r) => ({ id: r.id, name: r.name, cells: r.cells, seeds: r.seeds, createdAt: r.created_at }))
  }

  /** Per cell (index from the group id): its runs' status and final trial. */
  cellRuns(id: string): { cell: number; runId: number; status: string; steps: number | null; reachedGoal: number | null }[] {
    return this.db
      .prepare(
        `SELECT CAST(substr(r.group_id, length(?) + 2) AS INTEGER) AS cell, r.id AS runId, r.status AS status,
           t.steps AS steps, t.reached_goal AS reachedGoal
         FROM runs r LEFT JOIN trials t ON t.run_id = r.id AND t.trial = (SELECT max(trial) FROM trials WHERE run_id = r.id)
         WHERE r.group_id >= ? || '#' AND r.group_id < ? || '$' ORDER BY cell, r.seed`
      )
      .all(id, id, id) as { cell: number; runId: number; status: string; steps: number | null; reachedGoal: number | null }[]
  }
}
