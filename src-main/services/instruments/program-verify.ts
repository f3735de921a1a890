import type { ProgramVerifyPulse, ProgramVerifyRequest, ProgramVerifyResult } from './types'

/** The cell operations a program-and-verify loop needs, bound to one cell. */
export interface VerifyTarget {
  /** A verify read: the cell's conductance (S) from one noisy read. */
  readGS(): number
  set(iComplianceA: number): void
  reset(vStopV: number): void
}

/**
 * Incremental program-and-verify (our default algorithm, the usual ISPP scheme for RRAM):
 * read; below the window → SET at a compliance that rises by iComplianceStepA each consecutive
 * SET (capped at iComplianceMaxA); above it → RESET at a stop voltage that deepens by vStopStepV
 * each consecutive RESET (capped at vStopMinV). Changing direction restarts the other ladder.
 * Stops inside the window (converged) or after maxPulses pulses.
 * Firmware runs this same loop on the board; the simulator and the emulator both call this function.
 */
export function runProgramVerify(req: ProgramVerifyRequest, cell: VerifyTarget): ProgramVerifyResult {
  const lowGS = req.targetGS * (1 - req.toleranceRel)
  const highGS = req.targetGS * (1 + req.toleranceRel)
  let g = cell.readGS()
  const gInitialS = g
  let iComplianceA = req.iComplianceStartA
  let vStopV = req.vStopStartV
  const pulses: ProgramVerifyPulse[] = []
  while (!(g >= lowGS && g <= highGS) && pulses.length < req.maxPulses) {
    if (g < lowGS) {
      cell.set(iComplianceA)
      g = cell.readGS()
      pulses.push({ kind: 'set', level: iComplianceA, gS: g })
      iComplianceA = Math.min(req.iComplianceMaxA, iComplianceA + req.iComplianceStepA)
      vStopV = req.vStopStartV
    } else {
      cell.reset(vStopV)
      g = cell.readGS()
      pulses.push({ kind: 'reset', level: vStopV, gS: g })
      vStopV = Math.max(req.vStopMinV, vStopV - req.vStopStepV)
      iComplianceA = req.iComplianceStartA
    }
  }
  return { row: req.row, col: req.col, converged: g >= lowGS && g <= highGS, gInitialS, gFinalS: g, pulses }
}
