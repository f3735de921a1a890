import type { Database } from 'better-sqlite3'
import { AuditLog } from './audit-log'
import { openLabDatabase } from './database'
import { RunsRepo } from './runs-repo'

export { StoreError } from './errors'
export type { AuditEntry } from './audit-log'

/** The lab notebook: one SQLite file, one repository per domain. */
export class LabStore {
  readonly audit: AuditLog
  readonly runs: RunsRepo
  /** How many runs were found `running` at open and marked `interrupted`. */
  readonly interruptedAtOpen: number

  private constructor(
    readonly db: Database,
    readonly file: string,
    appVersion: string
  ) {
    this.audit = new AuditLog(db)
    this.runs = new RunsRepo(db, this.audit, appVersion)
    this.interruptedAtOpen = this.runs.markInterrupted()
  }

  static open(file: string, appVersion: string): LabStore {
    return new LabStore(openLabDatabase(file), file, appVersion)
  }

  close(): void {
    if (this.db.open) this.db.close()
  }
}
