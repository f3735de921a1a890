import { BRANCH_RESET_DOWN, BRANCH_RESET_UP, BRANCH_SET_DOWN, BRANCH_SET_UP } from './iv-sweep'

/** Raw I–V data as an instrument gives it: voltage (V), current (A), optional cycle index. */
export interface IvData {
  v: ArrayLike<number>
  i: ArrayLike<number>
  /** Cycle index per point; when absent cycles are inferred (a cycle ends after its negative half). */
  cycle?: ArrayLike<number>
  /** Compliance flag per point when the instrument reports it; clamped points are never used for R. */
  compliance?: ArrayLike<number>
}

export interface ExtractOptions {
  /** Voltage at which R_LRS and R_HRS are read, V (the preset's vReadV, e.g. 0.1 V). */
  vReadV: number
  /** Points with |V| ≤ windowFactor·vReadV (and ≠ 0) are fitted for R (default 2). */
  windowFactor?: number
}

/** Per-cycle switching parameters, NaN where a cycle does not show the feature. */
export interface CycleExtraction {
  cycles: number
  /** First point index of each cycle (length cycles + 1, last = number of points). */
  cycleStart: Uint32Array
  vSetV: Float64Array
  vResetV: Float64Array
  iResetPeakA: Float64Array
  rLrsOhm: Float64Array
  rHrsOhm: Float64Array
  onOffRatio: Float64Array
  /** Inferred BRANCH_* label of every point. */
  branch: Uint8Array
}

/** Smallest conductance jump on the set-up branch that counts as a SET. */
const MIN_SET_JUMP = 2

/**
 * Extract V_set, V_reset, the peak RESET current, R_LRS and R_HRS (at V_read) and the on/off ratio
 * of every cycle of a double sweep. Works on measured data: no branch labels are needed. Branches
 * come from the voltage sign and from where the voltage turns (its extreme within the half):
 * set-up / set-down around the most positive point, reset-down / reset-up around the most negative.
 * - V_set: the set-up point where the conductance I/V jumps the most (at least ×2) from the point before.
 * - V_reset, I_reset,peak: the reset-down point of largest |I| (the current peaks, then collapses).
 * - R_LRS: least squares I = G·V through the origin over LRS points with 0 < |V| ≤ window
 *   (set-down, and reset-down before the peak), excluding compliance-clamped points.
 * - R_HRS: the same over the reset-up points. If no point lies in the window, the nearest one to V_read.
 */
export function extractCycles(data: IvData, options: ExtractOptions): CycleExtraction {
  const { v, i } = data
  const n = v.length
  if (i.length !== n) throw new RangeError(`I–V data: v has ${n} points, i has ${i.length}`)
  if (data.cycle && data.cycle.length !== n) throw new RangeError(`I–V data: cycle has ${data.cycle.length} entries, v has ${n}`)
  if (data.compliance && data.compliance.length !== n) throw new RangeError(`I–V data: compliance has ${data.compliance.length} entries, v has ${n}`)
  if (!(options.vReadV > 0)) throw new RangeError(`vReadV must be > 0 V, got ${options.vReadV}`)
  const window = (options.windowFactor ?? 2) * options.vReadV

  let vAbsMax = 0
  for (let k = 0; k < n; k++) {
    const a = Math.abs(v[k])
    if (!(a <= Infinity)) throw new RangeError(`I–V data: v at point ${k} is not a number`)
    if (a > vAbsMax) vAbsMax = a
  }
  const eps = 1e-3 * vAbsMax

  // Cycle boundaries: given, or each time V turns positive after a negative half.
  const starts: number[] = n > 0 ? [0] : []
  const cycleIndex = data.cycle
  if (cycleIndex) {
    for (let k = 1; k < n; k++) if (cycleIndex[k] !== cycleIndex[k - 1]) starts.push(k)
  } else {
    let seenNegative = false
    for (let k = 1; k < n; k++) {
      if (v[k - 1] < -eps) seenNegative = true
      if (seenNegative && v[k] > eps) {
        starts.push(k)
        seenNegative = false
      }
    }
  }
  const cycles = starts.length
  starts.push(n)
  const out: CycleExtraction = {
    cycles,
    cycleStart: Uint32Array.from(starts),
    vSetV: new Float64Array(cycles).fill(NaN),
    vResetV: new Float64Array(cycles).fill(NaN),
    iResetPeakA: new Float64Array(cycles).fill(NaN),
    rLrsOhm: new Float64Array(cycles).fill(NaN),
    rHrsOhm: new Float64Array(cycles).fill(NaN),
    onOffRatio: new Float64Array(cycles).fill(NaN),
    branch: new Uint8Array(n)
  }
  for (let c = 0; c < cycles; c++) extractOne(data, starts[c], starts[c + 1], c, eps, options.vReadV, window, out)
  return out
}

function extractOne(data: IvData, s: number, e: number, c: number, eps: number, vRead: number, window: number, out: CycleExtraction): void {
  const { v, i, compliance } = data
  const branch = out.branch
  // Pass 1: where the voltage turns (most positive, most negative point) and the compliance plateau.
  let kMax = -1
  let kMin = -1
  let iPosMax = -Infinity
  for (let k = s; k < e; k++) {
    const vk = v[k]
    if (vk > eps) {
      if (kMax < 0 || vk > v[kMax]) kMax = k
      if (i[k] > iPosMax) iPosMax = i[k]
    } else if (vk < -eps && (kMin < 0 || vk < v[kMin])) kMin = k
  }
  const vFloor = kMax >= 0 ? 0.05 * v[kMax] : Infinity
  const plateau = 0.99 * iPosMax

  // Pass 2: labels, the SET jump, the RESET peak and the R sums, all at once.
  let last = BRANCH_SET_UP
  let bestJump = MIN_SET_JUMP
  let prevG = NaN
  let kPeak = -1
  let svvL = 0
  let sviL = 0
  let nearL = -1
  // Reset-down LRS points count only before the peak: keep running sums, committed at each new peak.
  let runVV = 0
  let runVI = 0
  let runNear = -1
  let svvH = 0
  let sviH = 0
  let nearH = -1
  for (let k = s; k < e; k++) {
    const vk = v[k]
    const ik = i[k]
    if (vk > eps) last = k <= kMax ? BRANCH_SET_UP : BRANCH_SET_DOWN
    else if (vk < -eps) last = k <= kMin ? BRANCH_RESET_DOWN : BRANCH_RESET_UP
    branch[k] = last
    const a = vk < 0 ? -vk : vk
    if (a <= eps) continue
    const inWindow = a <= window
    if (last === BRANCH_SET_UP) {
      // V_set: largest conductance jump between consecutive set-up points above 5 % of the sweep.
      if (vk >= vFloor && ik > 0) {
        const g = ik / vk
        if (g / prevG > bestJump) {
          bestJump = g / prevG
          out.vSetV[c] = vk
        }
        prevG = g
      }
    } else if (last === BRANCH_SET_DOWN) {
      if (!(compliance && compliance[k]) && ik < plateau) {
        if (inWindow) {
          svvL += vk * vk
          sviL += vk * ik
        }
        if (nearL < 0 || Math.abs(a - vRead) < Math.abs(Math.abs(v[nearL]) - vRead)) nearL = k
      }
    } else if (last === BRANCH_RESET_DOWN) {
      if (kPeak < 0 || -ik > -i[kPeak]) {
        kPeak = k
        svvL += runVV
        sviL += runVI
        if (runNear >= 0 && (nearL < 0 || Math.abs(Math.abs(v[runNear]) - vRead) < Math.abs(Math.abs(v[nearL]) - vRead))) nearL = runNear
        runVV = 0
        runVI = 0
        runNear = -1
      }
      if (inWindow) {
        runVV += vk * vk
        runVI += vk * ik
      }
      if (runNear < 0 || Math.abs(a - vRead) < Math.abs(Math.abs(v[runNear]) - vRead)) runNear = k
    } else {
      if (inWindow) {
        svvH += vk * vk
        sviH += vk * ik
      }
      if (nearH < 0 || Math.abs(a - vRead) < Math.abs(Math.abs(v[nearH]) - vRead)) nearH = k
    }
  }
  if (kPeak >= 0 && -i[kPeak] > 0) {
    out.vResetV[c] = v[kPeak]
    out.iResetPeakA[c] = -i[kPeak]
  }
  const rL = svvL > 0 ? svvL / sviL : nearL >= 0 ? v[nearL] / i[nearL] : NaN
  const rH = svvH > 0 ? svvH / sviH : nearH >= 0 ? v[nearH] / i[nearH] : NaN
  out.rLrsOhm[c] = rL > 0 ? rL : NaN
  out.rHrsOhm[c] = rH > 0 ? rH : NaN
  out.onOffRatio[c] = out.rHrsOhm[c] / out.rLrsOhm[c]
}
