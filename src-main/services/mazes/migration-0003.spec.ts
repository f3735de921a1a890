import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { loadMigrations, migrate } from '../store/migrations'

const upTo3 = loadMigrations().slice(0, 3)

function fresh() {
  const db = new BetterSqlite3(':memory:')
  db.pragma('foreign_keys = ON')
  migrate(db, upTo3)
  return db
}

const insert = (db: BetterSqlite3.Database, name: string, kind: string, width: number | null, height: number | null) =>
  Number(db.prepare("INSERT INTO mazes (name, kind, json, width, height, created_at, updated_at) VALUES (?, ?, '{}', ?, ?, 't', 't')").run(name, kind, width, height).lastInsertRowid)

describe('0003_mazes', () => {
  it('keeps rows stored before it and gives them a source', () => {
    const db = new BetterSqlite3(':memory:')
    migrate(db, upTo3.slice(0, 2))
    db.prepare("INSERT INTO mazes (name, kind, json, width, height, created_at, updated_at) VALUES ('old', 'layout', '{}', 30, 30, 't', 't')").run()
    migrate(db, upTo3)
    expect(db.prepare('SELECT name, source, notes FROM mazes').get()).toEqual({ name: 'old', source: 'drawn', notes: '' })
  })

  it('refuses a layout without a size and a schedule with one', () => {
    const db = fresh()
    expect(() => insert(db, 'a', 'layout', null, 5)).toThrow(/layout needs width and height/)
    expect(() => insert(db, 'b', 'schedule', 5, 5)).toThrow(/schedule has neither/)
    const id = insert(db, 'c', 'layout', 5, 5)
    expect(() => db.prepare("UPDATE mazes SET kind = 'schedule', width = NULL, height = NULL WHERE id = ?").run(id)).toThrow(/cannot change kind/)
  })

  it('refuses to delete a layout a schedule uses, and drops the links with the schedule', () => {
    const db = fresh()
    const layout = insert(db, 'maze 1', 'layout', 30, 30)
    const schedule = insert(db, '1→2→1', 'schedule', null, null)
    db.prepare('INSERT INTO maze_schedule_layouts (schedule_id, layout_id) VALUES (?, ?)').run(schedule, layout)
    expect(() => db.prepare('DELETE FROM mazes WHERE id = ?').run(layout)).toThrow(/FOREIGN KEY/)
    db.prepare('DELETE FROM mazes WHERE id = ?').run(schedule)
    expect(db.prepare('SELECT count(*) AS n FROM maze_schedule_layouts').get()).toEqual({ n: 0 })
    db.prepare('DELETE FROM mazes WHERE id = ?').run(layout)
  })

  it('links only a schedule to a layout', () => {
    const db = fresh()
    const a = insert(db, 'a', 'layout', 5, 5)
    const b = insert(db, 'b', 'layout', 5, 5)
    expect(() => db.prepare('INSERT INTO maze_schedule_layouts (schedule_id, layout_id) VALUES (?, ?)').run(a, b)).toThrow(/links a schedule to a layout/)
  })
})
