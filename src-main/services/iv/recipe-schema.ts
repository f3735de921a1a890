import { z } from 'zod'
import { LIMITS } from '../../api/limits'

/**
 * The characterization recipes a researcher can run, each fully described by one object (stored
 * with the session, so a session can be re-run from its parameters and seed). SI units in names.
 * Defaults are "our default" unless noted; the double-sweep shape is Bianchi 2023's
 * (0 → +2.5 V → 0 → V_STOP → 0, science README §1).
 */
// Limits at the door (src-main/api/limits.ts, docs/limits.md): checked before a session is stored.
const positiveVolts = (what: string) => z.number().finite().positive(`${what} must be > 0 V`).max(LIMITS.vMaxAbsV, `${what} must be ≤ ${LIMITS.vMaxAbsV} V`)
const stopVolts = (what: string) => z.number().finite().negative(`${what} must be a negative voltage (V)`).min(-LIMITS.vMaxAbsV, `${what} must be ≥ −${LIMITS.vMaxAbsV} V`)
const amperes = (what: string) =>
  z
    .number()
    .finite()
    .positive(`${what} must be > 0 A`)
    .max(LIMITS.iComplianceMaxA, `${what} must be ≤ ${LIMITS.iComplianceMaxA * 1e3} mA`)
const seconds = (what: string) => z.number().finite().positive(`${what} must be > 0 s`).max(10, `${what} must be ≤ 10 s`)
const pulseSeconds = (what: string) =>
  z
    .number()
    .finite()
    .min(LIMITS.pulseWidthMinS, `${what} must be ≥ ${LIMITS.pulseWidthMinS * 1e9} ns`)
    .max(LIMITS.pulseWidthMaxS, `${what} must be ≤ ${LIMITS.pulseWidthMaxS} s`)
const readVolts = (what: string) => z.number().finite().positive(`${what} must be > 0 V`).max(LIMITS.vReadMaxV, `${what} above ${LIMITS.vReadMaxV} V would disturb the cell`)
const count = (what: string, max: number) => z.number().int(`${what} must be a whole number`).min(1, `${what} must be ≥ 1`).max(max, `${what} must be ≤ ${max}`)

const common = {
  name: z.string().trim().min(1).max(200).optional(),
  /** Seed of the simulated die (ignored by the serial back end, stored for the record). */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(1),
  /** Device preset of the simulated die (default: the built-in SiOx preset). */
  presetName: z.string().trim().min(1).max(200).optional(),
  row: z.number().int().min(0).max(65535).default(0),
  col: z.number().int().min(0).max(65535).default(0),
  // our default (science README): read at 0.1 V.
  vReadV: readVolts('vReadV').default(0.1)
}

const sweepShape = {
  // Bianchi 2023: the SET half reaches +2.5 V.
  vSetMaxV: positiveVolts('vSetMaxV').default(2.5),
  // our default step: 10 mV (≈ 820 points per cycle at +2.5/−1.6 V).
  vStepV: z.number().finite().min(1e-4, 'vStepV must be ≥ 0.1 mV').max(1, 'vStepV must be ≤ 1 V').default(0.01),
  // our default: 1 ms per point (used for the time column; the instrument paces itself).
  dwellS: seconds('dwellS').default(1e-3)
}

export const formingRecipeSchema = z
  .object({
    recipe: z.literal('forming'),
    ...common,
    // our default: 2.0 V forming pulse (src-core UNMEASURED_DEFAULTS.vFormingV).
    vFormV: positiveVolts('vFormV').default(2.0),
    // our default: form at a low compliance (50 µA, the low end of Bianchi 2023's I_C range).
    iComplianceA: amperes('iComplianceA').default(50e-6),
    // our default: 1 µs pulses.
    pulseWidthS: pulseSeconds('pulseWidthS').default(1e-6)
  })
  .strict()

export const dcSweepRecipeSchema = z
  .object({
    recipe: z.literal('dc-sweep'),
    ...common,
    ...sweepShape,
    // Bianchi 2023: V_STOP −1.0 … −1.6 V.
    vStopV: stopVolts('vStopV').default(-1.6),
    // Bianchi 2023: I_C ≈ 150–165 µA at full gate drive.
    iComplianceA: amperes('iComplianceA').default(150e-6),
    cycles: count('cycles', 10000).default(20)
  })
  .strict()

const pulses = {
  // our default: SET pulse amplitude 1.5 V (above the mean V_set of 1.0 V).
  vSetV: positiveVolts('vSetV').default(1.5),
  iComplianceA: amperes('iComplianceA').default(150e-6),
  vStopV: stopVolts('vStopV').default(-1.6),
  pulseWidthS: pulseSeconds('pulseWidthS').default(1e-6),
  cycles: count('cycles', 100000).default(100)
}

export const cyclingRecipeSchema = z.object({ recipe: z.literal('cycling'), ...common, ...pulses }).strict()

export const pulsedRecipeSchema = z
  .object({
    recipe: z.literal('pulsed'),
    ...common,
    ...pulses,
    // our default verify windows: LRS below 20 kΩ, HRS above 50 kΩ (Bianchi 2023 LRS ≈ 6–12 kΩ).
    rLrsMaxOhm: z.number().finite().positive('rLrsMaxOhm must be > 0 Ω').default(20e3),
    rHrsMinOhm: z.number().finite().positive('rHrsMinOhm must be > 0 Ω').default(50e3),
    maxPulses: count('maxPulses', 100).default(10)
  })
  .strict()
  .refine((r) => r.rHrsMinOhm > r.rLrsMaxOhm, { path: ['rHrsMinOhm'], message: 'rHrsMinOhm must be above rLrsMaxOhm' })

export const icSweepRecipeSchema = z
  .object({
    recipe: z.literal('ic-sweep'),
    ...common,
    ...sweepShape,
    vStopV: stopVolts('vStopV').default(-1.6),
    // Bianchi 2023: compliance currents from 50 to 170 µA (our default: five of them up to 160 µA).
    iComplianceListA: z.array(amperes('iComplianceListA[]')).min(2, 'give at least 2 compliance currents').max(100).default([50e-6, 80e-6, 110e-6, 140e-6, 160e-6]),
    cyclesPerStep: count('cyclesPerStep', 1000).default(10)
  })
  .strict()

export const vStopSweepRecipeSchema = z
  .object({
    recipe: z.literal('vstop-sweep'),
    ...common,
    ...sweepShape,
    iComplianceA: amperes('iComplianceA').default(150e-6),
    // Bianchi 2023: V_STOP from −1.0 to −1.6 V.
    vStopListV: z.array(stopVolts('vStopListV[]')).min(2, 'give at least 2 stop voltages').max(100).default([-1.0, -1.2, -1.4, -1.6]),
    cyclesPerStep: count('cyclesPerStep', 1000).default(10)
  })
  .strict()

export const ivRecipeSchema = z.discriminatedUnion('recipe', [formingRecipeSchema, dcSweepRecipeSchema, cyclingRecipeSchema, pulsedRecipeSchema, icSweepRecipeSchema, vStopSweepRecipeSchema])

export type IvRecipe = z.output<typeof ivRecipeSchema>
export type IvRecipeInput = z.input<typeof ivRecipeSchema>
export type DcSweepRecipe = z.output<typeof dcSweepRecipeSchema>
