import { hrsLnMedianAt, hrsSigmaAt, lrsMedianOhm, lrsSigmaAt } from '../device/model'
import type { DevicePreset } from '../device/types'

/**
 * Memoized device-model laws per programming level: a ladder reuses a handful of I_C and V_STOP
 * values millions of times, and the HRS law (table search, validation) costs more than the draw.
 * The draws use the same arithmetic as `createDeviceModel` (device/model.ts) on the same normal
 * deviate, so they are bit-identical to the model's (array-state.spec checks it).
 */
export class DrawCache {
  private readonly lrsMedian = new Map<number, number>()
  private readonly lrsSigma = new Map<number, number>()
  private readonly hrsLnMedian = new Map<number, number>()
  private readonly hrsSigma = new Map<number, number>()

  constructor(private readonly preset: DevicePreset) {}

  /** Conductance after a SET: 1 / (median·d2d·exp(σ·z)), as the model draws it. */
  setConductanceS(iComplianceA: number, d2dFactor: number, z: number): number {
    let m = this.lrsMedian.get(iComplianceA)
    let s = this.lrsSigma.get(iComplianceA)
    if (m === undefined || s === undefined) {
      m = lrsMedianOhm(this.preset, iComplianceA)
      s = lrsSigmaAt(this.preset, iComplianceA)
      this.lrsMedian.set(iComplianceA, m)
      this.lrsSigma.set(iComplianceA, s)
    }
    return 1 / (m * d2dFactor * Math.exp(s * z))
  }

  /** Conductance after a RESET: 1 / (exp(lnMedian + σ·z)·d2d), as the model draws it. */
  resetConductanceS(vStopV: number, d2dFactor: number, z: number): number {
    let m = this.hrsLnMedian.get(vStopV)
    let s = this.hrsSigma.get(vStopV)
    if (m === undefined || s === undefined) {
      m = hrsLnMedianAt(this.preset, vStopV)
      s = hrsSigmaAt(this.preset, vStopV)
      this.hrsLnMedian.set(vStopV, m)
      this.hrsSigma.set(vStopV, s)
    }
    return 1 / (Math.exp(m + s * z) * d2dFactor)
  }
}
