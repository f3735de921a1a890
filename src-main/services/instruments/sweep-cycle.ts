import { simulateSweep, sweepPointsPerCycle } from '../../../src-core/device/iv-sweep'
import type { RandomStream } from '../../../src-core/random'
import type { RramArray } from '../../../src-core/array/array-state'
import type { SweepWaveform } from './types'

/** One simulated cycle of a DC double sweep, as the core's I–V simulator returns it. */
export interface SweepCycleTrace {
  length: number
  vV: Float64Array
  iA: Float64Array
  compliance: Uint8Array
  branch: Uint8Array
}

const spec = (w: SweepWaveform) => ({ vMaxV: w.vSetMaxV, vStopV: w.vStopV, stepV: w.vStepV, iComplianceA: w.iComplianceA, cycles: 1 })

/** Points per cycle of a waveform (the core simulator's own count). */
export function countSweepPoints(w: SweepWaveform): number {
  return sweepPointsPerCycle(spec(w))
}

/**
 * Simulate one cycle on cell k with the core's `simulateSweep`, starting from the cell's present
 * conductance and leaving it in the HRS the cycle ended in. The core's sweep model always switches
 * (it is the quasi-static characterization of a formed cell), so the cell counts as formed after it
 * and gains one SET and one RESET on its pulse counter.
 */
export function simulateSweepCycle(array: RramArray, k: number, w: SweepWaveform, rng: RandomStream): SweepCycleTrace {
  const trace = simulateSweep(array.model, spec(w), rng, { d2dFactor: array.d2dFactor[k], initialHrsOhm: 1 / array.gS[k] })
  array.gS[k] = 1 / trace.truth.rHrsOhm[0]
  array.formed[k] = 1
  array.pulseCount[k] += 2
  return { length: trace.v.length, vV: trace.v, iA: trace.i, compliance: trace.compliance, branch: trace.branch }
}
