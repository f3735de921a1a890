import { InstrumentError } from './errors'
import type { BlockRegion, CellAddress, FormRequest, InstrumentLimits, ProgramVerifyRequest, ReadRequest, ResetRequest, SetRequest, SweepWaveform } from './types'

/**
 * Relative slack of the |V| and compliance maxima: limits fitted from data (the default preset's
 * 170 µA is stored as 1.6999…e-4 A) must admit their own nominal value (our default, 1e-9).
 */
export const LIMIT_TOLERANCE_REL = 1e-9

/** Largest number of pulses one program-and-verify may use (its trace must fit one frame). */
export const PROGRAM_VERIFY_MAX_PULSES = 200

/** The stricter of two sets of limits: the smaller maxima, the larger minimum pulse width. */
export function stricterLimits(a: InstrumentLimits, b: InstrumentLimits): InstrumentLimits {
  return {
    vMaxAbsV: Math.min(a.vMaxAbsV, b.vMaxAbsV),
    iComplianceMaxA: Math.min(a.iComplianceMaxA, b.iComplianceMaxA),
    pulseWidthMinS: Math.max(a.pulseWidthMinS, b.pulseWidthMinS),
    pulseWidthMaxS: Math.min(a.pulseWidthMaxS, b.pulseWidthMaxS)
  }
}

/** Limits from a device profile (a preset): it bounds |V| and I_C; pulse widths are left to the board. */
export function limitsFromProfile(profile: { vMaxAbsV: number; iComplianceMaxA: number }): InstrumentLimits {
  return { vMaxAbsV: profile.vMaxAbsV, iComplianceMaxA: profile.iComplianceMaxA, pulseWidthMinS: 0, pulseWidthMaxS: Infinity }
}

/**
 * Checks every request against the array geometry and the limits in force, before anything is
 * sent or simulated. Malformed numbers are BAD_REQUEST; well-formed but unsafe ones are LIMIT.
 */
export class LimitGuard {
  constructor(
    readonly limits: InstrumentLimits,
    readonly rows: number,
    readonly cols: number
  ) {}

  checkRead(req: ReadRequest): void {
    this.cell(req)
    this.readVoltage(req.vReadV)
  }

  checkBlock(region: BlockRegion, vReadV: number): void {
    for (const f of ['row', 'col', 'rows', 'cols'] as const) integer(region[f], f)
    if (region.rows < 1 || region.cols < 1) throw new InstrumentError('BAD_REQUEST', 'a block needs at least one row and one column', 'rows')
    this.cell(region)
    this.cell({ row: region.row + region.rows - 1, col: region.col + region.cols - 1 }, 'rows')
    this.readVoltage(vReadV)
  }

  checkSet(req: SetRequest): void {
    this.cell(req)
    this.positiveVoltage(req.vSetV, 'vSetV')
    this.compliance(req.iComplianceA, 'iComplianceA')
    this.pulseWidth(req.pulseWidthS)
  }

  checkForm(req: FormRequest): void {
    this.cell(req)
    this.positiveVoltage(req.vFormV, 'vFormV')
    this.compliance(req.iComplianceA, 'iComplianceA')
    this.pulseWidth(req.pulseWidthS)
  }

  checkReset(req: ResetRequest): void {
    this.cell(req)
    this.negativeVoltage(req.vStopV, 'vStopV')
    this.pulseWidth(req.pulseWidthS)
  }

  checkSweep(cell: CellAddress, w: SweepWaveform): void {
    this.cell(cell)
    this.positiveVoltage(w.vSetMaxV, 'vSetMaxV')
    this.negativeVoltage(w.vStopV, 'vStopV')
    finite(w.vStepV, 'vStepV')
    if (!(w.vStepV > 0) || w.vStepV > Math.min(w.vSetMaxV, -w.vStopV)) {
      throw new InstrumentError('BAD_REQUEST', `vStepV must be > 0 and no larger than either sweep amplitude, got ${w.vStepV} V`, 'vStepV')
    }
    this.compliance(w.iComplianceA, 'iComplianceA')
    integer(w.cycles, 'cycles')
    if (w.cycles < 1 || w.cycles > 65535) throw new InstrumentError('BAD_REQUEST', `cycles must be 1…65535, got ${w.cycles}`, 'cycles')
  }

  checkProgramVerify(req: ProgramVerifyRequest): void {
    this.cell(req)
    finite(req.targetGS, 'targetGS')
    if (!(req.targetGS > 0)) throw new InstrumentError('BAD_REQUEST', `targetGS must be > 0, got ${req.targetGS}`, 'targetGS')
    finite(req.toleranceRel, 'toleranceRel')
    if (!(req.toleranceRel > 0 && req.toleranceRel < 1)) {
      throw new InstrumentError('BAD_REQUEST', `toleranceRel must be in (0, 1), got ${req.toleranceRel}`, 'toleranceRel')
    }
    integer(req.maxPulses, 'maxPulses')
    if (req.maxPulses < 1 || req.maxPulses > PROGRAM_VERIFY_MAX_PULSES) {
      throw new InstrumentError('BAD_REQUEST', `maxPulses must be 1…${PROGRAM_VERIFY_MAX_PULSES}, got ${req.maxPulses}`, 'maxPulses')
    }
    this.readVoltage(req.vReadV)
    this.positiveVoltage(req.vSetV, 'vSetV')
    this.compliance(req.iComplianceStartA, 'iComplianceStartA')
    this.compliance(req.iComplianceMaxA, 'iComplianceMaxA')
    if (req.iComplianceMaxA < req.iComplianceStartA) {
      throw new InstrumentError('BAD_REQUEST', 'iComplianceMaxA must not be below iComplianceStartA', 'iComplianceMaxA')
    }
    nonNegative(req.iComplianceStepA, 'iComplianceStepA')
    this.negativeVoltage(req.vStopStartV, 'vStopStartV')
    this.negativeVoltage(req.vStopMinV, 'vStopMinV')
    if (req.vStopMinV > req.vStopStartV) throw new InstrumentError('BAD_REQUEST', 'vStopMinV must not be above vStopStartV', 'vStopMinV')
    nonNegative(req.vStopStepV, 'vStopStepV')
    this.pulseWidth(req.pulseWidthS)
  }

  private cell(c: CellAddress, field?: string): void {
    integer(c.row, 'row')
    integer(c.col, 'col')
    if (c.row < 0 || c.row >= this.rows) {
      throw new InstrumentError('BAD_REQUEST', `row ${c.row} is outside the ${this.rows}-row array`, field ?? 'row')
    }
    if (c.col < 0 || c.col >= this.cols) {
      throw new InstrumentError('BAD_REQUEST', `column ${c.col} is outside the ${this.cols}-column array`, field === 'rows' ? 'cols' : 'col')
    }
  }

  private readVoltage(v: number): void {
    finite(v, 'vReadV')
    if (v === 0) throw new InstrumentError('BAD_REQUEST', 'vReadV must not be 0 V', 'vReadV')
    this.magnitude(v, 'vReadV')
  }

  private positiveVoltage(v: number, field: string): void {
    finite(v, field)
    if (!(v > 0)) throw new InstrumentError('BAD_REQUEST', `${field} must be positive, got ${v} V`, field)
    this.magnitude(v, field)
  }

  private negativeVoltage(v: number, field: string): void {
    finite(v, field)
    if (!(v < 0)) throw new InstrumentError('BAD_REQUEST', `${field} must be negative, got ${v} V`, field)
    this.magnitude(v, field)
  }

  private magnitude(v: number, field: string): void {
    if (Math.abs(v) > this.limits.vMaxAbsV * (1 + LIMIT_TOLERANCE_REL)) {
      throw new InstrumentError('LIMIT', `${field} = ${v} V exceeds the limit |V| ≤ ${this.limits.vMaxAbsV} V`, field)
    }
  }

  private compliance(i: number, field: string): void {
    finite(i, field)
    if (!(i > 0)) throw new InstrumentError('BAD_REQUEST', `${field} must be positive, got ${i} A`, field)
    if (i > this.limits.iComplianceMaxA * (1 + LIMIT_TOLERANCE_REL)) {
      throw new InstrumentError('LIMIT', `${field} = ${fmtA(i)} exceeds the compliance limit ${fmtA(this.limits.iComplianceMaxA)}`, field)
    }
  }

  private pulseWidth(t: number): void {
    finite(t, 'pulseWidthS')
    if (!(t > 0)) throw new InstrumentError('BAD_REQUEST', `pulseWidthS must be positive, got ${t} s`, 'pulseWidthS')
    if (t < this.limits.pulseWidthMinS || t > this.limits.pulseWidthMaxS) {
      throw new InstrumentError('LIMIT', `pulseWidthS = ${t} s is outside the allowed ${this.limits.pulseWidthMinS}…${this.limits.pulseWidthMaxS} s`, 'pulseWidthS')
    }
  }
}

const fmtA = (i: number) => `${(i * 1e6).toPrecision(4)} µA`

function finite(x: number, field: string): void {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new InstrumentError('BAD_REQUEST', `${field} must be a finite number, got ${String(x)}`, field)
}

function integer(x: number, field: string): void {
  if (typeof x !== 'number' || !Number.isInteger(x)) throw new InstrumentError('BAD_REQUEST', `${field} must be an integer, got ${String(x)}`, field)
}

function nonNegative(x: number, field: string): void {
  finite(x, field)
  if (x < 0) throw new InstrumentError('BAD_REQUEST', `${field} must not be negative, got ${x}`, field)
}
