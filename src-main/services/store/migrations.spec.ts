import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { loadMigrations, migrate } from './migrations'

const all = loadMigrations()

describe('migrations', () => {
  it('are numbered 0001, 0002, … without gaps', () => {
    expect(all.map((m) => m.version)).toEqual(all.map((_, i) => i + 1))
  })

  it('roll back entirely when one statement fails', () => {
    const db = new BetterSqlite3(':memory:')
    const broken = [...all, { version: all.length + 1, name: 'broken', sql: 'CREATE TABLE ok (a INTEGER); SELECT * FROM no_such_table;' }]
    expect(() => migrate(db, broken)).toThrow(/no_such_table/)
    expect(db.pragma('user_version', { simple: true })).toBe(0)
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 })
  })

  describe('0001_initial', () => {
    const db = new BetterSqlite3(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, all.slice(0, 1))
    const run = db.prepare("INSERT INTO runs (kind, name, spec_json, seed, status, app_version, backend, created_at) VALUES ('maze', 'r', '{}', 1, 'running', '0.1.0', 'simulated', 't')").run()
    const id = Number(run.lastInsertRowid)
    db.prepare('INSERT INTO trials (run_id, trial, steps, time_us, reached_goal) VALUES (?, 1, 10, 500, 1)').run(id)

    it('makes trials append-only', () => {
      expect(() => db.prepare('UPDATE trials SET steps = 1').run()).toThrow(/append-only/)
      expect(() => db.prepare('DELETE FROM trials').run()).toThrow(/append-only/)
    })

    it('rejects a trial of a run that does not exist (foreign key) and wrong types (STRICT)', () => {
      expect(() => db.prepare('INSERT INTO trials (run_id, trial, steps, time_us, reached_goal) VALUES (999, 1, 1, 1, 0)').run()).toThrow(/FOREIGN KEY/)
      expect(() => db.prepare("INSERT INTO trials (run_id, trial, steps, time_us, reached_goal) VALUES (?, 2, 'many', 1, 0)").run(id)).toThrow(/cannot store TEXT/)
    })

    it('refuses unknown run kinds and statuses, and invalid spec JSON', () => {
      expect(() => db.prepare("INSERT INTO runs (kind, name, spec_json, seed, status, app_version, backend, created_at) VALUES ('x', 'r', '{}', 1, 'running', 'v', 'b', 't')").run()).toThrow(/CHECK/)
      expect(() => db.prepare("INSERT INTO runs (kind, name, spec_json, seed, status, app_version, backend, created_at) VALUES ('maze', 'r', '{', 1, 'running', 'v', 'b', 't')").run()).toThrow(/CHECK/)
    })

    it('keeps the audit log append-only', () => {
      db.prepare("INSERT INTO audit_log (at, actor, action, entity) VALUES ('t', 'a', 'b', 'c')").run()
      expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/)
    })
  })
})
