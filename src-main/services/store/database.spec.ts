import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openLabDatabase } from './database'
import { StoreError } from './errors'
import { loadMigrations } from './migrations'
import { tempDir } from './test-helpers'

const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex')

describe('openLabDatabase', () => {
  it('creates a WAL database with foreign keys, FULL synchronous and the latest schema', () => {
    const file = path.join(tempDir(), 'lab.sqlite')
    const db = openLabDatabase(file)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('synchronous', { simple: true })).toBe(2) // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('user_version', { simple: true })).toBe(loadMigrations().length)
    const strict = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'").all() as { name: string; strict: number }[]
    expect(strict.length).toBeGreaterThan(4)
    for (const t of strict) expect(t, `${t.name} is STRICT`).toMatchObject({ strict: 1 })
    db.close()
  })

  it('refuses a file that is not SQLite and leaves it byte for byte as it was', () => {
    const file = path.join(tempDir(), 'notes.sqlite')
    fs.writeFileSync(file, 'V,I\n0.1,1e-6\n')
    const before = sha(file)
    expect(() => openLabDatabase(file)).toThrow(/not an SQLite database/)
    try {
      openLabDatabase(file)
    } catch (e) {
      expect((e as StoreError).code).toBe('not-sqlite')
    }
    expect(sha(file)).toBe(before)
    expect(fs.existsSync(file + '-wal')).toBe(false)
  })

  it('refuses a database whose schema is newer than the app, without modifying it', () => {
    const file = path.join(tempDir(), 'future.sqlite')
    const future = new BetterSqlite3(file)
    future.exec('CREATE TABLE x (a INTEGER)')
    future.pragma('user_version = 999')
    future.close()
    const before = sha(file)
    let err: unknown
    try {
      openLabDatabase(file)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(StoreError)
    expect((err as StoreError).code).toBe('schema-too-new')
    expect((err as StoreError).message).toMatch(/schema version 999, newer than this app/)
    expect(sha(file)).toBe(before)
    expect(fs.existsSync(file + '-wal')).toBe(false)
  })

  it('reopens an existing notebook without re-running migrations', () => {
    const file = path.join(tempDir(), 'lab.sqlite')
    const a = openLabDatabase(file)
    a.prepare("INSERT INTO audit_log (at, actor, action, entity) VALUES ('t', 'me', 'test', 'x')").run()
    a.close()
    const b = openLabDatabase(file)
    expect(b.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 1 })
    b.close()
  })
})
