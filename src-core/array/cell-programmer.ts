import type { ProgramParams } from './program-params'

/** What the driver must do next for the current cell. */
export const ACTION_READ = 0
export const ACTION_SET = 1
export const ACTION_RESET = 2
export const ACTION_FORM = 3
export const ACTION_DONE = 4
export type CellAction = 0 | 1 | 2 | 3 | 4

/**
 * The program-and-verify decision logic for one cell at a time, as a state machine without
 * allocation: the driver (the pure array loop, or the service talking to a board) performs
 * `action` with the fields `vSetV`/`iComplianceA`/`vStopV`/`vFormV`, then calls `afterPulse()` or,
 * after a read, `afterRead(gS)`. One object serves every cell (call `begin` per cell).
 *
 * Loop (our default, the usual incremental step pulse scheme for RRAM): read; inside the window →
 * done; below it → SET, above it → RESET; consecutive pulses of one kind climb that ladder (I_C or
 * V_SET up, V_STOP deeper), a change of direction restarts the other ladder; the pulse budget ends it.
 */
export class CellProgrammer {
  action: CellAction = ACTION_DONE
  vSetV = 0
  iComplianceA = 0
  vStopV = 0
  vFormV = 0
  /** Pulses applied to the current cell (FORM included). */
  pulses = 0
  converged = false
  /** The newest verify read of the current cell, S. */
  lastGS = NaN
  private lowGS = 0
  private highGS = 0
  private setStep = 0
  private resetStep = 0
  private iLevelA = 0

  constructor(private readonly p: ProgramParams) {}

  /**
   * Start a cell. Multilevel: the window is target·(1 ± toleranceRel). Binary: `high` cells must read
   * at or above `thresholdS`, the others below it (the target only enters the error map).
   */
  begin(targetS: number, high: boolean, thresholdS: number): void {
    const p = this.p
    if (p.algorithm === 'binary') {
      this.lowGS = high ? thresholdS : 0
      this.highGS = high ? Infinity : thresholdS
    } else {
      this.lowGS = targetS * (1 - p.toleranceRel)
      this.highGS = targetS * (1 + p.toleranceRel)
    }
    this.pulses = 0
    this.converged = false
    this.lastGS = NaN
    this.setStep = 0
    this.resetStep = 0
    this.iLevelA = p.iComplianceA
    if (p.formFirst) {
      this.action = ACTION_FORM
      this.vFormV = p.vFormV
      this.iComplianceA = p.iFormComplianceA
    } else this.action = ACTION_READ
  }

  /** Voltage-ramp SETs use the I_C whose median LRS is the target (clamped to the ladder's range). */
  setLevelCompliance(iComplianceA: number): void {
    this.iLevelA = Math.min(this.p.iComplianceMaxA, Math.max(this.p.iComplianceA, iComplianceA))
  }

  afterPulse(): void {
    this.pulses++
    this.action = ACTION_READ
  }

  afterRead(gS: number): void {
    const p = this.p
    this.lastGS = gS
    if (gS >= this.lowGS && gS <= this.highGS) {
      this.converged = true
      this.action = ACTION_DONE
      return
    }
    if (this.pulses >= p.maxPulses) {
      this.action = ACTION_DONE
      return
    }
    if (gS < this.lowGS) {
      this.action = ACTION_SET
      if (p.algorithm === 'binary') {
        this.vSetV = p.vSetV
        this.iComplianceA = p.iComplianceA
      } else if (p.algorithm === 'gate-ramp') {
        this.vSetV = p.vSetV
        this.iComplianceA = Math.min(p.iComplianceMaxA, p.iComplianceA + this.setStep * p.iComplianceStepA)
      } else {
        this.vSetV = Math.min(p.vSetMaxV, p.vSetV + this.setStep * p.vSetStepV)
        this.iComplianceA = this.iLevelA
      }
      this.setStep++
      this.resetStep = 0
    } else {
      this.action = ACTION_RESET
      this.vStopV = p.algorithm === 'binary' ? p.vStopV : Math.max(p.vStopMinV, p.vStopV - this.resetStep * p.vStopStepV)
      this.resetStep++
      this.setStep = 0
    }
  }
}
