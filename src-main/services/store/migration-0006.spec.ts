import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { loadMigrations, migrate } from './migrations'

const all = loadMigrations()

describe('0006_snapshot_kinds', () => {
  const db = new BetterSqlite3(':memory:')
  db.pragma('foreign_keys = ON')
  migrate(db, all.slice(0, 5))
  const run = Number(
    db.prepare("INSERT INTO runs (kind, name, spec_json, seed, status, app_version, backend, created_at) VALUES ('maze', 'before', '{}', 1, 'done', 'v', 'simulated', 't')").run().lastInsertRowid
  )
  const put = () => db.prepare('INSERT INTO run_snapshots (run_id, trial, layer, unit, width, height, planes, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
  const before = Buffer.from(Float32Array.of(1, 3, 0.02, 10).buffer)
  put().run(run, 12, 'thresholds', 'theta0', 2, 2, 1, before)
  expect(() => put().run(run, 12, 'kinds', 'kind', 2, 2, 1, Buffer.alloc(16))).toThrow(/CHECK/)
  migrate(db, all.slice(0, 6))

  it('keeps the snapshots stored before it, byte for byte', () => {
    expect(db.prepare('SELECT run_id, trial, layer, unit, width, height, planes, data FROM run_snapshots').all()).toEqual([
      { run_id: run, trial: 12, layer: 'thresholds', unit: 'theta0', width: 2, height: 2, planes: 1, data: before }
    ])
  })

  it('accepts a kinds map and still refuses unknown layers, wrong sizes and missing runs', () => {
    put().run(run, 12, 'kinds', 'kind', 2, 2, 1, Buffer.from(Float32Array.of(0, 1, 2, 3).buffer))
    expect(() => put().run(run, 12, 'kinds', 'kind', 2, 2, 1, Buffer.alloc(16))).toThrow(/PRIMARY KEY|UNIQUE/)
    expect(() => put().run(run, 13, 'weights', 'kind', 2, 2, 1, Buffer.alloc(16))).toThrow(/CHECK/)
    expect(() => put().run(run, 13, 'kinds', 'furlongs', 2, 2, 1, Buffer.alloc(16))).toThrow(/CHECK/)
    expect(() => put().run(run, 13, 'kinds', 'kind', 2, 2, 1, Buffer.alloc(12))).toThrow(/CHECK/)
    expect(() => put().run(999, 13, 'kinds', 'kind', 2, 2, 1, Buffer.alloc(16))).toThrow(/FOREIGN KEY/)
  })

  it('keeps snapshots append-only, deletable only under a deletion permit', () => {
    expect(() => db.prepare("UPDATE run_snapshots SET unit = 'A'").run()).toThrow(/append-only/)
    expect(() => db.prepare('DELETE FROM run_snapshots').run()).toThrow(/append-only/)
    db.transaction(() => {
      db.prepare('INSERT INTO deletion_permits (run_id) VALUES (?)').run(run)
      db.prepare('DELETE FROM run_snapshots WHERE run_id = ?').run(run)
      db.prepare('DELETE FROM deletion_permits WHERE run_id = ?').run(run)
    })()
    expect(db.prepare('SELECT count(*) AS n FROM run_snapshots').get()).toEqual({ n: 0 })
  })
})
