import { z } from 'zod'
import { auditEntrySchema, systemInfoSchema } from '../schemas/system'
import { op } from './op'

export const systemOps = {
  /** What the status bar shows: transport, database file, instrument back end, app version. */
  'system.info': op(z.object({}).strict(), systemInfoSchema),
  /** Liveness and round-trip measurement; echoes its input. */
  'system.ping': op(z.object({ nonce: z.string().max(100) }).strict(), z.object({ nonce: z.string(), serverTime: z.string() })),
  /** The newest audit-log entries (deletes, imports, edits). */
  'audit.recent': op(z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict(), z.array(auditEntrySchema))
}

export const systemEvents = {
  /** Status-bar facts that change: instrument back end and link state. */
  status: z.object({ instrumentBackend: z.string(), link: z.enum(['none', 'connecting', 'ready', 'busy', 'lost']) })
}
