import { z } from 'zod'
import { ivRecipeSchema } from '../../services/iv/recipe-schema'
import { op } from './op'

const sessionId = z.object({ id: z.number().int().positive() }).strict()
const sessionName = z.string().trim().min(1, 'an I–V session needs a name').max(200, 'an I–V session name has at most 200 characters')
const statusSchema = z.enum(['running', 'done', 'stopped', 'failed', 'interrupted'])

export const ivSessionSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  recipe: z.enum(['forming', 'dc-sweep', 'cycling', 'pulsed', 'ic-sweep', 'vstop-sweep', 'import']),
  params: z.unknown(),
  seed: z.number().int().nullable(),
  backend: z.string().describe('"simulated", "serial:PATH" or "import"'),
  devicePreset: z.string().nullable(),
  cellRow: z.number().int().nullable(),
  cellCol: z.number().int().nullable(),
  vReadV: z.number().describe('read voltage of R_LRS/R_HRS, V'),
  status: statusSchema,
  sourceFile: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  points: z.number().int(),
  reads: z.number().int(),
  cycles: z.number().int()
})

const nullableNumbers = z.array(z.number().nullable())
const statRow = z.object({
  quantity: z.enum(['rLrsOhm', 'rHrsOhm', 'vSetV', 'vResetV', 'iResetPeakA', 'onOffRatio']),
  n: z.number().int(),
  mean: z.number().nullable(),
  median: z.number().nullable(),
  sigma: z.number().nullable(),
  cv: z.number().nullable()
})
const group = z.object({ x: z.number(), values: z.array(z.number()) })

export const ivAnalysisSchema = z.object({
  cycles: z.object({
    cycle: z.array(z.number().int()),
    step: z.array(z.number().int()),
    iComplianceA: nullableNumbers,
    vStopV: nullableNumbers,
    vSetV: nullableNumbers,
    vResetV: nullableNumbers,
    iResetPeakA: nullableNumbers,
    rLrsOhm: nullableNumbers,
    rHrsOhm: nullableNumbers,
    onOffRatio: nullableNumbers
  }),
  stats: z.array(statRow),
  lrsByCompliance: z.object({ groups: z.array(group), law: z.object({ lrsA: z.number(), lrsB: z.number(), r2: z.number() }).nullable() }),
  hrsByVStop: z.object({ groups: z.array(group), law: z.object({ hrsLnR0: z.number(), hrsLnRSlope: z.number(), r2: z.number() }).nullable() })
})

const pointsSchema = z.object({
  cycle: z.array(z.number().int()),
  vV: z.array(z.number()),
  iA: z.array(z.number()),
  compliance: z.array(z.number().int())
})

const mappingSchema = z
  .object({
    v: z.number().int().min(0, 'choose the voltage column'),
    i: z.number().int().min(0, 'choose the current column'),
    time: z.number().int().min(0).nullable().optional(),
    cycle: z.number().int().min(0).nullable().optional(),
    compliance: z.number().int().min(0).nullable().optional(),
    vUnit: z.enum(['V', 'mV']),
    iUnit: z.enum(['A', 'mA', 'uA']),
    timeUnit: z.enum(['s', 'ms']).optional()
  })
  .strict()

const csvText = z.string().min(1, 'the file is empty').max(9_000_000, 'the file is larger than 9 MB')

export const ivOps = {
  /** Start a recipe on the bench's instrument (simulated or serial); points stream as iv.progress. */
  'iv.start': op(ivRecipeSchema, ivSessionSchema),
  /** Stop the running session; every point so far is kept. */
  'iv.stop': op(sessionId, ivSessionSchema),
  'iv.list': op(z.object({}).strict(), z.array(ivSessionSchema)),
  'iv.get': op(sessionId, ivSessionSchema),
  /** Raw points of a session, SI units. */
  'iv.points': op(sessionId, pointsSchema),
  /** Per-cycle V_set, V_reset, I_reset,peak, R_LRS, R_HRS, on/off; statistics; laws vs I_C and V_STOP. */
  'iv.analysis': op(sessionId, ivAnalysisSchema),
  /** Columns, first rows and a guessed mapping of a measured CSV, for the mapping dialog. */
  'iv.previewCsv': op(
    z.object({ text: csvText }).strict(),
    z.object({
      columns: z.array(z.string()),
      hasHeader: z.boolean(),
      rows: z.array(z.array(z.string())),
      rowCount: z.number().int(),
      comments: z.array(z.string()),
      guess: z.record(z.string(), z.unknown())
    })
  ),
  /** Import a measured CSV with a column mapping; all or nothing. Implausible units are refused or warned of (`warnings`). */
  'iv.importCsv': op(
    z
      .object({
        text: csvText,
        fileName: z.string().trim().min(1).max(500),
        name: z.string().trim().min(1).max(200).optional(),
        mapping: mappingSchema,
        vReadV: z.number().positive('vReadV must be > 0 V').max(10).default(0.1),
        iComplianceA: z.number().positive('iComplianceA must be > 0 A').max(0.1).nullable().optional(),
        vStopV: z.number().negative('vStopV must be a negative voltage (V)').min(-10).nullable().optional()
      })
      .strict(),
    ivSessionSchema.extend({ warnings: z.array(z.string()).describe('unit plausibility warnings, e.g. amperes in a µA column') })
  ),
  /** Rename a session (audited); the name is refused with control characters, like every name. */
  'iv.rename': op(z.object({ id: z.number().int().positive(), name: sessionName }).strict(), ivSessionSchema),
  /** Delete a session and its raw points, reads and cycle settings (audited); refused while it runs. */
  'iv.delete': op(sessionId, z.object({ deleted: z.number().int() })),
  /** A session as long-format CSV with a commented header (docs/export-formats.md). */
  'iv.exportCsv': op(sessionId, z.object({ fileName: z.string(), text: z.string() })),
  /** A session as an HDF5 file (`iv-hdf5-v2`, docs/export-formats.md); the bytes cross as base64 (the transports speak JSON). */
  'iv.exportHdf5': op(sessionId, z.object({ fileName: z.string().describe('<session name>.h5'), base64: z.string().describe('the HDF5 file, base64') }))
}

export const ivEvents = {
  /** A running session's new points (a block as stored) or read count, and its status. */
  'iv.progress': z.object({
    sweepId: z.number().int(),
    status: statusSchema,
    points: z.object({ idx: z.array(z.number()), cycle: z.array(z.number()), v: z.array(z.number()), i: z.array(z.number()), compliance: z.array(z.number()) }).optional(),
    reads: z.number().int().optional(),
    message: z.string().optional()
  })
}
