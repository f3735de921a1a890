import type { Database, Statement } from 'better-sqlite3'

export interface AuditEntry {
  id: number
  at: string
  actor: string
  action: string
  entity: string
  entityId: string | null
  details: unknown
}

/** Who did what, when: deletes, imports and edits of stored data. Append-only (triggers). */
export class AuditLog {
  private readonly insert: Statement

  constructor(
    private readonly db: Database,
    private readonly now: () => string = () => new Date().toISOString()
  ) {
    this.insert = db.prepare('INSERT INTO audit_log (at, actor, action, entity, entity_id, details_json) VALUES (?, ?, ?, ?, ?, ?)')
  }

  record(actor: string, action: string, entity: string, entityId: string | null, details: unknown = {}): void {
    this.insert.run(this.now(), actor, action, entity, entityId, JSON.stringify(details))
  }

  recent(limit = 100): AuditEntry[] {
    const rows = this.db.prepare('SELECT id, at, actor, action, entity, entity_id, details_json FROM audit_log ORDER BY id DESC LIMIT ?').all(limit) as {
      id: number
      at: string
      actor: string
      action: string
      entity: string
      entity_id: string | null
      details_json: string
    }[]
    return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, entity: r.entity, entityId: r.entity_id, details: JSON.parse(r.details_json) }))
  }
}
