import { z } from 'zod'
import { runSeriesSchema, runStatusSchema, runSummarySchema, snapshotInfoSchema, snapshotLayerDataSchema, tagSchema, trialMetricSchema, trialRecordSchema } from '../schemas/run'
import { runSpecSchema } from '../../../src-core/experiment/spec'
import { sweepSizeIssue } from '../limits'
import { op } from './op'

const id = z.number().int().positive()
const runId = z.object({ id }).strict()
const viewName = z.string().trim().min(1, 'a comparison needs a name').max(200)

/** One of the paper's experiments as a ready-made spec (examples/*.json). */
export const runExampleSchema = z.object({ file: z.string(), title: z.string(), spec: z.unknown() })

export const runsOps = {
  /** Every run, newest first; or those with `status`; or just the runs `ids` (what a window refreshes). */
  'runs.list': op(z.object({ status: runStatusSchema.optional(), ids: z.array(z.number().int().min(1)).max(10_000).optional() }).strict(), z.array(runSummarySchema)),
  'runs.get': op(runId, runSummarySchema),
  /** The spec a run was stored with: a maze or sweep run's is the core's RunSpec, self-contained (runs.start takes it back as it is); I–V and array runs store their own recipe. */
  'runs.spec': op(runId, z.union([runSpecSchema, z.record(z.string(), z.unknown())])),
  'runs.trials': op(runId, z.array(trialRecordSchema)),
  'runs.update': op(
    z
      .object({
        id,
        name: z.string().trim().min(1, 'a run needs a name').max(200).optional(),
        tags: z.array(tagSchema).max(50).optional(),
        notes: z.string().max(100_000).optional()
      })
      .strict(),
    runSummarySchema
  ),
  'runs.delete': op(runId, z.object({ deleted: z.number().int() })),
  /**
   * Launch a maze run: N seeds = N runs in one group (seeds seed, seed+1, …). `mazeId` names a maze
   * or schedule of the notebook: it replaces the spec's environment by an inline copy, so the stored
   * run re-runs bit for bit. The spec is the core's schema (src-core/experiment/spec.ts), parsed here at
   * the door and not again: errors name its path (`spec.agent.homeostasis.icLadderUA[2]`), nothing is stored.
   */
  'runs.start': op(
    z
      .object({
        spec: runSpecSchema,
        name: z.string().trim().min(1, 'a run needs a name').max(180),
        seeds: z.number().int().min(1, 'seeds: at least 1').max(1000, 'seeds: at most 1000 per launch').default(1),
        seed: z
          .number()
          .int()
          .min(0, 'seed: expected an integer ≥ 0')
          .max(2 ** 31 - 1)
          .optional(),
        tags: z.array(tagSchema).max(50).optional(),
        notes: z.string().max(100_000).optional(),
        mazeId: id.optional(),
        snapshotTrials: z.array(z.number().int().min(1)).max(1000).optional()
      })
      .strict(),
    z.array(runSummarySchema)
  ),
  'runs.pause': op(runId, runSummarySchema),
  'runs.resume': op(runId, runSummarySchema),
  /** Stop before the next trial; the trials so far are kept and the status becomes `cancelled`. */
  'runs.cancel': op(runId, runSummarySchema),
  /** Run a stored run's spec again as a new run: the same seed, or `seed`. */
  'runs.rerun': op(
    z
      .object({
        id,
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 31 - 1)
          .optional(),
        name: z.string().trim().min(1).max(200).optional()
      })
      .strict(),
    runSummarySchema
  ),
  /** One metric of several runs, trial 1 first: what the comparison plots. */
  'runs.series': op(z.object({ ids: z.array(id).min(1, 'choose at least one run').max(2000), metric: trialMetricSchema }).strict(), z.array(runSeriesSchema)),
  /** Trials with stored learned state (threshold map, synapse maps, visits, path). */
  'runs.snapshots': op(runId, z.array(snapshotInfoSchema)),
  /** One snapshot's maps; without `trial`, the newest (a stored run's learned policy). */
  'runs.snapshot': op(z.object({ id, trial: z.number().int().min(0).optional() }).strict(), z.object({ trial: z.number().int(), layers: z.array(snapshotLayerDataSchema) })),
  /** The paper's experiments as ready-made specs (one-click presets of the launch form). */
  'runs.examples': op(z.object({}).strict(), z.array(runExampleSchema)),
  /** Launch a parameter sweep (base spec × grid × seeds, docs/experiment-spec.md); its runs queue on the pool. */
  'runs.startSweep': op(
    z
      .object({
        // Refused by size before anything is expanded or stored (docs/limits.md); the runner validates the rest.
        sweep: z.unknown().superRefine((raw, ctx) => {
          const issue = sweepSizeIssue(raw)
          if (issue) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message })
        }),
        name: z.string().trim().min(1).max(150).optional()
      })
      .strict(),
    z.object({ sweepId: z.string(), cells: z.number().int(), runs: z.number().int() })
  ),
  'runs.sweeps': op(z.object({}).strict(), z.array(z.object({ id: z.string(), name: z.string(), cells: z.number().int(), seeds: z.number().int(), createdAt: z.string() }))),
  /** A sweep's results so far: per cell, accuracy (share of finished seeds whose final trial reached the goal) and mean final steps. */
  'runs.sweep': op(
    z.object({ id: z.string().min(1).max(100) }).strict(),
    z.object({
      id: z.string(),
      name: z.string(),
      spec: z.unknown(),
      createdAt: z.string(),
      cells: z.array(
        z.object({
          index: z.number().int(),
          params: z.record(z.string(), z.unknown()),
          seeds: z.number().int(),
          done: z.number().int(),
          /** Runs that ended without finishing (cancelled, failed, interrupted). */
          stopped: z.number().int(),
          accuracy: z.number().nullable(),
          meanSteps: z.number().nullable()
        })
      )
    })
  ),
  /** Cancel the sweep's runs still queued or running; the trials they stored are kept. */
  'runs.cancelSweep': op(z.object({ id: z.string().min(1).max(100) }).strict(), z.object({ cancelled: z.number().int() })),
  'runs.views': op(z.object({}).strict(), z.array(z.object({ id: z.number().int(), name: z.string(), updatedAt: z.string() }))),
  'runs.view': op(z.object({ name: viewName }).strict(), z.object({ name: z.string(), view: z.unknown(), updatedAt: z.string() })),
  /** Save a comparison view (selection, grouping, smoothing, axes); the same name replaces it. */
  'runs.saveView': op(z.object({ name: viewName, view: z.record(z.string(), z.unknown()) }).strict(), z.object({ name: z.string(), updatedAt: z.string() })),
  'runs.deleteView': op(z.object({ name: viewName }).strict(), z.object({ deleted: z.string() }))
}

export const runsEvents = {
  /** A run's progress: the newest trial (its record when one just finished), the planned count and its status. */
  'runs.progress': z.object({
    runId: z.number().int(),
    trial: z.number().int(),
    of: z.number().int(),
    status: runStatusSchema,
    elapsedSeconds: z.number().nonnegative().optional(),
    record: trialRecordSchema.optional(),
    /** A sweep cell: trials only, no live frames (the Live view leaves it out). */
    lean: z.literal(true).optional()
  }),
  /** A live frame of a running run: the path of `trial` and the maps after it (row-major; synapses: 8 planes, N first). */
  'runs.frame': z.object({
    runId: z.number().int(),
    trial: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
    path: z.array(z.number().int()),
    thresholds: z.array(z.number()).nullable().describe('threshold over θ0'),
    visits: z.array(z.number()).nullable().describe('visits per cell since the start of the run'),
    synapses: z.array(z.number()).nullable().describe('synaptic conductance, S')
  })
}
