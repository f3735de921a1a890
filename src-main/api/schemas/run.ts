import { z } from 'zod'
import { STATE_LAYERS, STATE_UNITS } from '../../../src-core/experiment/state-layers'

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
  trialCount: z.number().int().nonnegative(),
  agentKind: z.string().nullable().describe('"bio-rram", "q-table" or "dqn"; null for runs that are not maze runs'),
  environmentName: z.string().nullable().describe('built-in environment id or the stored maze name'),
  trialsPlanned: z.number().int().nonnegative().nullable(),
  finalSteps: z.number().nonnegative().nullable().describe('mean steps to reward over the last 10 trials stored')
})
export type RunSummary = z.infer<typeof runSummarySchema>

/**
 * One trial of a maze run, as stored and as the CLI prints it with --json: the stored shape of the core's
 * trial record, derived from it in src-core/experiment/trial-record.ts (one source for both).
 */
export { storedTrialRecordSchema as trialRecordSchema, type StoredTrialRecord as TrialRecord } from '../../../src-core/experiment/trial-record'

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
  status: runStatusSchema.optional(),
  agentKind: z.string().max(40).nullable().optional(),
  environmentName: z.string().max(200).nullable().optional(),
  trialsPlanned: z.number().int().nonnegative().nullable().optional()
})
export type NewRun = z.infer<typeof newRunSchema>

/** Per-trial quantities the comparison can plot; each is one column (or a fixed expression) of `trials`. */
export const trialMetricSchema = z.enum([
  'steps',
  'timeUs',
  'success',
  'timedOut',
  'pathLength',
  'pathRatio',
  'spikes',
  'reads',
  'sets',
  'resets',
  'energyJ',
  'energyFireJ',
  'energyIntegrationJ',
  'energyControllerJ',
  'energyProgrammingJ'
])
export type TrialMetric = z.infer<typeof trialMetricSchema>

/** One run's values of one metric, trial 1 first, comma-separated (empty where the trial has no value, e.g. no shortest path). */
export const runSeriesSchema = z.object({
  runId: z.number().int().positive(),
  values: z.string().describe('comma-separated numbers, trial 1 first; empty field = no value; 15 significant digits')
})

/** The values of a `RunSeries`, NaN where a trial has no value. */
export function parseSeriesValues(text: string): Float64Array {
  if (text === '') return new Float64Array(0)
  const parts = text.split(',')
  const out = new Float64Array(parts.length)
  for (let k = 0; k < parts.length; k++) out[k] = parts[k] === '' ? NaN : Number(parts[k])
  return out
}
export type RunSeries = z.infer<typeof runSeriesSchema>

/** The learned-state maps and their units, as the core computes them (src-core/experiment/state-layers.ts). */
export const snapshotLayerSchema = z.enum(STATE_LAYERS)
export type SnapshotLayer = z.infer<typeof snapshotLayerSchema>
export const snapshotUnitSchema = z.enum(STATE_UNITS)

/** A map of learned state after a trial: row-major, `planes` stacked grids (synapses: 8, N first clockwise). */
export const snapshotLayerDataSchema = z.object({
  layer: snapshotLayerSchema,
  unit: snapshotUnitSchema.describe(
    'S: conductance; A: read current; theta0: threshold over θ0; count: visits; cell: path of cell indices; q: Q value; kind: threshold state 0 rest, 1 rewarded, 2 penalised, 3 relaxed'
  ),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  planes: z.number().int().positive(),
  values: z.array(z.number())
})
export type SnapshotLayerData = z.infer<typeof snapshotLayerDataSchema>

export const snapshotInfoSchema = z.object({ trial: z.number().int().nonnegative(), layers: z.array(snapshotLayerSchema) })
export type SnapshotInfo = z.infer<typeof snapshotInfoSchema>
