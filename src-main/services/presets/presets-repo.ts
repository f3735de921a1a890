import type { Database, Statement } from 'better-sqlite3'
import type { DevicePreset } from '../../../src-core/device/types'
import type { AuditLog } from '../store/audit-log'
import { StoreError } from '../store/errors'

export interface StoredPreset {
  id: number
  name: string
  source: string
  createdAt: string
  preset: DevicePreset
}

/** User presets in the `device_presets` table (migration 0001); names are unique. */
export class PresetsRepo {
  private readonly insert: Statement
  private readonly byName: Statement
  private readonly all: Statement
  private readonly remove: Statement

  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly now: () => string = () => new Date().toISOString()
  ) {
    this.insert = db.prepare('INSERT INTO device_presets (name, json, source, created_at) VALUES (?, ?, ?, ?)')
    this.byName = db.prepare('SELECT id, name, json, source, created_at FROM device_presets WHERE name = ?')
    this.all = db.prepare('SELECT id, name, json, source, created_at FROM device_presets ORDER BY name')
    this.remove = db.prepare('DELETE FROM device_presets WHERE id = ?')
  }

  list(): StoredPreset[] {
    return (this.all.all() as Row[]).map(toStored)
  }

  find(name: string): StoredPreset | null {
    const r = this.byName.get(name) as Row | undefined
    return r ? toStored(r) : null
  }

  save(preset: DevicePreset, actor: string): StoredPreset {
    return this.db.transaction(() => {
      if (this.byName.get(preset.name)) throw new StoreError('conflict', `a preset named "${preset.name}" already exists: choose another name`, 'preset.name')
      const r = this.insert.run(preset.name, JSON.stringify(preset), preset.source, this.now())
      this.audit.record(actor, 'create', 'preset', String(r.lastInsertRowid), { name: preset.name })
      return this.find(preset.name)!
    })()
  }

  delete(name: string, actor: string): void {
    this.db.transaction(() => {
      const p = this.find(name)
      if (!p) throw new StoreError('not-found', `no user preset named "${name}"`, 'name')
      this.remove.run(p.id)
      this.audit.record(actor, 'delete', 'preset', String(p.id), { name, preset: p.preset })
    })()
  }
}

interface Row {
  id: number
  name: string
  json: string
  source: string
  created_at: string
}

const toStored = (r: Row): StoredPreset => ({ id: r.id, name: r.name, source: r.source, createdAt: r.created_at, preset: JSON.parse(r.json) as DevicePreset })
