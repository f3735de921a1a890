import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { loadMigrations, migrate } from './migrations'

describe('0008_iv_deletion', () => {
  const db = new BetterSqlite3(':memory:')
  db.pragma('foreign_keys = ON')
  migrate(db, loadMigrations().slice(0, 8))
  const id = Number(
    db
      .prepare("INSERT INTO iv_sweeps (name, recipe, params_json, seed, backend, v_read_v, status, app_version, created_at) VALUES ('s', 'dc-sweep', '{}', 1, 'simulated', 0.1, 'done', 'v', 't')")
      .run().lastInsertRowid
  )
  const f64 = (x: number) => Buffer.from(Float64Array.of(x).buffer)
  db.prepare('INSERT INTO iv_point_blocks (sweep_id, first_idx, n, cycle_u32, branch_u8, v_v_f64, i_a_f64, compliance_u8, t_s_f64) VALUES (?, 0, 1, ?, ?, ?, ?, ?, ?)').run(
    id,
    Buffer.alloc(4),
    Buffer.alloc(1),
    f64(0.5),
    f64(1e-6),
    Buffer.alloc(1),
    f64(0)
  )
  db.prepare("INSERT INTO iv_reads (sweep_id, idx, cycle, after, pulses, v_read_v, i_read_a) VALUES (?, 0, 0, 'set', 1, 0.1, 1e-5)").run(id)
  db.prepare('INSERT INTO iv_cycles (sweep_id, cycle, step, i_compliance_a, v_stop_v) VALUES (?, 0, 0, 1.5e-4, -1.6)').run(id)
  const tables = ['iv_point_blocks', 'iv_reads', 'iv_cycles']
  const count = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t} WHERE sweep_id = ?`).get(id) as { n: number }).n

  it('still refuses deleting or updating raw I–V rows without a permit', () => {
    for (const t of tables) {
      expect(() => db.prepare(`DELETE FROM ${t}`).run()).toThrow(/append-only/)
      expect(() => db.prepare(`UPDATE ${t} SET sweep_id = sweep_id`).run()).toThrow(/append-only/)
      expect(count(t)).toBe(1)
    }
  })

  it('a permit for another session does not open this one', () => {
    db.prepare('INSERT INTO iv_deletion_permits (sweep_id) VALUES (?)').run(id + 1)
    for (const t of tables) expect(() => db.prepare(`DELETE FROM ${t} WHERE sweep_id = ?`).run(id)).toThrow(/append-only/)
    db.prepare('DELETE FROM iv_deletion_permits').run()
  })

  it('with a permit for the session its raw rows and the session can be deleted', () => {
    db.prepare('INSERT INTO iv_deletion_permits (sweep_id) VALUES (?)').run(id)
    for (const t of tables) db.prepare(`DELETE FROM ${t} WHERE sweep_id = ?`).run(id)
    db.prepare('DELETE FROM iv_sweeps WHERE id = ?').run(id)
    for (const t of tables) expect(count(t)).toBe(0)
  })
})
