import { z } from 'zod'
import { runStatusSchema } from '../schemas/run'
import { LIMITS } from '../limits'
import { op } from './op'

// Operations of the arrays domain: configure/attach arrays, read maps, program-and-verify jobs
// (each a run of kind 'array'), their maps, operation logs and retention series.
// Big maps cross as base64 of little-endian typed arrays (`dtype` says which), row-major.

const id = z.number().int().positive()
const side = z.number().int().min(1, 'at least 1 cell').max(LIMITS.arraySideMax, `at most ${LIMITS.arraySideMax} cells`)
const levelsS = z
  .array(z.number().positive('a conductance level must be > 0 S').max(1, 'a conductance level above 1 S is not an RRAM state'))
  .min(2, 'give at least 2 conductance levels (S)')
  .max(16, 'at most 16 conductance levels')
/** Either a count of default levels for the preset, or the levels themselves in siemens. */
const levelsChoice = { levels: z.number().int().min(2).max(16).optional(), levelsS: levelsS.optional() }

export const arrayInfoSchema = z.object({
  id,
  name: z.string(),
  backend: z.enum(['simulated', 'serial']),
  serialPath: z.string().nullable(),
  rows: z.number().int(),
  cols: z.number().int(),
  devicePreset: z.string(),
  seed: z.number().int(),
  initialState: z.enum(['pristine', 'hrs', 'lrs', 'board']),
  d2dSigma: z.number().nullable(),
  createdAt: z.string(),
  /** Whether the array is live in this process (a simulated die in memory, or a connected board). */
  attached: z.boolean(),
  programs: z.number().int().nonnegative()
})
export type ArrayInfo = z.infer<typeof arrayInfoSchema>

// The door's limits (../limits.ts); the array's own (preset or board) are checked before the run is stored.
const volts = (what: string) => z.number().positive(`${what}: a voltage > 0 V`).max(LIMITS.vMaxAbsV, `${what} must be ≤ ${LIMITS.vMaxAbsV} V`)
const amps = (what: string) =>
  z
    .number()
    .positive(`${what}: a compliance current > 0 A`)
    .max(LIMITS.iComplianceMaxA, `${what} above ${LIMITS.iComplianceMaxA * 1e3} mA`)
const pulseWidth = z
  .number()
  .min(LIMITS.pulseWidthMinS, `pulseWidthS must be ≥ ${LIMITS.pulseWidthMinS * 1e9} ns`)
  .max(LIMITS.pulseWidthMaxS, `pulseWidthS must be ≤ ${LIMITS.pulseWidthMaxS} s`)

export const targetSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('checkerboard'), square: z.number().int().min(1).max(512).optional(), ...levelsChoice }).strict(),
  z.object({ kind: z.literal('gradient'), ...levelsChoice }).strict(),
  z.object({ kind: z.literal('csv'), text: z.string().min(1, 'the CSV is empty').max(8_000_000), invert: z.boolean().optional(), ...levelsChoice }).strict(),
  z
    .object({
      kind: z.literal('image'),
      width: side,
      height: side,
      /** Grey levels 0…255, row-major, base64. */
      grayBase64: z.string().min(1),
      invert: z.boolean().optional(),
      ...levelsChoice
    })
    .strict(),
  z
    .object({
      kind: z.literal('run'),
      runId: id,
      map: z.enum(['synapse', 'threshold']),
      /** Synapse map: direction 0…7 = N, NE, E, SE, S, SW, W, NW. */
      direction: z.number().int().min(0).max(7).optional(),
      /** Snapshot trial; omitted: the run's newest. */
      trial: z.number().int().nonnegative().optional(),
      ...levelsChoice
    })
    .strict()
])
export type TargetSpec = z.infer<typeof targetSpecSchema>

export const programParamsSchema = z
  .object({
    toleranceRel: z.number().gt(0, 'toleranceRel is relative: > 0').lt(1, 'toleranceRel is relative: < 1').optional(),
    maxPulses: z.number().int().min(1).max(200, 'at most 200 pulses per cell').optional(),
    vReadV: z.number().positive('vReadV: a read voltage > 0 V').max(LIMITS.vReadMaxV, `vReadV above ${LIMITS.vReadMaxV} V would disturb the cells`).optional(),
    readSeconds: z.number().positive().max(1).optional(),
    pulseWidthS: pulseWidth.optional(),
    formFirst: z.boolean().optional(),
    vFormV: volts('vFormV').optional(),
    iFormComplianceA: amps('iFormComplianceA').optional(),
    vSetV: volts('vSetV').optional(),
    vSetStepV: z.number().nonnegative().max(1).optional(),
    vSetMaxV: volts('vSetMaxV').optional(),
    iComplianceA: amps('iComplianceA').optional(),
    iComplianceStepA: z.number().nonnegative().max(LIMITS.iComplianceMaxA).optional(),
    iComplianceMaxA: amps('iComplianceMaxA').optional(),
    vStopV: z.number().negative('vStopV: a RESET stop voltage < 0 V').min(-LIMITS.vMaxAbsV, `vStopV must be ≥ −${LIMITS.vMaxAbsV} V`).optional(),
    vStopStepV: z.number().nonnegative().max(1).optional(),
    vStopMinV: z.number().negative().min(-LIMITS.vMaxAbsV, `vStopMinV must be ≥ −${LIMITS.vMaxAbsV} V`).optional()
  })
  .strict()

export const programSpecSchema = z
  .object({
    arrayId: id,
    name: z.string().trim().min(1).max(200).optional(),
    algorithm: z.enum(['binary', 'gate-ramp', 'voltage-ramp']),
    target: targetSpecSchema,
    params: programParamsSchema.optional()
  })
  .strict()
export type ProgramSpec = z.infer<typeof programSpecSchema>

const encodedMap = z.object({ rows: z.number().int(), cols: z.number().int(), dtype: z.enum(['f32', 'f64', 'u32', 'u8']), base64: z.string() })
export type EncodedMap = z.infer<typeof encodedMap>

const summarySchema = z.object({
  cells: z.number().int(),
  converged: z.number().int(),
  failed: z.number().int(),
  yield: z.number().describe('share of cells that met their verify criterion'),
  yieldAtTolerance: z.number(),
  meanPulses: z.number(),
  maxPulses: z.number().int(),
  meanAbsErrorRel: z.number()
})

const histogramSchema = z.object({
  levelS: z.number(),
  cells: z.number().int(),
  edgesS: z.array(z.number()),
  counts: z.array(z.number().int()),
  medianS: z.number(),
  sigmaLn: z.number()
})

export const programResultSchema = z.object({
  runId: id,
  arrayId: id,
  name: z.string(),
  status: runStatusSchema,
  algorithm: z.enum(['binary', 'gate-ramp', 'voltage-ramp']),
  targetKind: z.string(),
  rows: z.number().int(),
  cols: z.number().int(),
  levelsS: z.array(z.number()),
  toleranceRel: z.number(),
  totals: z.object({ cellsDone: z.number().int(), converged: z.number().int(), pulses: z.number().int(), reads: z.number().int(), energyJ: z.number(), timeS: z.number() }),
  summary: summarySchema,
  yieldCurve: z.array(z.object({ toleranceRel: z.number(), yield: z.number() })),
  histograms: z.array(histogramSchema)
})
export type ProgramResult = z.infer<typeof programResultSchema>

export const readMapSchema = z.object({
  arrayId: id,
  rows: z.number().int(),
  cols: z.number().int(),
  repeats: z.number().int(),
  vReadV: z.number(),
  /** Mean read conductance, S (f32). */
  g: encodedMap,
  /** Relative σ of the repeated reads (f32); null for one read. */
  noiseRel: encodedMap.nullable(),
  /** Operation counts per cell so far (u32). */
  reads: encodedMap,
  sets: encodedMap,
  resets: encodedMap
})
export type ReadMapResult = z.infer<typeof readMapSchema>

const logEntrySchema = z.object({ kind: z.enum(['read', 'set', 'reset', 'form']), vV: z.number(), iA: z.number(), gS: z.number().nullable() })

export const arraysOps = {
  'arrays.list': op(z.object({}).strict(), z.array(arrayInfoSchema)),
  'arrays.create': op(
    z
      .object({
        name: z.string().trim().min(1, 'an array needs a name').max(200),
        rows: side,
        cols: side,
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 31 - 1),
        initialState: z.enum(['pristine', 'hrs', 'lrs']).optional(),
        devicePreset: z.string().optional(),
        d2dSigma: z.number().min(0).max(2, 'd2dSigma is a log-space σ: at most 2').nullable().optional()
      })
      .strict(),
    arrayInfoSchema
  ),
  'arrays.attach': op(
    z
      .object({
        name: z.string().trim().min(1).max(200).optional(),
        path: z.string().min(1, 'give the serial device, e.g. /dev/ttyUSB0').max(300),
        baudRate: z.number().int().min(1200).max(4_000_000).optional()
      })
      .strict(),
    arrayInfoSchema
  ),
  'arrays.detach': op(z.object({ id }).strict(), arrayInfoSchema),
  'arrays.read': op(
    z
      .object({
        id,
        repeats: z.number().int().min(1).max(100).optional(),
        vReadV: z.number().positive().max(LIMITS.vReadMaxV, `vReadV above ${LIMITS.vReadMaxV} V would disturb the cells`).optional()
      })
      .strict(),
    readMapSchema
  ),
  'arrays.program': op(programSpecSchema, z.object({ runId: id })),
  'arrays.cancel': op(z.object({ runId: id }).strict(), z.object({ runId: id, cancelled: z.boolean() })),
  'arrays.programs': op(
    z.object({ arrayId: id.optional() }).strict(),
    z.array(programResultSchema.pick({ runId: true, arrayId: true, name: true, status: true, algorithm: true, targetKind: true, rows: true, cols: true }))
  ),
  'arrays.result': op(z.object({ runId: id }).strict(), programResultSchema),
  'arrays.map': op(z.object({ runId: id, kind: z.enum(['target_s', 'g_final_s', 'error_rel', 'pulses', 'failed']) }).strict(), encodedMap),
  'arrays.cellLog': op(z.object({ runId: id, row: z.number().int().min(0), col: z.number().int().min(0) }).strict(), z.array(logEntrySchema)),
  'arrays.retention': op(
    z
      .object({
        runId: id,
        timesS: z.array(z.number().min(1, 'times start at 1 s after programming')).min(1).max(200).optional(),
        drift: z.boolean().optional(),
        cellsPerLevel: z.number().int().min(1).max(4096).optional()
      })
      .strict(),
    z.array(z.object({ levelS: z.number(), cells: z.number().int(), timesS: z.array(z.number()), meanS: z.array(z.number()), p10S: z.array(z.number()), p90S: z.array(z.number()) }))
  )
}

export const arraysEvents = {
  /** A programming job's progress: cells done of all, and its status. */
  'arrays.progress': z.object({ runId: id, arrayId: id, cellsDone: z.number().int(), cells: z.number().int(), converged: z.number().int(), status: runStatusSchema })
}
