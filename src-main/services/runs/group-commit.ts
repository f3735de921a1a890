import type { Database } from 'better-sqlite3'

/** A queued write; it may return what to do once its transaction is committed. */
export type GroupWrite = () => (() => void) | void

/**
 * Group commit: writes queued here wait at most `delayMs`, then all go in one transaction — one
 * commit, so one fsync with synchronous = FULL, for many small writes (a sweep's runs: a status, a
 * few trials, a final status each). Writes run in the order queued; a write may queue another, which
 * joins the same transaction. What a write returns runs after the commit (e.g. telling a waiter its
 * data is on disk). When the commit itself fails, nothing of the group is stored and `onFailed` gets
 * the owners of its writes.
 */
export class GroupCommit<Owner> {
  private writes: { owner: Owner; write: GroupWrite }[] = []
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly db: Database,
    private readonly delayMs: number,
    private readonly onFailed: (owners: Set<Owner>, error: Error) => void
  ) {}

  queue(owner: Owner, write: GroupWrite): void {
    this.writes.push({ owner, write })
    this.timer ??= setTimeout(() => this.commit(), this.delayMs)
  }

  /** Commit what is queued now (no-op when nothing is, or the database is closed). */
  commit(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.writes.length === 0 || !this.db.open) return
    const committed: (() => void)[] = []
    const owners = new Set<Owner>()
    try {
      this.db.transaction(() => {
        while (this.writes.length > 0) {
          const writes = this.writes
          this.writes = []
          for (const { owner, write } of writes) {
            owners.add(owner)
            const then = write()
            if (then) committed.push(then)
          }
        }
      })()
    } catch (e) {
      this.writes = []
      this.onFailed(owners, e as Error)
      return
    }
    for (const then of committed) then()
  }
}
