import fs from 'node:fs'
import BetterSqlite3, { type Database } from 'better-sqlite3'
import { StoreError } from './errors'
import { loadMigrations, migrate, type Migration } from './migrations'

const SQLITE_HEADER = 'SQLite format 3\0'

export interface OpenOptions {
  migrations?: Migration[]
}

/**
 * Open (or create) the lab notebook. Refuses, without modifying the file, a file that is not
 * SQLite, one whose schema is newer than this app, or one that fails `integrity_check`.
 */
export function openLabDatabase(file: string, options: OpenOptions = {}): Database {
  const migrations = options.migrations ?? loadMigrations()
  const latest = migrations.length ? migrations[migrations.length - 1].version : 0
  if (file !== ':memory:' && fs.existsSync(file)) {
    const stat = fs.statSync(file)
    if (!stat.isFile()) throw new StoreError('not-sqlite', `${file} is not a file`)
    if (stat.size > 0) {
      const fd = fs.openSync(file, 'r')
      const head = Buffer.alloc(16)
      fs.readSync(fd, head, 0, 16, 0)
      fs.closeSync(fd)
      if (head.toString('latin1') !== SQLITE_HEADER) throw new StoreError('not-sqlite', `${file} is not an SQLite database (its first bytes are not the SQLite header); it was left untouched`)
      // Look at the schema version read-only first, so a newer file is never modified.
      const probe = new BetterSqlite3(file, { readonly: true, fileMustExist: true })
      try {
        const version = probe.pragma('user_version', { simple: true }) as number
        if (version > latest)
          throw new StoreError('schema-too-new', `${file} has schema version ${version}, newer than this app's ${latest}: update rram-workbench to open it; the file was left untouched`)
        const check = probe.pragma('integrity_check', { simple: true })
        if (check !== 'ok') throw new StoreError('corrupt', `${file} failed SQLite's integrity check (${String(check)}); it was left untouched`)
      } catch (e) {
        if (e instanceof StoreError) throw e
        throw new StoreError('corrupt', `${file} could not be read as SQLite: ${(e as Error).message}; it was left untouched`)
      } finally {
        probe.close()
      }
    }
  }
  const db = new BetterSqlite3(file)
  try {
    db.pragma('journal_mode = WAL')
    // WAL resets nothing, but set synchronous explicitly after it: FULL, as the file holds raw measurements.
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    migrate(db, migrations)
  } catch (e) {
    db.close()
    throw e
  }
  return db
}
