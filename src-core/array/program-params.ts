import type { DevicePreset } from '../device/types'

/**
 * binary: one SET at a fixed I_C or one RESET at a fixed V_STOP, repeated until the verify read is
 * on the right side of the threshold between the two levels.
 * gate-ramp: multilevel program-and-verify stepping the compliance current I_C (the gate voltage)
 * up on consecutive SETs and V_STOP deeper on consecutive RESETs.
 * voltage-ramp: multilevel program-and-verify stepping the SET voltage up (at the I_C whose median
 * LRS is the target) on consecutive SETs and V_STOP deeper on consecutive RESETs.
 */
export type ProgramAlgorithm = 'binary' | 'gate-ramp' | 'voltage-ramp'

export interface ProgramParams {
  algorithm: ProgramAlgorithm
  /** Relative tolerance of the verify window around the target (0.1 = ±10 %). Multilevel only. */
  toleranceRel: number
  /** Pulse budget per cell (SET + RESET + FORM); a cell still outside the window is failed. */
  maxPulses: number
  vReadV: number
  /** Duration of one verify read, seconds. */
  readSeconds: number
  pulseWidthS: number
  /** Apply one FORM pulse to every cell before programming (a fresh, pristine die). */
  formFirst: boolean
  vFormV: number
  iFormComplianceA: number
  /** SET voltage of binary and gate-ramp SETs; the first SET voltage of the voltage ramp. */
  vSetV: number
  vSetStepV: number
  vSetMaxV: number
  /** Compliance of binary SETs; the first step of the gate ramp. */
  iComplianceA: number
  iComplianceStepA: number
  iComplianceMaxA: number
  /** Stop voltage of binary RESETs; the first step of the RESET ladder (negative volts). */
  vStopV: number
  vStopStepV: number
  /** The deepest stop voltage the RESET ladder reaches (negative volts). */
  vStopMinV: number
}

/** Defaults for a preset: every number is "our default" unless a comment cites Bianchi 2023. */
export function defaultProgramParams(preset: DevicePreset, algorithm: ProgramAlgorithm = 'gate-ramp'): ProgramParams {
  return {
    algorithm,
    // our default: ±10 % verify window, 20-pulse budget.
    toleranceRel: 0.1,
    maxPulses: 20,
    vReadV: preset.vReadV,
    // our default: a verify read lasts 1 µs.
    readSeconds: 1e-6,
    pulseWidthS: preset.pulseWidthS,
    formFirst: false,
    vFormV: preset.vFormingV,
    // our default: forming at 100 µA, inside the measured 50–170 µA range (Bianchi 2023 data).
    iFormComplianceA: 100e-6,
    // our default: 1.5 V SETs, well above the 0.8–1.2 V SET voltages (Bianchi 2023 text); ramp 0.8 → 2.0 V by 0.05 V.
    vSetV: algorithm === 'voltage-ramp' ? 0.8 : 1.5,
    vSetStepV: 0.05,
    vSetMaxV: 2.0,
    // Bianchi 2023 data: I_C from 50 µA; the gate ramp climbs by 10 µA to the preset's limit.
    iComplianceA: algorithm === 'binary' ? 100e-6 : 50e-6,
    iComplianceStepA: 10e-6,
    iComplianceMaxA: preset.iComplianceMaxA,
    // Bianchi 2023 data: V_STOP from −1.0 V (binary −1.4 V) deepening by 0.05 V to −1.6 V.
    vStopV: algorithm === 'binary' ? -1.4 : -1.0,
    vStopStepV: 0.05,
    vStopMinV: -1.6
  }
}

/** Checks parameters before a job starts; the message names the field and its unit. */
export function checkProgramParams(p: ProgramParams): void {
  const bad = (field: keyof ProgramParams, why: string) => {
    throw new RangeError(`${field}: ${why}`)
  }
  if (!(p.toleranceRel > 0 && p.toleranceRel < 1)) bad('toleranceRel', `must be between 0 and 1 (relative), got ${p.toleranceRel}`)
  if (!Number.isInteger(p.maxPulses) || p.maxPulses < 1 || p.maxPulses > 10_000) bad('maxPulses', `must be an integer 1…10000, got ${p.maxPulses}`)
  if (!(p.vReadV > 0)) bad('vReadV', `must be > 0 V, got ${p.vReadV}`)
  if (!(p.readSeconds > 0)) bad('readSeconds', `must be > 0 s, got ${p.readSeconds}`)
  if (!(p.pulseWidthS > 0)) bad('pulseWidthS', `must be > 0 s, got ${p.pulseWidthS}`)
  if (!(p.vSetV > 0)) bad('vSetV', `must be > 0 V, got ${p.vSetV}`)
  if (!(p.vSetStepV >= 0)) bad('vSetStepV', `must be ≥ 0 V, got ${p.vSetStepV}`)
  if (!(p.vSetMaxV >= p.vSetV)) bad('vSetMaxV', `must be ≥ vSetV (${p.vSetV} V), got ${p.vSetMaxV}`)
  if (!(p.iComplianceA > 0)) bad('iComplianceA', `must be > 0 A, got ${p.iComplianceA}`)
  if (!(p.iComplianceStepA >= 0)) bad('iComplianceStepA', `must be ≥ 0 A, got ${p.iComplianceStepA}`)
  if (!(p.iComplianceMaxA >= p.iComplianceA)) bad('iComplianceMaxA', `must be ≥ iComplianceA (${p.iComplianceA} A), got ${p.iComplianceMaxA}`)
  if (!(p.vStopV < 0)) bad('vStopV', `must be < 0 V, got ${p.vStopV}`)
  if (!(p.vStopStepV >= 0)) bad('vStopStepV', `must be ≥ 0 V, got ${p.vStopStepV}`)
  if (!(p.vStopMinV <= p.vStopV)) bad('vStopMinV', `must be ≤ vStopV (${p.vStopV} V), got ${p.vStopMinV}`)
  if (p.formFirst && !(p.vFormV > 0 && p.iFormComplianceA > 0)) bad('vFormV', 'forming needs vFormV > 0 V and iFormComplianceA > 0 A')
}
