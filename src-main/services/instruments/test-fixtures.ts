import type { SweepWaveform } from './types'
import type { VerifyLadder } from './recipes'

/** Recipe settings the instrument and serial tests share. */

// Bianchi 2023 bench sweep: 0 → +2.5 V → 0 → V_STOP → 0 at full compliance; a coarse 50 mV step keeps tests quick.
export const DC_SWEEP_20_CYCLES: SweepWaveform = { vSetMaxV: 2.5, vStopV: -1.6, vStepV: 0.05, iComplianceA: 150e-6, cycles: 20 }

// our default ISPP ladder over the measured ranges of Bianchi 2023 (I_C 50…160 µA, V_STOP −1.0…−1.6 V).
export const LADDER: VerifyLadder = {
  toleranceRel: 0.1,
  maxPulses: 60,
  vReadV: 0.1,
  vSetV: 1.5,
  iComplianceStartA: 50e-6,
  iComplianceStepA: 10e-6,
  iComplianceMaxA: 160e-6,
  vStopStartV: -1.0,
  vStopStepV: 0.1,
  vStopMinV: -1.6,
  pulseWidthS: 1e-6
}

export const FORMING = { vFormV: 2.2, iComplianceA: 100e-6 }

/** 16 cells on a diagonal band with targets spread over the LRS range (about 80…160 µS). */
export const SIXTEEN_TARGETS = Array.from({ length: 16 }, (_, k) => ({ row: k % 8, col: (3 * k) % 16, targetGS: 80e-6 + 5e-6 * k }))
