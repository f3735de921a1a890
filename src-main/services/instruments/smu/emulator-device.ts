import { hrsSigmaAt } from '../../../../src-core/device/model'
import type { DeviceModel } from '../../../../src-core/device/types'
import type { RandomStream } from '../../../../src-core/random'

/**
 * One formed RRAM cell on the end of an SMU's leads, stepped one source level at a time (what a
 * list sweep does), with the same laws as the core's quasi-static sweep (src-core/device/iv-sweep.ts):
 * - a positive level at or above the drawn V_set SETs an HRS cell to a fresh LRS draw at the
 *   compliance in force (drawSetConductanceS: R_LRS law vs I_C);
 * - a negative level at or below the drawn V_reset starts the RESET; from there the conductance
 *   follows the HRS law of the deepest level reached (median·exp(σ·z) with one z per RESET), so the
 *   HRS a cycle ends in is the one its V_STOP gives (R_HRS law vs V_STOP);
 * - each current carries the preset's relative read noise; |I| ≥ the limit is clamped and flagged
 *   (the SMU's compliance).
 * V_set ~ N(vSetMeanV, vSetSigmaV), V_reset ~ N(vResetMeanV, vResetSigmaV) (the preset's, fitted
 * to Bianchi 2023 data). Starts formed, in the HRS of a RESET to −1.6 V (our default).
 */
export class EmulatedCell {
  gS: number
  private lrs = false
  private vSetV: number
  private vResetV: number
  private resetZ: number | null = null

  constructor(
    private readonly model: DeviceModel,
    private readonly rng: RandomStream
  ) {
    this.gS = model.drawResetConductanceS(-1.6, rng)
    this.vSetV = this.drawVSet()
    this.vResetV = this.drawVReset()
  }

  /** Apply vV with current limit iLimitA: the measured current and whether it was limited. */
  apply(vV: number, iLimitA: number): { iA: number; limited: boolean } {
    const p = this.model.preset
    if (vV > 0 && !this.lrs && vV >= this.vSetV) {
      this.gS = this.model.drawSetConductanceS(iLimitA, this.rng)
      this.lrs = true
      this.resetZ = null
      this.vResetV = this.drawVReset()
    } else if (vV < 0 && this.lrs && vV <= this.vResetV) {
      this.resetZ = this.rng.normal()
      this.lrs = false
      this.vSetV = this.drawVSet()
    }
    if (vV < 0 && this.resetZ !== null) {
      const g = this.model.medianHrsConductanceS(vV) * Math.exp(-hrsSigmaAt(p, vV) * this.resetZ)
      if (g < this.gS) this.gS = g
    }
    let iA = vV * this.gS * (1 + p.readNoiseRel * this.rng.normal())
    const limited = Math.abs(iA) >= iLimitA
    if (limited) iA = Math.sign(vV || 1) * iLimitA
    return { iA, limited }
  }

  private drawVSet(): number {
    const p = this.model.preset
    return Math.max(0.05, p.vSetMeanV + p.vSetSigmaV * this.rng.normal())
  }

  private drawVReset(): number {
    const p = this.model.preset
    return Math.min(-0.05, p.vResetMeanV + p.vResetSigmaV * this.rng.normal())
  }
}
