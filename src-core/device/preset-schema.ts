import { z } from 'zod'
import type { DevicePreset } from './types'

const positive = (what: string) => z.number().finite().positive().describe(what)
const nonNegative = (what: string) => z.number().finite().nonnegative().describe(what)

export const hrsTableSchema = z
  .object({
    vStopV: z.array(z.number().finite().negative()).min(2).describe('stop voltages, V (negative), by increasing |V_STOP|'),
    lnRMedian: z.array(z.number().finite()).describe('ln(median R_HRS / Ω) at each stop voltage'),
    lnRSigma: z.array(z.number().finite().nonnegative()).describe('cycle-to-cycle log-space σ of R_HRS at each stop voltage (dimensionless)')
  })
  .superRefine((t, ctx) => {
    for (const key of ['lnRMedian', 'lnRSigma'] as const) {
      if (t[key].length !== t.vStopV.length) {
        ctx.addIssue({ code: 'custom', path: [key], message: `has ${t[key].length} values but vStopV has ${t.vStopV.length}` })
      }
    }
    for (let k = 1; k < t.vStopV.length; k++) {
      if (!(t.vStopV[k] < t.vStopV[k - 1])) {
        ctx.addIssue({ code: 'custom', path: ['vStopV', k], message: 'must be sorted by strictly increasing |V_STOP|' })
      }
    }
  })

/** A device preset, validated field by field (units in each description). */
export const devicePresetSchema = z
  .object({
    name: z.string().trim().min(1).max(120).describe('preset name shown in the UI, unique in the library'),
    source: z.string().max(2000).describe('where the numbers come from: data files and fit, or "user"'),
    lrsA: positive('median R_LRS at I_C = 1 µA, Ω (power law R = a·(I_C/1 µA)^−b)'),
    lrsB: z.number().finite().describe('power-law exponent b of R_LRS vs I_C (dimensionless; > 0: LRS falls with I_C)'),
    lrsSigmaA: nonNegative('log-space σ of R_LRS at I_C = 1 µA (σ = A·(I_C/1 µA)^−B, dimensionless)'),
    lrsSigmaB: z.number().finite().describe('exponent B of the LRS σ power law (dimensionless)'),
    lrsSigmaFloor: nonNegative('smallest log-space σ of R_LRS at any I_C (dimensionless)'),
    hrsLnR0: z.number().finite().describe('ln(median R_HRS / Ω) extrapolated to V_STOP = 0 V'),
    hrsLnRSlope: z.number().finite().describe('d ln R_HRS / d|V_STOP|, per volt'),
    hrsSigma: nonNegative('cycle-to-cycle log-space σ of R_HRS (dimensionless)'),
    hrsTable: hrsTableSchema.nullable().optional().describe('optional measured log-normal HRS statistics per V_STOP'),
    d2dSigma: nonNegative('device-to-device log-space σ of the LRS and HRS medians (dimensionless)'),
    vSetMeanV: positive('mean quasi-static SET voltage, V (> 0)'),
    vSetSigmaV: nonNegative('σ of the SET voltage, V'),
    vResetMeanV: z.number().finite().negative().describe('mean quasi-static RESET voltage, V (< 0)'),
    vResetSigmaV: nonNegative('σ of the RESET voltage, V'),
    vFormingV: positive('forming voltage (first SET of a pristine cell), V'),
    rPristineOhm: positive('resistance of a pristine (unformed) cell, Ω'),
    vReadV: positive('read voltage, V'),
    readNoiseRel: z.number().finite().min(0).max(0.5).describe('relative read noise: σ of the read current / its mean (0…0.5)'),
    iComplianceMaxA: positive('largest compliance current the preset is valid for, A'),
    vMaxAbsV: positive('largest |V| the preset is valid for, V'),
    pulseWidthS: positive('programming pulse width, s')
  })
  .superRefine((p, ctx) => {
    if (p.vFormingV < p.vSetMeanV) ctx.addIssue({ code: 'custom', path: ['vFormingV'], message: 'must be ≥ vSetMeanV (forming needs more voltage than a SET)' })
    if (p.vReadV >= p.vSetMeanV) ctx.addIssue({ code: 'custom', path: ['vReadV'], message: 'must be below vSetMeanV, or reading would SET the cell' })
    if (p.vSetMeanV > p.vMaxAbsV) ctx.addIssue({ code: 'custom', path: ['vSetMeanV'], message: 'must not exceed vMaxAbsV' })
    if (-p.vResetMeanV > p.vMaxAbsV) ctx.addIssue({ code: 'custom', path: ['vResetMeanV'], message: '|vResetMeanV| must not exceed vMaxAbsV' })
  })

// Keeps the schema and the shared interface in step: a mismatch is a compile error.
type SchemaOutput = z.output<typeof devicePresetSchema>
const _schemaMatchesInterface: (p: SchemaOutput) => DevicePreset = (p) => p
const _interfaceMatchesSchema: (p: DevicePreset) => SchemaOutput = (p) => p
void _schemaMatchesInterface
void _interfaceMatchesSchema

/** Error thrown by `parseDevicePreset`: one line per issue, each naming its field path. */
export class DevicePresetError extends Error {
  constructor(readonly issues: { field: string; message: string }[]) {
    super(`invalid device preset: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`)
    this.name = 'DevicePresetError'
  }
}

/** Validate unknown input (e.g. a user's JSON) as a device preset, or throw naming every bad field. */
export function parseDevicePreset(input: unknown): DevicePreset {
  const r = devicePresetSchema.safeParse(input)
  if (r.success) return r.data
  throw new DevicePresetError(r.error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(preset)', message: i.message })))
}
