import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { loadMigrations, migrate } from '../store/migrations'

describe('migration 0004_iv_sweeps', () => {
  const db = new BetterSqlite3(':memory:')
  db.pragma('foreign_keys = ON')
  migrate(db, loadMigrations().slice(0, 4))
  const id = Number(
    db
      .prepare("INSERT INTO iv_sweeps (name, recipe, params_json, seed, backend, v_read_v, status, app_version, created_at) VALUES ('s', 'dc-sweep', '{}', 1, 'simulated', 0.1, 'running', 'v', 't')")
      .run().lastInsertRowid
  )
  const f64 = (x: number) => Buffer.from(Float64Array.of(x).buffer)
  const insertBlock = db.prepare('INSERT INTO iv_point_blocks (sweep_id, first_idx, n, cycle_u32, branch_u8, v_v_f64, i_a_f64, compliance_u8, t_s_f64) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?)')
  insertBlock.run(id, 0, Buffer.alloc(4), Buffer.alloc(1), f64(0.5), f64(1e-6), Buffer.alloc(1), f64(0))
  db.prepare("INSERT INTO iv_reads (sweep_id, idx, cycle, after, pulses, v_read_v, i_read_a) VALUES (?, 0, 0, 'set', 1, 0.1, 1e-5)").run(id)
  db.prepare('INSERT INTO iv_cycles (sweep_id, cycle, step, i_compliance_a, v_stop_v) VALUES (?, 0, 0, 1.5e-4, -1.6)').run(id)

  it('keeps points, reads and cycle settings append-only', () => {
    for (const t of ['iv_point_blocks', 'iv_reads', 'iv_cycles']) {
      expect(() => db.prepare(`UPDATE ${t} SET sweep_id = sweep_id`).run()).toThrow(/append-only/)
      expect(() => db.prepare(`DELETE FROM ${t}`).run()).toThrow(/append-only/)
    }
  })

  it('lets a session end but never changes its recipe, parameters or seed', () => {
    db.prepare("UPDATE iv_sweeps SET status = 'done', finished_at = 't2' WHERE id = ?").run(id)
    expect(() => db.prepare('UPDATE iv_sweeps SET seed = 2 WHERE id = ?').run(id)).toThrow(/cannot change/)
    expect(() => db.prepare('UPDATE iv_sweeps SET params_json = \'{"a":1}\' WHERE id = ?').run(id)).toThrow(/cannot change/)
  })

  it('refuses points of unknown sessions, wrong types, mis-sized blocks, unknown recipes and positive stop voltages', () => {
    expect(() => insertBlock.run(999, 0, Buffer.alloc(4), Buffer.alloc(1), f64(0), f64(0), Buffer.alloc(1), f64(0))).toThrow(/FOREIGN KEY/)
    expect(() => insertBlock.run(id, 1, Buffer.alloc(4), Buffer.alloc(1), 'x', f64(0), Buffer.alloc(1), f64(0))).toThrow(/cannot store TEXT/)
    // A column whose length does not match the block's point count.
    expect(() => insertBlock.run(id, 1, Buffer.alloc(8), Buffer.alloc(1), f64(0), f64(0), Buffer.alloc(1), f64(0))).toThrow(/CHECK/)
    expect(() =>
      db.prepare("INSERT INTO iv_sweeps (name, recipe, params_json, backend, v_read_v, status, app_version, created_at) VALUES ('s', 'magic', '{}', 'b', 0.1, 'done', 'v', 't')").run()
    ).toThrow(/CHECK/)
    expect(() => db.prepare('INSERT INTO iv_cycles (sweep_id, cycle, step, v_stop_v) VALUES (?, 1, 0, 1.2)').run(id)).toThrow(/CHECK/)
  })
})
