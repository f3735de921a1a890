import fs from 'node:fs'
import path from 'node:path'
import type { Database } from 'better-sqlite3'

export interface Migration {
  /** The number in the file name: 0001_initial.sql → 1. It becomes PRAGMA user_version. */
  version: number
  name: string
  sql: string
}

/** The project root: the nearest folder above this module with our package.json. */
export function findAppRoot(from: string = __dirname): string {
  let dir = from
  for (;;) {
    const pkg = path.join(dir, 'package.json')
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'rram-workbench') return dir
    const up = path.dirname(dir)
    if (up === dir) throw new Error(`cannot find the rram-workbench folder above ${from}`)
    dir = up
  }
}

/** Numbered SQL files of db/migrations, in order; a gap or a duplicate number is a build error. */
export function loadMigrations(dir = path.join(findAppRoot(), 'db', 'migrations')): Migration[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_-]+\.sql$/.test(f))
    .sort()
  const migrations = files.map((f) => ({
    version: Number(f.slice(0, 4)),
    name: f.replace(/\.sql$/, ''),
    sql: fs.readFileSync(path.join(dir, f), 'utf8')
  }))
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name}: expected number ${String(i + 1).padStart(4, '0')}`)
  })
  return migrations
}

/** Apply every migration newer than the file's user_version, all in one transaction. */
export function migrate(db: Database, migrations: Migration[]): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number
  const pending = migrations.filter((m) => m.version > from)
  if (pending.length === 0) return { from, to: from }
  const to = pending[pending.length - 1].version
  db.transaction(() => {
    for (const m of pending) db.exec(m.sql)
    // PRAGMA takes no bound parameters; `to` is an integer we computed, never user input.
    db.pragma(`user_version = ${Math.trunc(to)}`)
  })()
  return { from, to }
}
