import { z } from 'zod'

export const transportSchema = z.enum(['desktop', 'lab-host', 'cli'])

export const systemInfoSchema = z.object({
  appVersion: z.string(),
  transport: transportSchema,
  dbFile: z.string().describe('absolute path of the SQLite lab notebook'),
  instrumentBackend: z.string().describe('"simulated" or "serial:PATH"'),
  interruptedAtOpen: z.number().int().nonnegative().describe('runs found running at start-up and marked interrupted')
})
export type SystemInfo = z.infer<typeof systemInfoSchema>

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  details: z.unknown()
})
