import type { RandomStream } from '../random'
import type { DeviceModel } from './types'

/** Branch labels of a quasi-static double sweep, in sweep order. */
export const BRANCH_SET_UP = 0
export const BRANCH_SET_DOWN = 1
export const BRANCH_RESET_DOWN = 2
export const BRANCH_RESET_UP = 3
export const BRANCH_NAMES = ['set-up', 'set-down', 'reset-down', 'reset-up'] as const
export type BranchName = (typeof BRANCH_NAMES)[number]

/** One quasi-static I–V measurement recipe: 0 → +vMaxV → 0 → vStopV → 0, repeated `cycles` times. */
export interface SweepSpec {
  /** Most positive voltage of the SET half, V (> 0). Bianchi 2023: +2.5 V. */
  vMaxV: number
  /** Most negative voltage of the RESET half (V_STOP), V (< 0). Bianchi 2023: −1.0 … −1.6 V. */
  vStopV: number
  /** Voltage step, V (> 0); each half is divided into equal steps no larger than this. */
  stepV: number
  /** Compliance current of the SET half, A. */
  iComplianceA: number
  cycles: number
}

export interface SweepOptions {
  /** Relative σ of the current measurement at each point (default: the preset's readNoiseRel). */
  currentNoiseRel?: number
  /** Device-to-device resistance factor of the swept cell (default 1). */
  d2dFactor?: number
  /** R_HRS the cell holds before the first cycle, Ω (default: a RESET draw at vStopV). */
  initialHrsOhm?: number
}

/** A simulated sweep as flat typed arrays (one entry per point), plus the per-cycle values drawn. */
export interface SweepTrace {
  v: Float64Array
  i: Float64Array
  /** 1 where the current was clamped at the compliance I_C, else 0. */
  compliance: Uint8Array
  /** BRANCH_* label of each point. */
  branch: Uint8Array
  /** Cycle index (0-based) of each point. */
  cycle: Uint32Array
  pointsPerCycle: number
  cycles: number
  iComplianceA: number
  /** What the simulator drew for each cycle (the ground truth extraction should recover). */
  truth: { vSetV: Float64Array; vResetV: Float64Array; rLrsOhm: Float64Array; rHrsOhm: Float64Array }
}

function checkSpec(s: SweepSpec): void {
  const bad = (field: string, why: string, value: number) => new RangeError(`sweep ${field} ${why}, got ${value}`)
  if (!(s.vMaxV > 0 && Number.isFinite(s.vMaxV))) throw bad('vMaxV', 'must be a positive voltage (V)', s.vMaxV)
  if (!(s.vStopV < 0 && Number.isFinite(s.vStopV))) throw bad('vStopV', 'must be a negative voltage (V)', s.vStopV)
  if (!(s.stepV > 0)) throw bad('stepV', 'must be > 0 V', s.stepV)
  if (!(s.iComplianceA > 0)) throw bad('iComplianceA', 'must be > 0 A', s.iComplianceA)
  if (!(Number.isInteger(s.cycles) && s.cycles >= 1)) throw bad('cycles', 'must be a positive integer', s.cycles)
  if (Math.round(s.vMaxV / s.stepV) > 1e6 || Math.round(-s.vStopV / s.stepV) > 1e6) throw bad('stepV', 'gives more than 10^6 points per half sweep', s.stepV)
}

/** Number of points per cycle of a spec (2·nPos + 1 + 2·nNeg). */
export function sweepPointsPerCycle(spec: Pick<SweepSpec, 'vMaxV' | 'vStopV' | 'stepV'>): number {
  const nPos = Math.max(1, Math.ceil(spec.vMaxV / spec.stepV - 1e-9))
  const nNeg = Math.max(1, Math.ceil(-spec.vStopV / spec.stepV - 1e-9))
  return 2 * nPos + 1 + 2 * nNeg
}

/**
 * Simulate a quasi-static I–V double sweep of one 1T1R cell (shape: science README §1).
 * - set-up: the cell conducts ohmically at its previous HRS; at the drawn V_set it SETs to a fresh
 *   LRS draw; the current is clamped at I_C by the select transistor (flagged).
 * - set-down: LRS, clamped while V/R_LRS ≥ I_C.
 * - reset-down: LRS until the drawn V_reset, where the current peaks; beyond, ln G falls linearly in
 *   V to the fresh HRS draw at V_STOP, so the current collapses (our default transition shape).
 * - reset-up: HRS back to 0 V; it is the HRS the next cycle starts from.
 * V_set ~ N(vSetMeanV, vSetSigmaV) and V_reset ~ N(vResetMeanV, vResetSigmaV), clipped into the
 * sweep so every cycle switches. Every current carries relative noise (currentNoiseRel).
 */
export function simulateSweep(model: DeviceModel, spec: SweepSpec, rng: RandomStream, options: SweepOptions = {}): SweepTrace {
  checkSpec(spec)
  const p = model.preset
  const noise = options.currentNoiseRel ?? p.readNoiseRel
  const d2d = options.d2dFactor ?? 1
  const nPos = Math.max(1, Math.ceil(spec.vMaxV / spec.stepV - 1e-9))
  const nNeg = Math.max(1, Math.ceil(-spec.vStopV / spec.stepV - 1e-9))
  const dPos = spec.vMaxV / nPos
  const dNeg = -spec.vStopV / nNeg
  const perCycle = 2 * nPos + 1 + 2 * nNeg
  const n = perCycle * spec.cycles
  const v = new Float64Array(n)
  const i = new Float64Array(n)
  const compliance = new Uint8Array(n)
  const branch = new Uint8Array(n)
  const cycle = new Uint32Array(n)
  const truth = {
    vSetV: new Float64Array(spec.cycles),
    vResetV: new Float64Array(spec.cycles),
    rLrsOhm: new Float64Array(spec.cycles),
    rHrsOhm: new Float64Array(spec.cycles)
  }
  const iC = spec.iComplianceA
  let gHrs = options.initialHrsOhm !== undefined ? 1 / options.initialHrsOhm : model.drawResetConductanceS(spec.vStopV, rng, d2d)
  let k = 0

  // Positive half: ohmic in the cell's state, clamped by the transistor at I_C.
  const positivePoint = (vk: number, g: number, label: number, c: number): void => {
    let ik = vk * g * (1 + noise * rng.normal())
    let clamped = 0
    if (ik >= iC) {
      ik = iC
      clamped = 1
    }
    v[k] = vk
    i[k] = ik
    compliance[k] = clamped
    branch[k] = label
    cycle[k] = c
    k++
  }
  const negativePoint = (vk: number, g: number, label: number, c: number): void => {
    v[k] = vk
    i[k] = vk * g * (1 + noise * rng.normal())
    branch[k] = label
    cycle[k] = c
    k++
  }

  for (let c = 0; c < spec.cycles; c++) {
    // Draw order is part of reproducibility: V_set, V_reset, LRS, HRS, then the points.
    const vSet = Math.min(spec.vMaxV, Math.max(dPos, p.vSetMeanV + p.vSetSigmaV * rng.normal()))
    const vReset = Math.max(spec.vStopV, Math.min(-dNeg, p.vResetMeanV + p.vResetSigmaV * rng.normal()))
    const gLrs = model.drawSetConductanceS(iC, rng, d2d)
    const gNewHrs = model.drawResetConductanceS(spec.vStopV, rng, d2d)
    truth.vSetV[c] = vSet
    truth.vResetV[c] = vReset
    truth.rLrsOhm[c] = 1 / gLrs
    truth.rHrsOhm[c] = 1 / gNewHrs

    let set = false
    for (let s = 0; s <= nPos; s++) {
      const vk = s * dPos
      if (!set && vk >= vSet - 1e-12) set = true
      positivePoint(vk, set ? gLrs : gHrs, BRANCH_SET_UP, c)
    }
    for (let s = nPos - 1; s >= 0; s--) positivePoint(s * dPos, gLrs, BRANCH_SET_DOWN, c)

    const lnGL = Math.log(gLrs)
    const lnGH = Math.log(gNewHrs)
    const span = vReset - spec.vStopV
    for (let s = 1; s <= nNeg; s++) {
      const vk = -s * dNeg
      let g = gLrs
      if (vk < vReset - 1e-12) g = span > 1e-12 ? Math.exp(lnGL + ((lnGH - lnGL) * (vReset - vk)) / span) : gNewHrs
      negativePoint(vk, s === nNeg ? gNewHrs : g, BRANCH_RESET_DOWN, c)
    }
    for (let s = nNeg - 1; s >= 0; s--) negativePoint(-s * dNeg, gNewHrs, BRANCH_RESET_UP, c)
    gHrs = gNewHrs
  }
  return { v, i, compliance, branch, cycle, pointsPerCycle: perCycle, cycles: spec.cycles, iComplianceA: iC, truth }
}
