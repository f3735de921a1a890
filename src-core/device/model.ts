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
  // The laws are memoized per I_C and per V_STOP (a program-and-verify ladder or the network repeats a
  // handful of levels millions of times); the arithmetic of a draw is unchanged, so draws are bit-identical.
  const lrs = new LevelMemo(
    (iC) => lrsMedianOhm(p, iC),
    (iC) => lrsSigmaAt(p, iC)
  )
  const hrs = new LevelMemo(
    (v) => hrsLnMedianAt(p, v),
    (v) => hrsSigmaAt(p, v)
  )
  return {
    preset,
    drawSetConductanceS(iComplianceA, rng, d2dFactor = 1) {
      const k = lrs.slot(iComplianceA)
      const r = lrs.a[k] * d2dFactor * Math.exp(lrs.b[k] * rng.normal())
      return 1 / r
    },
    drawResetConductanceS(vStopV, rng, d2dFactor = 1) {
      const k = hrs.slot(vStopV)
      const lnR = hrs.a[k] + hrs.b[k] * rng.normal()
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

/** Memo of two laws of one argument over the last few distinct arguments (round-robin replacement). */
class LevelMemo {
  private readonly keys = new Float64Array(8).fill(NaN)
  readonly a = new Float64Array(8)
  readonly b = new Float64Array(8)
  private next = 0

  constructor(
    private readonly lawA: (x: number) => number,
    private readonly lawB: (x: number) => number
  ) {}

  /** The slot holding both laws at x, computing them on a miss (a law's RangeError passes through). */
  slot(x: number): number {
    const keys = this.keys
    for (let k = 0; k < 8; k++) if (keys[k] === x) return k
    const a = this.lawA(x)
    const b = this.lawB(x)
    const k = this.next
    this.next = (k + 1) & 7
    keys[k] = x
    this.a[k] = a
    this.b[k] = b
    return k
  }
}

/**
 * A programming level repeated by a hot loop (a SET at one I_C, a RESET to one V_STOP): its median
 * conductance and log-space σ, from the same laws as `createDeviceModel`.
 */
export interface ConductanceLevel {
  /** Median conductance, S. */
  readonly medianG: number
  /** Cycle-to-cycle log-space σ. */
  readonly sigma: number
}

/** The level of a SET at iComplianceA (fit to Bianchi 2023 data: LRS power law and its spread law). */
export function setLevel(preset: DevicePreset, iComplianceA: number): ConductanceLevel {
  return { medianG: 1 / lrsMedianOhm(preset, iComplianceA), sigma: lrsSigmaAt(preset, iComplianceA) }
}

/** The level of a RESET to vStopV < 0 (fit to Bianchi 2023 data: HRS table or law). */
export function resetLevel(preset: DevicePreset, vStopV: number): ConductanceLevel {
  return { medianG: Math.exp(-hrsLnMedianAt(preset, vStopV)), sigma: hrsSigmaAt(preset, vStopV) }
}

/**
 * A conductance draw (S) at a level: G = median·exp(−σ·z), the model's log-normal law
 * (R = median·exp(σ·z)) without a device-to-device factor, with z from the ziggurat
 * (`RandomStream.fastNormal`) and exp from `expNear0`. The same law as `drawSetConductanceS` /
 * `drawResetConductanceS`, not the same sequence: those keep the polar normal so that arrays and
 * instruments stay bit-identical.
 */
export function drawLevelConductanceS(medianG: number, sigma: number, rng: RandomStream): number {
  return medianG * expNear0(-sigma * rng.fastNormal())
}

/**
 * out[i] = scale·G for a level draw G (the same value as `scale * drawLevelConductanceS(…)`), written
 * in place: a hot loop whose callee is not inlined then boxes no number.
 */
export function drawLevelInto(out: Float64Array, i: number, scale: number, medianG: number, sigma: number, rng: RandomStream): void {
  out[i] = scale * (medianG * expNear0(-sigma * rng.fastNormal()))
}

// exp(k/64) for k = −1024…1024: the table of `expNear0`.
const EXP_STEP = 64
const EXP_TABLE = Float64Array.from({ length: 2 * 16 * EXP_STEP + 1 }, (_, k) => Math.exp((k - 16 * EXP_STEP) / EXP_STEP))
/** The table of `expNear0`, exported for the C reference loop of the bio-RRAM rule (scripts/c-reference). */
export const EXP_NEAR0_TABLE: Float64Array = EXP_TABLE

/**
 * exp(y) for the small exponents of a device draw (|σ·z| of a few units), about 3× faster than
 * Math.exp: exp(k/64)·exp(r) with |r| ≤ 1/128 and a degree-4 Taylor polynomial, relative error
 * < 3e-13. Outside |y| < 16 it is Math.exp.
 */
export function expNear0(y: number): number {
  if (!(y > -16 && y < 16)) return Math.exp(y)
  // Nearest table index by truncation of a positive number (Math.round costs several times more).
  const i = (y * EXP_STEP + (16 * EXP_STEP + 0.5)) | 0
  const r = y - (i - 16 * EXP_STEP) * (1 / EXP_STEP)
  return EXP_TABLE[i] * (1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24)))))
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
