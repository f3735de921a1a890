import { z } from 'zod'
import { FIGURES, figureResultSchemas } from '../../../src-core/experiment/figures'
import { op } from './op'

const figureNameSchema = z.enum(FIGURES)

/** One figure's result: the shapes of docs/reproduce.md (tried in this order; each has its own fields). */
const figureResultSchema = z.union([
  figureResultSchemas.table1,
  figureResultSchemas.fig4b,
  figureResultSchemas.fig4c,
  figureResultSchemas.fig4f,
  figureResultSchemas.fig4g,
  figureResultSchemas.fig5d,
  figureResultSchemas.fig5g
])

const groupPlanSchema = z.object({
  key: z.string(),
  title: z.string(),
  spec: z.record(z.string(), z.unknown()),
  seeds: z.number().int(),
  firstSeed: z.number().int(),
  initialStateFrom: z.string().optional()
})

export const figureStatusSchema = z.object({
  figure: figureNameSchema,
  title: z.string(),
  state: z.enum(['queued', 'running', 'done', 'partial']),
  runsDone: z.number().int(),
  runs: z.number().int(),
  result: figureResultSchema.nullable(),
  runIds: z.array(z.number().int()),
  sweepIds: z.array(z.string()),
  plan: z.object({ groups: z.array(groupPlanSchema), sweeps: z.array(z.object({ key: z.string(), sweep: z.unknown() })) })
})

export const reproductionStatusSchema = z.object({
  id: z.string(),
  state: z.enum(['running', 'done', 'cancelled']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  seeds: z.number().int().nullable(),
  figures: z.array(figureStatusSchema)
})

export const paperOps = {
  /**
   * Reproduce figures of the paper (`rram-workbench reproduce`): every run is stored in the notebook.
   * One reproduction at a time; `seeds` for every figure (default: each figure's own, docs/reproduce.md).
   */
  'paper.run': op(
    z
      .object({
        figures: z.array(figureNameSchema).min(1, 'choose at least one figure').max(FIGURES.length),
        seeds: z.number().int().min(1, 'seeds: at least 1').max(1000, 'seeds: at most 1000').optional()
      })
      .strict(),
    reproductionStatusSchema
  ),
  /** The current (or last) reproduction of this session (null before the first), and each figure's newest result in the notebook (kept across sessions). */
  'paper.status': op(z.object({}).strict(), z.object({ reproduction: reproductionStatusSchema.nullable(), latest: z.array(figureStatusSchema) })),
  /** Cancel the running reproduction: finished runs are kept, the figures it cut short are partial. */
  'paper.cancel': op(z.object({}).strict(), reproductionStatusSchema),
  /** The newest result of each figure as one self-contained HTML report (PNGs and CSVs inlined); not-found before any. */
  'paper.report': op(z.object({}).strict(), z.object({ fileName: z.string(), html: z.string() }))
}

export const paperEvents = {}
