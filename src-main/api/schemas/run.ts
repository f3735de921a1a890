import { z } from 'zod'

export const runKindSchema = z.enum(['maze', 'sweep', 'iv', 'array'])
export const runStatusSchema = z.enum(['queued', 'running', 'paused', 'done', 'failed', 'cancelled', 'interrupted'])
export type RunKind = z.infer<typeof runKindSchema>
export type RunStatus = z.infer<typeof runStatusSchema>

export const tagSchema = z
  .string()
  .trim()
  .min(1, 'a tag cannot be empty')
  .max(40, 'a tag has at most 40 characters')
  .regex(/^[^,\n]+$/, 'a tag cannot contain a comma or a line break')

/** One stored run as lists and tables show it (the spec is fetched separately). */
export const runSummarySchema = z.object({
  id: z.number().int().positive(),
  kind: runKindSchema,
  name: z.string(),
  seed: z.number().int(),
  status: runStatusSchema,
  appVersion: z.string(),
  backend: z.string().describe('"simulated" or "serial:PATH"'),
  devicePreset: z.string().nullable(),
  groupId: z.string().nullable().describe('runs launched together (one per seed) share a group'),
  createdAt: z.string().describe('ISO 8601, UTC'),
  finishedAt: z.string().nullable(),
  tags: z.array(z.string()),
  notes: z.string(),
  error: z.string().nullable(),
  trialCount: z.number().int().nonnegative()
})
export type RunSummary = z.infer<typeof runSummarySchema>

/** One trial of a maze run, as stored and as the CLI prints it with --json. */
export const trialRecordSchema = z.object({
  trial: z.number().int().positive(),
  steps: z.number().int().nonnegative(),
  timeUs: z.number().nonnegative().describe('hardware time: ticks × tick duration, µs'),
  reachedGoal: z.boolean(),
  pathLength: z.number().int().nonnegative().nullable(),
  shortestPath: z.number().int().nonnegative().nullable(),
  spikes: z.number().int().nonnegative().nullable(),
  ops: z.object({ reads: z.number().int().nonnegative(), sets: z.number().int().nonnegative(), resets: z.number().int().nonnegative() }),
  energyJ: z.object({ fire: z.number().nonnegative(), integration: z.number().nonnegative(), controller: z.number().nonnegative() }),
  layoutId: z.string().nullable().optional()
})
export type TrialRecord = z.infer<typeof trialRecordSchema>

export const newRunSchema = z.object({
  kind: runKindSchema,
  name: z.string().trim().min(1).max(200),
  spec: z.unknown(),
  seed: z.number().int(),
  backend: z.string().min(1).max(300),
  devicePreset: z.string().nullable().optional(),
  groupId: z.string().max(100).nullable().optional(),
  tags: z.array(tagSchema).max(50).optional(),
  notes: z.string().max(100_000).optional(),
  status: runStatusSchema.optional()
})
export type NewRun = z.infer<typeof newRunSchema>
