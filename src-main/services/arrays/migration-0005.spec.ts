import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { loadMigrations, migrate } from '../store/migrations'
import { AuditLog } from '../store/audit-log'
import { RunsRepo } from '../store/runs-repo'

describe('0005_arrays', () => {
  const db = new BetterSqlite3(':memory:')
  db.pragma('foreign_keys = ON')
  migrate(db, loadMigrations().slice(0, 5))
  const runs = new RunsRepo(db, new AuditLog(db), '0.1.0')
  const arrayId = Number(
    db.prepare("INSERT INTO arrays (name, backend, rows, cols, device_preset, seed, initial_state, created_at) VALUES ('a', 'simulated', 4, 4, 'p', 1, 'hrs', 't')").run().lastInsertRowid
  )
  const addJob = () => {
    const run = runs.create({ kind: 'array', name: 'job', spec: { arrayId }, seed: 1, backend: 'simulated', status: 'done' })
    db.prepare(
      "INSERT INTO array_programs (run_id, array_id, algorithm, target_kind, levels_json, tolerance_rel, cells, converged, pulses, reads, energy_j, time_s) VALUES (?, ?, 'binary', 'checkerboard', '[1e-6, 1e-4]', 0.1, 16, 16, 8, 24, 1e-9, 1e-5)"
    ).run(run.id, arrayId)
    db.prepare('INSERT INTO array_op_chunks (run_id, seq, cell_first, cell_last, entries, data) VALUES (?, 0, 0, 15, 1, ?)').run(run.id, Buffer.alloc(17))
    db.prepare("INSERT INTO array_maps (run_id, kind, rows, cols, dtype, data) VALUES (?, 'pulses', 4, 4, 'u32', ?)").run(run.id, Buffer.alloc(64))
    return run.id
  }

  it('keeps the operation log, maps and outcomes append-only', () => {
    const id = addJob()
    expect(() => db.prepare('UPDATE array_op_chunks SET entries = 2 WHERE run_id = ?').run(id)).toThrow(/append-only/)
    expect(() => db.prepare('DELETE FROM array_op_chunks WHERE run_id = ?').run(id)).toThrow(/append-only/)
    expect(() => db.prepare('DELETE FROM array_maps WHERE run_id = ?').run(id)).toThrow(/append-only/)
    expect(() => db.prepare('UPDATE array_programs SET pulses = 0 WHERE run_id = ?').run(id)).toThrow(/append-only/)
  })

  it('refuses a log chunk or a map whose bytes do not match its size, and unknown states', () => {
    const id = addJob()
    expect(() => db.prepare('INSERT INTO array_op_chunks (run_id, seq, cell_first, cell_last, entries, data) VALUES (?, 1, 0, 0, 2, ?)').run(id, Buffer.alloc(17))).toThrow(/CHECK/)
    expect(() => db.prepare("INSERT INTO array_maps (run_id, kind, rows, cols, dtype, data) VALUES (?, 'failed', 4, 4, 'u8', ?)").run(id, Buffer.alloc(15))).toThrow(/CHECK/)
    expect(() => db.prepare("INSERT INTO arrays (name, backend, rows, cols, device_preset, seed, initial_state, created_at) VALUES ('b', 'simulated', 2048, 4, 'p', 1, 'hrs', 't')").run()).toThrow(
      /CHECK/
    )
    expect(() => db.prepare("INSERT INTO arrays (name, backend, rows, cols, device_preset, seed, initial_state, created_at) VALUES ('b', 'serial', 4, 4, 'p', 1, 'board', 't')").run()).toThrow(/CHECK/)
  })

  it('lets a job go only with its run, through the store (cascade under the deletion permit)', () => {
    const id = addJob()
    runs.delete(id, 'test')
    for (const t of ['array_programs', 'array_op_chunks', 'array_maps']) expect(db.prepare(`SELECT count(*) AS n FROM ${t} WHERE run_id = ?`).get(id)).toEqual({ n: 0 })
    expect(db.prepare('SELECT count(*) AS n FROM arrays').get()).toEqual({ n: 1 })
  })
})
