import type { Database } from 'better-sqlite3'

/** One stored figure result: its status as the Paper view shows it (JSON), the reproduction it came from, and when. */
export interface FigureResultRow {
  figure: string
  status: unknown
  reproductionId: string
  finishedAt: string
}

/**
 * The newest result of each of the paper's figures (migration 0010): `reproduce` writes a figure's when its runs have
 * ended, replacing the one before; the Paper view reads them when the notebook opens.
 */
export class FigureResultsRepo {
  constructor(private readonly db: Database) {}

  save(figure: string, status: unknown, reproductionId: string, finishedAt: string): void {
    this.db
      .prepare(
        `INSERT INTO figure_results (figure, status_json, reproduction_id, finished_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (figure) DO UPDATE SET status_json = excluded.status_json, reproduction_id = excluded.reproduction_id, finished_at = excluded.finished_at`
      )
      .run(figure, JSON.stringify(status), reproductionId, finishedAt)
  }

  /** Every stored figure, its JSON parsed (the caller validates its shape). */
  all(): FigureResultRow[] {
    const rows = this.db.prepare('SELECT figure, status_json, reproduction_id, finished_at FROM figure_results ORDER BY figure').all() as {
      figure: string
      status_json: string
      reproduction_id: string
      finished_at: string
    }[]
    return rows.map((r) => ({ figure: r.figure, status: JSON.parse(r.status_json) as unknown, reproductionId: r.reproduction_id, finishedAt: r.finished_at }))
  }
}
