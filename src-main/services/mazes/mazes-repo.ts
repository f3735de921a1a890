import type { Database, Statement } from 'better-sqlite3'
import type { MazeKind, MazeSummary } from '../../api/ops/mazes'
import type { AuditLog } from '../store/audit-log'
import { StoreError } from '../store/errors'
import { InputError } from '../errors'

interface MazeRow {
  id: number
  name: string
  kind: MazeKind
  json: string
  width: number | null
  height: number | null
  source: string
  notes: string
  created_at: string
  updated_at: string
}

/** What the repository stores for one entry; the service has checked `json` already. */
export interface MazeRecord {
  name: string
  kind: MazeKind
  json: string
  width: number | null
  height: number | null
  source: string
  notes: string
  /** Schedules only: the ids of the stored layouts it uses. */
  usesLayouts?: number[]
}

const COLUMNS = 'id, name, kind, json, width, height, source, notes, created_at, updated_at'

/** The maze library in SQLite (tables `mazes` and `maze_schedule_layouts`, migrations 0001 and 0003). */
export class MazesRepo {
  private readonly insertMaze: Statement
  private readonly updateMaze: Statement
  private readonly selectOne: Statement
  private readonly selectByName: Statement
  private readonly insertLink: Statement
  private readonly deleteLinks: Statement
  private readonly linksOfSchedule: Statement
  private readonly schedulesOfLayout: Statement

  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly now: () => string = () => new Date().toISOString()
  ) {
    this.insertMaze = db.prepare('INSERT INTO mazes (name, kind, json, width, height, source, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    this.updateMaze = db.prepare('UPDATE mazes SET name = ?, json = ?, width = ?, height = ?, source = ?, notes = ?, updated_at = ? WHERE id = ?')
    this.selectOne = db.prepare(`SELECT ${COLUMNS} FROM mazes WHERE id = ?`)
    this.selectByName = db.prepare('SELECT id FROM mazes WHERE name = ?')
    this.insertLink = db.prepare('INSERT INTO maze_schedule_layouts (schedule_id, layout_id) VALUES (?, ?)')
    this.deleteLinks = db.prepare('DELETE FROM maze_schedule_layouts WHERE schedule_id = ?')
    this.linksOfSchedule = db.prepare('SELECT layout_id AS id FROM maze_schedule_layouts WHERE schedule_id = ? ORDER BY layout_id')
    this.schedulesOfLayout = db.prepare('SELECT schedule_id AS id FROM maze_schedule_layouts WHERE layout_id = ? ORDER BY schedule_id')
  }

  private summary(row: MazeRow): MazeSummary {
    const links = ((row.kind === 'schedule' ? this.linksOfSchedule : this.schedulesOfLayout).all(row.id) as { id: number }[]).map((r) => r.id)
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      width: row.width,
      height: row.height,
      source: row.source,
      notes: row.notes,
      links,
      createdAt: row.created_at,
      updatedAt: row.updated_at
    }
  }

  private row(id: number): MazeRow {
    const row = this.selectOne.get(id) as MazeRow | undefined
    if (!row) throw new StoreError('not-found', `maze ${id} does not exist`, 'id')
    return row
  }

  private checkNameFree(name: string, exceptId?: number): void {
    const hit = this.selectByName.get(name) as { id: number } | undefined
    if (hit && hit.id !== exceptId) throw new StoreError('conflict', `a maze named "${name}" already exists (id ${hit.id}); choose another name`, 'name')
  }

  private checkLayouts(ids: number[]): void {
    for (const id of ids) {
      const row = this.selectOne.get(id) as MazeRow | undefined
      if (!row) throw new InputError(`layout ${id} does not exist`, 'schedule.layouts')
      if (row.kind !== 'layout') throw new InputError(`maze ${id} ("${row.name}") is a schedule, not a layout`, 'schedule.layouts')
    }
  }

  list(kind?: MazeKind): MazeSummary[] {
    const rows = (
      kind
        ? this.db.prepare(`SELECT ${COLUMNS} FROM mazes WHERE kind = ? ORDER BY name COLLATE NOCASE`).all(kind)
        : this.db.prepare(`SELECT ${COLUMNS} FROM mazes ORDER BY kind, name COLLATE NOCASE`).all()
    ) as MazeRow[]
    return rows.map((r) => this.summary(r))
  }

  get(id: number): MazeSummary {
    return this.summary(this.row(id))
  }

  /** The stored JSON document and its kind. */
  document(id: number): { kind: MazeKind; json: string; summary: MazeSummary } {
    const row = this.row(id)
    return { kind: row.kind, json: row.json, summary: this.summary(row) }
  }

  create(record: MazeRecord, actor: string): MazeSummary {
    return this.db.transaction(() => {
      this.checkNameFree(record.name)
      const at = this.now()
      const info = this.insertMaze.run(record.name, record.kind, record.json, record.width, record.height, record.source, record.notes, at, at)
      const id = Number(info.lastInsertRowid)
      this.link(id, record)
      this.audit.record(actor, 'create', 'maze', String(id), { name: record.name, kind: record.kind, source: record.source })
      return this.get(id)
    })()
  }

  /** Replace the content of entry `id` (same kind). */
  replace(id: number, record: MazeRecord, actor: string): MazeSummary {
    return this.db.transaction(() => {
      const old = this.row(id)
      if (old.kind !== record.kind) throw new InputError(`maze ${id} is a ${old.kind}, not a ${record.kind}`, 'id')
      this.checkNameFree(record.name, id)
      this.updateMaze.run(record.name, record.json, record.width, record.height, record.source, record.notes, this.now(), id)
      this.deleteLinks.run(id)
      this.link(id, record)
      this.audit.record(actor, 'update', 'maze', String(id), { name: record.name, kind: record.kind })
      return this.get(id)
    })()
  }

  private link(id: number, record: MazeRecord): void {
    if (record.kind !== 'schedule') return
    const ids = [...new Set(record.usesLayouts ?? [])]
    this.checkLayouts(ids)
    for (const layoutId of ids) this.insertLink.run(id, layoutId)
  }

  rename(id: number, name: string, actor: string): MazeSummary {
    return this.db.transaction(() => {
      const old = this.row(id)
      this.checkNameFree(name, id)
      this.db.prepare('UPDATE mazes SET name = ?, updated_at = ? WHERE id = ?').run(name, this.now(), id)
      this.audit.record(actor, 'rename', 'maze', String(id), { from: old.name, to: name })
      return this.get(id)
    })()
  }

  delete(id: number, actor: string): void {
    this.db.transaction(() => {
      const row = this.row(id)
      const users = row.kind === 'layout' ? (this.schedulesOfLayout.all(id) as { id: number }[]) : []
      if (users.length > 0) {
        const names = users.map((u) => `"${this.row(u.id).name}"`).join(', ')
        throw new StoreError('conflict', `layout "${row.name}" is used by the schedule${users.length > 1 ? 's' : ''} ${names}; delete or change ${users.length > 1 ? 'them' : 'it'} first`, 'id')
      }
      this.db.prepare('DELETE FROM mazes WHERE id = ?').run(id)
      this.audit.record(actor, 'delete', 'maze', String(id), { name: row.name, kind: row.kind })
    })()
  }

  /** A name not yet taken: `base`, else `base (2)`, `base (3)`, … */
  freeName(base: string): string {
    const trimmed = base.trim().slice(0, 190) || 'Maze'
    if (!this.selectByName.get(trimmed)) return trimmed
    for (let k = 2; ; k++) {
      const candidate = `${trimmed} (${k})`
      if (!this.selectByName.get(candidate)) return candidate
    }
  }

  /** Run several writes as one transaction (all or nothing). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }
}
