import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { loadMigrations, migrate } from './migrations'

const all = loadMigrations()

describe('0009_trial_timed_out', () => {
  const db = new BetterSqlite3(':memory:')
  db.pragma('foreign_keys = ON')
  migrate(db, all.slice(0, 8))
  const id = Number(
    db.prepare("INSERT INTO runs (kind, name, spec_json, seed, status, app_version, backend, created_at) VALUES ('maze', 'r', '{}', 1, 'running', '0.1.0', 'simulated', 't')").run().lastInsertRowid
  )
  db.prepare('INSERT INTO trials (run_id, trial, steps, time_us, reached_goal) VALUES (?, 1, 10, 500, 1)').run(id)
  migrate(db, all.slice(0, 9))

  it('keeps the trials stored before it, which do not say whether they timed out (NULL)', () => {
    expect(db.prepare('SELECT trial, steps, timed_out FROM trials WHERE run_id = ?').all(id)).toEqual([{ trial: 1, steps: 10, timed_out: null }])
  })

  it('takes 0 or 1 and nothing else, and the trials stay append-only', () => {
    db.prepare('INSERT INTO trials (run_id, trial, steps, time_us, reached_goal, timed_out) VALUES (?, 2, 40, 900, 0, 1)').run(id)
    expect(() => db.prepare('INSERT INTO trials (run_id, trial, steps, time_us, reached_goal, timed_out) VALUES (?, 3, 40, 900, 0, 2)').run(id)).toThrow(/CHECK/)
    expect(() => db.prepare('UPDATE trials SET timed_out = 0').run()).toThrow(/append-only/)
  })
})
