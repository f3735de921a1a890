import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { loadMigrations, migrate } from './migrations'

const all = loadMigrations()

describe('0002_runs_live', () => {
  const db = new BetterSqlite3(':memory:')
  db.pragma('foreign_keys = ON')
  migrate(db, all.slice(0, 1))
  const old = Number(
    db.prepare("INSERT INTO runs (kind, name, spec_json, seed, status, app_version, backend, created_at) VALUES ('maze', 'before', '{}', 1, 'done', 'v', 'simulated', 't')").run().lastInsertRowid
  )
  migrate(db, all.slice(0, 2))

  it('keeps runs stored before it, with no agent, environment or planned trials', () => {
    expect(db.prepare('SELECT name, agent_kind, environment_name, trials_planned FROM runs WHERE id = ?').get(old)).toEqual({
      name: 'before',
      agent_kind: null,
      environment_name: null,
      trials_planned: null
    })
  })

  it('refuses a snapshot of a missing run, a grid blob of the wrong size, and an unknown layer', () => {
    const put = db.prepare('INSERT INTO run_snapshots (run_id, trial, layer, unit, width, height, planes, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    expect(() => put.run(999, 1, 'thresholds', 'A', 1, 1, 1, Buffer.alloc(4))).toThrow(/FOREIGN KEY/)
    expect(() => put.run(old, 1, 'thresholds', 'A', 2, 2, 1, Buffer.alloc(4))).toThrow(/CHECK/)
    expect(() => put.run(old, 1, 'weights', 'A', 1, 1, 1, Buffer.alloc(4))).toThrow(/CHECK/)
    put.run(old, 1, 'synapses', 'S', 2, 1, 8, Buffer.alloc(4 * 2 * 8))
    expect(() => db.prepare('DELETE FROM run_snapshots').run()).toThrow(/append-only/)
  })

  it('keeps saved comparison names unique and their JSON valid', () => {
    const put = db.prepare("INSERT INTO comparison_views (name, view_json, created_at, updated_at) VALUES (?, ?, 't', 't')")
    put.run('a', '{}')
    expect(() => put.run('a', '{}')).toThrow(/UNIQUE/)
    expect(() => put.run('b', '{')).toThrow(/CHECK/)
  })
})
