import { BUILTIN_ENVIRONMENTS } from '../../../src-core/env/builtins'
import { readJsonMaze, writeJsonMaze, type MazeJson } from '../../../src-core/env/formats/json-maze'
import { MazeFormatError } from '../../../src-core/env/formats/maze-format-error'
import type { Grid } from '../../../src-core/env/grid'
import { rcOf } from '../../../src-core/env/grid-ops'
import { ScheduleError, validateSchedule, type EnvironmentSchedule } from '../../../src-core/env/schedule'
import { MAZE_SCHEDULE_FORMAT, type MazeDocument, type MazeFileFormat, type MazeKind, type MazeSummary, type StoredSchedule } from '../../api/ops/mazes'
import type { EventBus } from '../event-bus'
import type { AuditLog } from '../store/audit-log'
import { StoreError } from '../store/errors'
import { readMazeFile, writeMazeFile, type MazeFileContent, type ReadFileOptions, type ReadFileResult } from './maze-files'
import { MazesRepo } from './mazes-repo'
import type { Database } from 'better-sqlite3'
import { InputError } from '../errors'

/** A grid as the API's JSON maze object. */
export function mazeJsonOf(grid: Grid, name?: string): MazeJson {
  return JSON.parse(writeJsonMaze(grid, name === undefined ? {} : { name })) as MazeJson
}

/** The grid of an API JSON maze; its problems become `invalid` errors on the field `maze`. */
export function gridOf(maze: MazeJson, field = 'maze'): Grid {
  try {
    return readJsonMaze(JSON.stringify(maze)).grid
  } catch (e) {
    if (e instanceof MazeFormatError) throw new InputError(`${field}: ${e.detail}`, field)
    throw new InputError(`${field}: ${(e as Error).message}`, field)
  }
}

/** "layouts.1.layoutId" (core) → "schedule.layouts[1].mazeId" (API). */
function scheduleField(coreField: string): string {
  const parts = coreField.split('.').map((p) => (p === 'layoutId' ? 'mazeId' : p))
  return 'schedule' + parts.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('')
}

export interface ImportRequest extends ReadFileOptions {
  fileName: string
  content: MazeFileContent
  name?: string
  save: boolean
}

/** The maze library: layouts and schedules, files in and out, built-in templates. */
export class MazesService {
  readonly repo: MazesRepo

  constructor(
    db: Database,
    audit: AuditLog,
    private readonly events: EventBus
  ) {
    this.repo = new MazesRepo(db, audit)
  }

  private changed(id: number, action: 'created' | 'updated' | 'renamed' | 'deleted'): void {
    this.events.emit('mazes.changed', { id, action })
  }

  list(kind?: MazeKind): MazeSummary[] {
    return this.repo.list(kind)
  }

  get(id: number): MazeDocument {
    const doc = this.repo.document(id)
    const parsed = JSON.parse(doc.json) as unknown
    return doc.kind === 'layout' ? { kind: 'layout', summary: doc.summary, maze: parsed as MazeJson } : { kind: 'schedule', summary: doc.summary, schedule: parsed as StoredSchedule }
  }

  /** The grid of stored layout `id`. */
  layoutGrid(id: number, field = 'id'): Grid {
    const doc = this.repo.document(id)
    if (doc.kind !== 'layout') throw new InputError(`maze ${id} ("${doc.summary.name}") is a schedule, not a layout`, field)
    return readJsonMaze(doc.json).grid
  }

  saveLayout(input: { id?: number; name: string; maze: MazeJson; source?: string; notes?: string }, actor: string): MazeSummary {
    const grid = gridOf(input.maze)
    const record = { name: input.name, kind: 'layout' as const, json: writeJsonMaze(grid, { name: input.name }), width: grid.width, height: grid.height, notes: input.notes ?? '' }
    if (input.id === undefined) {
      const created = this.repo.create({ ...record, source: input.source ?? 'drawn' }, actor)
      this.changed(created.id, 'created')
      return created
    }
    const id = input.id
    const old = this.repo.get(id)
    const updated = this.repo.transaction(() => {
      const out = this.repo.replace(id, { ...record, source: input.source ?? old.source, notes: input.notes ?? old.notes }, actor)
      // The schedules using this layout must still hold (same size, starts not on walls); else roll back.
      for (const scheduleId of out.links) {
        const doc = this.repo.document(scheduleId)
        try {
          this.checkSchedule(JSON.parse(doc.json) as StoredSchedule)
        } catch (e) {
          throw new StoreError('conflict', `this change would break the schedule "${doc.summary.name}" that uses this layout: ${(e as Error).message}`, 'maze')
        }
      }
      return out
    })
    this.changed(updated.id, 'updated')
    return updated
  }

  /** Checks a stored schedule against its layouts; throws `invalid` naming the field. */
  checkSchedule(schedule: StoredSchedule): { core: EnvironmentSchedule; layouts: Record<string, Grid> } {
    const layouts: Record<string, Grid> = {}
    schedule.layouts.forEach((l, k) => {
      if (Object.hasOwn(layouts, String(l.mazeId))) return
      try {
        layouts[String(l.mazeId)] = this.layoutGrid(l.mazeId, `schedule.layouts[${k}].mazeId`)
      } catch (e) {
        if (e instanceof StoreError && e.code === 'not-found') throw new InputError(`schedule.layouts[${k}].mazeId: layout ${l.mazeId} does not exist`, `schedule.layouts[${k}].mazeId`)
        throw e
      }
    })
    // A run moves one agent over one array of positions: every layout of a schedule has the same size.
    const first = layouts[String(schedule.layouts[0].mazeId)]
    schedule.layouts.forEach((l, k) => {
      const g = layouts[String(l.mazeId)]
      if (g.width !== first.width || g.height !== first.height) {
        const field = `schedule.layouts[${k}].mazeId`
        throw new InputError(
          `${field}: layout ${l.mazeId} is ${g.width}×${g.height} cells, but the schedule's first layout is ${first.width}×${first.height}; all layouts of a schedule must have the same size`,
          field
        )
      }
    })
    const core: EnvironmentSchedule = { layouts: schedule.layouts.map((l) => ({ fromTrial: l.fromTrial, layoutId: String(l.mazeId) })), starts: schedule.starts }
    try {
      validateSchedule(core, layouts)
    } catch (e) {
      if (e instanceof ScheduleError) {
        const field = scheduleField(e.field)
        // The core names layouts by id; the researcher knows them by name.
        const detail = e.message.slice(e.field.length + 2).replace(/layout "(\d+)"/g, (m, id: string) => (Object.hasOwn(layouts, id) ? `layout "${this.repo.get(Number(id)).name}"` : m))
        throw new InputError(`${field}: ${detail}`, field)
      }
      throw e
    }
    for (const list of ['layouts', 'starts'] as const) {
      schedule[list].forEach((entry, k) => {
        if (entry.fromTrial > schedule.trialCount) {
          const field = `schedule.${list}[${k}].fromTrial`
          throw new InputError(`${field}: trial ${entry.fromTrial} is after the last trial (${schedule.trialCount})`, field)
        }
      })
    }
    return { core, layouts }
  }

  saveSchedule(input: { id?: number; name: string; schedule: StoredSchedule; notes?: string }, actor: string): MazeSummary {
    this.checkSchedule(input.schedule)
    const usesLayouts = input.schedule.layouts.map((l) => l.mazeId)
    const record = { name: input.name, kind: 'schedule' as const, json: JSON.stringify(input.schedule), width: null, height: null, usesLayouts }
    if (input.id === undefined) {
      const created = this.repo.create({ ...record, source: 'drawn', notes: input.notes ?? '' }, actor)
      this.changed(created.id, 'created')
      return created
    }
    const old = this.repo.get(input.id)
    const updated = this.repo.replace(input.id, { ...record, source: old.source, notes: input.notes ?? old.notes }, actor)
    this.changed(updated.id, 'updated')
    return updated
  }

  rename(id: number, name: string, actor: string): MazeSummary {
    const out = this.repo.rename(id, name, actor)
    this.changed(id, 'renamed')
    return out
  }

  duplicate(id: number, name: string | undefined, actor: string): MazeSummary {
    const doc = this.repo.document(id)
    const newName = name ?? this.repo.freeName(`${doc.summary.name} copy`)
    const json = doc.kind === 'layout' ? writeJsonMaze(readJsonMaze(doc.json).grid, { name: newName }) : doc.json
    const usesLayouts = doc.kind === 'schedule' ? (JSON.parse(doc.json) as StoredSchedule).layouts.map((l) => l.mazeId) : undefined
    const created = this.repo.create(
      {
        name: newName,
        kind: doc.kind,
        json,
        width: doc.summary.width,
        height: doc.summary.height,
        source: `copy of "${doc.summary.name}"`.slice(0, 200),
        notes: doc.summary.notes,
        ...(usesLayouts ? { usesLayouts } : {})
      },
      actor
    )
    this.changed(created.id, 'created')
    return created
  }

  delete(id: number, actor: string): void {
    this.repo.delete(id, actor)
    this.changed(id, 'deleted')
  }

  /** Reads a file; saves it only when asked and the whole file was read. */
  import(request: ImportRequest, actor: string): { read: ReadFileResult; saved: MazeSummary | null; maze: MazeJson } {
    let read: ReadFileResult
    try {
      read = readMazeFile(request.fileName, request.content, request)
    } catch (e) {
      if (e instanceof MazeFormatError || e instanceof RangeError) throw new InputError(`${request.fileName}: ${e.message}`, 'file')
      throw e
    }
    if (request.name) read.name = request.name
    if (!request.save) return { read, saved: null, maze: mazeJsonOf(read.grid, read.name) }
    const name = request.name ?? this.repo.freeName(read.name)
    // One JSON text for the notebook and the reply (writing a big terrain's elevation is the slow part).
    const json = writeJsonMaze(read.grid, { name })
    const saved = this.repo.create(
      { name, kind: 'layout', json, width: read.grid.width, height: read.grid.height, source: `imported ${request.fileName} (${read.format})`.slice(0, 200), notes: '' },
      actor
    )
    this.changed(saved.id, 'created')
    return { read, saved, maze: JSON.parse(json) as MazeJson }
  }

  export(source: { id: number } | { maze: MazeJson }, format: MazeFileFormat): ReturnType<typeof writeMazeFile> {
    const { grid, name } = 'id' in source ? { grid: this.layoutGrid(source.id), name: this.repo.get(source.id).name } : { grid: gridOf(source.maze), name: source.maze.name ?? 'maze' }
    try {
      return writeMazeFile(grid, name, format)
    } catch (e) {
      if (e instanceof RangeError) throw new InputError(`cannot export as ${format}: ${e.message}`, 'format')
      throw e
    }
  }

  /** Copies a built-in environment's layouts (and its schedule, when it has more than one layout or start). */
  copyBuiltin(key: string, name: string | undefined, actor: string): { layouts: MazeSummary[]; schedule: MazeSummary | null } {
    if (!Object.hasOwn(BUILTIN_ENVIRONMENTS, key)) {
      throw new StoreError('not-found', `no built-in environment "${key}"; known: ${Object.keys(BUILTIN_ENVIRONMENTS).join(', ')}`, 'key')
    }
    const env = BUILTIN_ENVIRONMENTS[key]
    const built = env.build()
    const needsSchedule = built.schedule.layouts.length > 1 || built.schedule.starts.length > 1
    const out = this.repo.transaction(() => {
      const ids: Record<string, number> = {}
      const layouts: MazeSummary[] = []
      const scheduleName = needsSchedule ? this.repo.freeName(name ?? env.title) : ''
      for (const [layoutId, grid] of Object.entries(built.layouts)) {
        const title = BUILTIN_ENVIRONMENTS[layoutId]?.title ?? layoutId
        // A single-layout built-in with a start schedule (Morris): keep the plain title for the schedule.
        const layoutName = this.repo.freeName(needsSchedule ? (title === scheduleName ? `${title} — layout` : title) : (name ?? title))
        const summary = this.repo.create(
          { name: layoutName, kind: 'layout', json: writeJsonMaze(grid, { name: layoutName }), width: grid.width, height: grid.height, source: `copy of built-in "${key}"`, notes: '' },
          actor
        )
        ids[layoutId] = summary.id
        layouts.push(summary)
      }
      if (!needsSchedule) return { layouts, schedule: null }
      const stored: StoredSchedule = {
        format: MAZE_SCHEDULE_FORMAT,
        version: 1,
        trialCount: env.trialCount,
        layouts: built.schedule.layouts.map((l) => ({ fromTrial: l.fromTrial, mazeId: ids[l.layoutId] })),
        starts: built.schedule.starts.map((s) => ({ fromTrial: s.fromTrial, start: { ...s.start } }))
      }
      const schedule = this.repo.create(
        { name: scheduleName, kind: 'schedule', json: JSON.stringify(stored), width: null, height: null, source: `copy of built-in "${key}"`, notes: env.description, usesLayouts: Object.values(ids) },
        actor
      )
      return { layouts, schedule }
    })
    for (const l of out.layouts) this.changed(l.id, 'created')
    if (out.schedule) this.changed(out.schedule.id, 'created')
    return out
  }

  /** The grids and core schedule of a stored layout or schedule, for a run. */
  resolve(id: number): { id: number; name: string; trialCount: number | null; layouts: Record<string, MazeJson>; schedule: EnvironmentSchedule } {
    const doc = this.repo.document(id)
    if (doc.kind === 'layout') {
      const grid = readJsonMaze(doc.json).grid
      return {
        id,
        name: doc.summary.name,
        trialCount: null,
        layouts: { [String(id)]: JSON.parse(doc.json) as MazeJson },
        schedule: { layouts: [{ fromTrial: 1, layoutId: String(id) }], starts: [{ fromTrial: 1, start: rcOf(grid, grid.starts[0]) }] }
      }
    }
    const stored = JSON.parse(doc.json) as StoredSchedule
    const { core, layouts } = this.checkSchedule(stored)
    const json: Record<string, MazeJson> = {}
    for (const [layoutId, grid] of Object.entries(layouts)) json[layoutId] = mazeJsonOf(grid, this.repo.get(Number(layoutId)).name)
    return { id, name: doc.summary.name, trialCount: stored.trialCount, layouts: json, schedule: core }
  }
}
