import type { Database } from 'better-sqlite3'
import { StoreError } from './errors'

export interface ComparisonViewRow {
  id: number
  name: string
  view: unknown
  createdAt: string
  updatedAt: string
}

/** Saved comparison views of the Runs panel (selection, grouping, smoothing, axes), by unique name. */
export class ComparisonViewsRepo {
  constructor(
    private readonly db: Database,
    private readonly now: () => string = () => new Date().toISOString()
  ) {}

  /** Save under a name; saving again under the same name replaces the view. */
  save(name: string, view: unknown): ComparisonViewRow {
    const at = this.now()
    this.db
      .prepare(
        `INSERT INTO comparison_views (name, view_json, created_at, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET view_json = excluded.view_json, updated_at = excluded.updated_at`
      )
      .run(name, JSON.stringify(view), at, at)
    return this.get(name)
  }

  get(name: string): ComparisonViewRow {
    const row = this.db.prepare('SELECT id, name, view_json, created_at, updated_at FROM comparison_views WHERE name = ?').get(name) as
      { id: number; name: string; view_json: string; created_at: string; updated_at: string } | undefined
    if (!row) throw new StoreError('not-found', `no saved comparison named "${name}"`, 'name')
    return { id: row.id, name: row.name, view: JSON.parse(row.view_json), createdAt: row.created_at, updatedAt: row.updated_at }
  }

  list(): { id: number; name: string; updatedAt: string }[] {
    return (this.db.prepare('SELECT id, name, updated_at FROM comparison_views ORDER BY name').all() as { id: number; name: string; updated_at: string }[]).map((r) => ({
      id: r.id,
      name: r.name,
      updatedAt: r.updated_at
    }))
  }

  delete(name: string): void {
    const info = this.db.prepare('DELETE FROM comparison_views WHERE name = ?').run(name)
    if (info.changes === 0) throw new StoreError('not-found', `no saved comparison named "${name}"`, 'name')
  }
}
