import type { RandomStream } from '../random'
import type { DeviceModel, DevicePreset } from './types'

/** 1 µA, the current unit of the LRS power law (lrsA is in ohms at I_C = 1 µA). */
const MICROAMP = 1e-6

/**
 * The SiOx 1T1R compact model (see docs/device-model.md for every equation and its source).
 *
 * - SET with compliance I_C: R_LRS = lrsA·(I_C/1 µA)^−lrsB · d2d · exp(σ_LRS(I_C)·z),
 *   σ_LRS(I_C) = max(lrsSigmaFloor, lrsSigmaA·(I_C/1 µA)^−lrsSigmaB)      (fit to Bianchi 2023 data)
 * - RESET to V_STOP: ln R_HRS = hrsLnR0 + hrsLnRSlope·|V_STOP| + ln d2d + σ_HRS·z, or, inside the
 *   measured |V_STOP| range of `hrsTable`, its interpolated ln-median and σ      (fit to Bianchi 2023 data)
 * - READ: I = G·V_read·(1 + readNoiseRel·z)                                    (our default noise model)
 * - Energy: SET = V_set·I_C·t_pulse, RESET = V_STOP²·G_before·t_pulse, READ = V²·G·t    (our default)
 *
 * z is a standard normal deviate from the caller's stream; d2d is the caller's per-device
 * resistance factor (see `drawD2dFactor`), 1 by default. No allocation per call.
 */
export function createDeviceModel(preset: DevicePreset): DeviceModel {
  const p = preset
  return {
    preset,
    drawSetConductanceS(iComplianceA, rng, d2dFactor = 1) {
      const r = lrsMedianOhm(p, iComplianceA) * d2dFactor * Math.exp(lrsSigmaAt(p, iComplianceA) * rng.normal())
      return 1 / r
    },
    drawResetConductanceS(vStopV, rng, d2dFactor = 1) {
      const lnR = hrsLnMedianAt(p, vStopV) + hrsSigmaAt(p, vStopV) * rng.normal()
      return 1 / (Math.exp(lnR) * d2dFactor)
    },
    readCurrentA(gS, vReadV, rng) {
      return gS * vReadV * (1 + p.readNoiseRel * rng.normal())
    },
    setEnergyJ(iComplianceA) {
      return p.vSetMeanV * iComplianceA * p.pulseWidthS
    },
    resetEnergyJ(vStopV, gBeforeS) {
      return vStopV * vStopV * gBeforeS * p.pulseWidthS
    },
    readEnergyJ(gS, vReadV, seconds) {
      return vReadV * vReadV * gS * seconds
    },
    medianLrsConductanceS(iComplianceA) {
      return 1 / lrsMedianOhm(p, iComplianceA)
    },
    medianHrsConductanceS(vStopV) {
      return Math.exp(-hrsLnMedianAt(p, vStopV))
    }
  }
}

/** A device's resistance factor exp(d2dSigma·z), drawn once per device (log-normal, median 1). */
export function drawD2dFactor(preset: DevicePreset, rng: RandomStream): number {
  return preset.d2dSigma === 0 ? 1 : Math.exp(preset.d2dSigma * rng.normal())
}

/** Median R_LRS (Ω) after a SET at I_C: the power law a·(I_C/1 µA)^−b. */
export function lrsMedianOhm(preset: DevicePreset, iComplianceA: number): number {
  if (!(iComplianceA > 0)) throw new RangeError(`iComplianceA must be > 0 A, got ${iComplianceA}`)
  return preset.lrsA * Math.pow(iComplianceA / MICROAMP, -preset.lrsB)
}

/** Log-space σ of R_LRS at a compliance current (the spread law of the preset). */
export function lrsSigmaAt(preset: DevicePreset, iComplianceA: number): number {
  return Math.max(preset.lrsSigmaFloor, preset.lrsSigmaA * Math.pow(iComplianceA / MICROAMP, -preset.lrsSigmaB))
}

// Index k of the table segment [k, k+1] that holds |V_STOP|, or −1 outside the table (use the law).
function tableSegment(absV: number, vStopV: readonly number[]): number {
  const n = vStopV.length
  if (n < 2 || absV < -vStopV[0] || absV > -vStopV[n - 1]) return -1
  let k = 0
  while (k < n - 2 && absV > -vStopV[k + 1]) k++
  return k
}

/** ln(median R_HRS / Ω) after a RESET to vStopV (< 0): table inside its range, the law elsewhere. */
export function hrsLnMedianAt(preset: DevicePreset, vStopV: number): number {
  if (!(vStopV < 0)) throw new RangeError(`vStopV must be < 0 V (a RESET is a negative sweep), got ${vStopV}`)
  const a = -vStopV
  const t = preset.hrsTable
  const k = t ? tableSegment(a, t.vStopV) : -1
  if (!t || k < 0) return preset.hrsLnR0 + preset.hrsLnRSlope * a
  const f = (a + t.vStopV[k]) / (t.vStopV[k] - t.vStopV[k + 1])
  return t.lnRMedian[k] + f * (t.lnRMedian[k + 1] - t.lnRMedian[k])
}

/** Cycle-to-cycle log-space σ of R_HRS after a RESET to vStopV. */
export function hrsSigmaAt(preset: DevicePreset, vStopV: number): number {
  const a = -vStopV
  const t = preset.hrsTable
  const k = t ? tableSegment(a, t.vStopV) : -1
  if (!t || k < 0) return preset.hrsSigma
  const f = (a + t.vStopV[k]) / (t.vStopV[k] - t.vStopV[k + 1])
  return t.lnRSigma[k] + f * (t.lnRSigma[k + 1] - t.lnRSigma[k])
}

/** Mean (not median) R_LRS (Ω) of a device population at I_C: median·exp((σ² + σ_d2d²)/2). */
export function lrsMeanOhm(preset: DevicePreset, iComplianceA: number): number {
  const s = lrsSigmaAt(preset, iComplianceA)
  return lrsMedianOhm(preset, iComplianceA) * Math.exp((s * s + preset.d2dSigma * preset.d2dSigma) / 2)
}

/** Mean R_HRS (Ω) of a device population after a RESET to vStopV. */
export function hrsMeanOhm(preset: DevicePreset, vStopV: number): number {
  const s = hrsSigmaAt(preset, vStopV)
  return Math.exp(hrsLnMedianAt(preset, vStopV) + (s * s + preset.d2dSigma * preset.d2dSigma) / 2)
}
