import BetterSqlite3 from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { GroupCommit } from './group-commit'

let db: BetterSqlite3.Database
afterEach(() => db?.close())

function open(): BetterSqlite3.Database {
  db = new BetterSqlite3(':memory:')
  db.exec('CREATE TABLE t (owner TEXT NOT NULL, v INTEGER NOT NULL CHECK (v >= 0))')
  return db
}
const rows = () => db.prepare('SELECT owner, v FROM t ORDER BY rowid').all()

describe('GroupCommit', () => {
  it('commits the queued writes in order in one transaction, then runs what each asked for after the commit', () => {
    open()
    const after: string[] = []
    const group = new GroupCommit<string>(db, 10_000, () => undefined)
    group.queue('a', () => void db.prepare('INSERT INTO t VALUES (?, ?)').run('a', 1))
    group.queue('b', () => {
      db.prepare('INSERT INTO t VALUES (?, ?)').run('b', 2)
      // Seen from inside the transaction: the after-commit callbacks have not run yet.
      return () => after.push(`b saw ${(db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n} rows`)
    })
    // A write that queues another: it joins the same transaction.
    group.queue('a', () => group.queue('c', () => void db.prepare('INSERT INTO t VALUES (?, ?)').run('c', 3)))
    expect(rows()).toEqual([])
    group.commit()
    expect(rows()).toEqual([
      { owner: 'a', v: 1 },
      { owner: 'b', v: 2 },
      { owner: 'c', v: 3 }
    ])
    expect(after).toEqual(['b saw 3 rows'])
  })

  it('commits by itself after the delay', async () => {
    open()
    const group = new GroupCommit<string>(db, 20, () => undefined)
    group.queue('a', () => void db.prepare('INSERT INTO t VALUES (?, ?)').run('a', 1))
    expect(rows()).toEqual([])
    await new Promise((r) => setTimeout(r, 60))
    expect(rows()).toEqual([{ owner: 'a', v: 1 }])
  })

  it('stores nothing of a group whose transaction fails, and names its owners', () => {
    open()
    const failed: { owners: string[]; message: string }[] = []
    const after: string[] = []
    const group = new GroupCommit<string>(db, 10_000, (owners, e) => failed.push({ owners: [...owners].sort(), message: e.message }))
    group.queue('a', () => {
      db.prepare('INSERT INTO t VALUES (?, ?)').run('a', 1)
      return () => after.push('a')
    })
    group.queue('b', () => void db.prepare('INSERT INTO t VALUES (?, ?)').run('b', -1)) // CHECK fails
    group.commit()
    expect(rows()).toEqual([])
    expect(after).toEqual([])
    expect(failed).toEqual([{ owners: ['a', 'b'], message: expect.stringMatching(/CHECK constraint failed/) }])
    // The queue is empty afterwards: a later commit starts afresh.
    group.queue('c', () => void db.prepare('INSERT INTO t VALUES (?, ?)').run('c', 3))
    group.commit()
    expect(rows()).toEqual([{ owner: 'c', v: 3 }])
  })
})
