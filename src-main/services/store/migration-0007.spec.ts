import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { loadMigrations, migrate } from './migrations'

describe('0007_array_states', () => {
  const db = new BetterSqlite3(':memory:')
  db.pragma('foreign_keys = ON')
  migrate(db, loadMigrations().slice(0, 7))
  const array = Number(
    db.prepare("INSERT INTO arrays (name, backend, rows, cols, device_preset, seed, initial_state, created_at) VALUES ('die', 'simulated', 1, 2, 'p', 1, 'hrs', 't')").run().lastInsertRowid
  )
  const put = (arrayId: number, cells: number, gBytes = cells * 8, rng = '[1,2,3,4,null]') =>
    db
      .prepare('INSERT INTO array_states (array_id, saved_at, cells, g_s, formed, reads, sets, resets, pulses, energy_j, rng_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(
        arrayId,
        't',
        cells,
        Buffer.alloc(gBytes),
        Buffer.alloc(cells),
        Buffer.alloc(cells * 4),
        Buffer.alloc(cells * 4),
        Buffer.alloc(cells * 4),
        Buffer.alloc(cells * 4),
        Buffer.alloc(cells * 8),
        rng
      )

  it('keeps one state per array, with blobs of the right size for its cells and a JSON stream state', () => {
    put(array, 2)
    expect(() => put(array, 2)).toThrow(/UNIQUE|PRIMARY KEY/)
    expect(() => put(999, 2)).toThrow(/FOREIGN KEY/)
    db.prepare('DELETE FROM array_states').run()
    expect(() => put(array, 2, 15)).toThrow(/CHECK/)
    expect(() => put(array, 2, 16, 'not json')).toThrow(/CHECK/)
    expect(() => put(array, 0, 0)).toThrow(/CHECK/)
  })
})
