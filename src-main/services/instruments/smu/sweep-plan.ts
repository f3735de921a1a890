import { BRANCH_RESET_DOWN, BRANCH_RESET_UP, BRANCH_SET_DOWN, BRANCH_SET_UP } from '../../../../src-core/device/iv-sweep'
import type { SweepWaveform } from '../types'

/** One list segment of a sweep: consecutive points with one compliance, within one cycle. */
export interface SweepSegment {
  cycle: number
  voltsV: number[]
  /** Branch code of each point (index into SWEEP_BRANCHES). */
  branch: number[]
  iComplianceA: number
}

/**
 * A DC double sweep as SMU list segments. The points are the core simulator's (0 → +V_set,max → 0
 * → V_STOP → 0, each half in equal steps no larger than vStepV), so an SMU session has the same
 * columns, point count and branch labels as a simulated one. The SET half (0 → +V → 0) runs with
 * the requested compliance I_C; the RESET half with `resetComplianceA` (the limit in force): an
 * SMU limit is symmetric, and the RESET current of an LRS cell may exceed the I_C that formed it,
 * so one limit for the whole cycle would clip the RESET peak that extraction measures. Segments
 * are at most `maxPoints` long.
 */
export function planSweep(w: SweepWaveform, resetComplianceA: number, maxPoints: number): SweepSegment[] {
  const nPos = Math.max(1, Math.ceil(w.vSetMaxV / w.vStepV - 1e-9))
  const nNeg = Math.max(1, Math.ceil(-w.vStopV / w.vStepV - 1e-9))
  const dPos = w.vSetMaxV / nPos
  const dNeg = -w.vStopV / nNeg
  const setV: number[] = []
  const setB: number[] = []
  const resetV: number[] = []
  const resetB: number[] = []
  const add = (vs: number[], bs: number[], v: number, b: number) => {
    vs.push(v)
    bs.push(b)
  }
  for (let s = 0; s <= nPos; s++) add(setV, setB, s * dPos, BRANCH_SET_UP)
  for (let s = nPos - 1; s >= 0; s--) add(setV, setB, s * dPos, BRANCH_SET_DOWN)
  for (let s = 1; s <= nNeg; s++) add(resetV, resetB, -s * dNeg, BRANCH_RESET_DOWN)
  for (let s = nNeg - 1; s >= 0; s--) add(resetV, resetB, -s * dNeg, BRANCH_RESET_UP)
  const out: SweepSegment[] = []
  for (let cycle = 0; cycle < w.cycles; cycle++) {
    for (const [volts, branch, iC] of [
      [setV, setB, w.iComplianceA],
      [resetV, resetB, resetComplianceA]
    ] as const) {
      for (let from = 0; from < volts.length; from += maxPoints) {
        out.push({ cycle, voltsV: volts.slice(from, from + maxPoints), branch: branch.slice(from, from + maxPoints), iComplianceA: iC })
      }
    }
  }
  return out
}
