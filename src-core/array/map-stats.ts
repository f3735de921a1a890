import type { ProgramMaps } from './program-array'
import type { TargetMap } from './targets'

/** Share of programmed cells whose |G − target|/target ≤ toleranceRel (NaN cells are not counted). */
export function yieldAt(errorRel: Float64Array, toleranceRel: number): number {
  let n = 0
  let ok = 0
  for (let k = 0; k < errorRel.length; k++) {
    const e = errorRel[k]
    if (Number.isNaN(e)) continue
    n++
    if (Math.abs(e) <= toleranceRel) ok++
  }
  return n === 0 ? NaN : ok / n
}

/** Yield against tolerance: the share of cells within each tolerance (the user reads it as a curve). */
export function yieldCurve(errorRel: Float64Array, tolerancesRel: readonly number[]): { toleranceRel: number; yield: number }[] {
  const abs = Float64Array.from(
    errorRel.filter((e) => !Number.isNaN(e)),
    Math.abs
  ).sort()
  return tolerancesRel.map((t) => {
    let lo = 0
    let hi = abs.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (abs[mid] <= t) lo = mid + 1
      else hi = mid
    }
    return { toleranceRel: t, yield: abs.length === 0 ? NaN : lo / abs.length }
  })
}

export interface LevelHistogram {
  levelS: number
  cells: number
  /** Bin edges, S (log-spaced, shared by every level), bins + 1 values. */
  edgesS: number[]
  counts: number[]
  /** Median and log-space σ of the level's final conductances. */
  medianS: number
  sigmaLn: number
}

/**
 * Conductance histogram per target level, on log-spaced bins spanning every finite positive value
 * of gS (shared edges, so the levels can be overlaid).
 */
export function levelHistograms(gS: Float64Array, target: TargetMap, bins = 60): LevelHistogram[] {
  let lo = Infinity
  let hi = -Infinity
  for (let k = 0; k < gS.length; k++) {
    const g = gS[k]
    if (g > 0 && Number.isFinite(g)) {
      if (g < lo) lo = g
      if (g > hi) hi = g
    }
  }
  if (!(hi > lo)) {
    lo = (Number.isFinite(lo) ? lo : 1e-6) / 2
    hi = lo * 4
  }
  const a = Math.log(lo)
  const w = (Math.log(hi) - a) / bins
  const edgesS = Array.from({ length: bins + 1 }, (_, j) => Math.exp(a + j * w))
  return Array.from(target.levelsS, (levelS, j) => {
    const counts = new Array<number>(bins).fill(0)
    const lns: number[] = []
    for (let k = 0; k < gS.length; k++) {
      const g = gS[k]
      if (target.level[k] !== j || !(g > 0) || !Number.isFinite(g)) continue
      const ln = Math.log(g)
      lns.push(ln)
      counts[Math.min(bins - 1, Math.max(0, Math.floor((ln - a) / w)))]++
    }
    lns.sort((x, y) => x - y)
    const mean = lns.reduce((s, x) => s + x, 0) / (lns.length || 1)
    const sigmaLn = lns.length > 1 ? Math.sqrt(lns.reduce((s, x) => s + (x - mean) * (x - mean), 0) / (lns.length - 1)) : 0
    const medianS = lns.length === 0 ? NaN : Math.exp(lns.length % 2 ? lns[lns.length >> 1] : (lns[lns.length / 2 - 1] + lns[lns.length / 2]) / 2)
    return { levelS, cells: lns.length, edgesS, counts, medianS, sigmaLn }
  })
}

export interface ProgramSummary {
  cells: number
  converged: number
  failed: number
  /** Share of cells that met their verify criterion (window, or side of the binary threshold). */
  yield: number
  /** Share of cells whose final error is within toleranceRel of the target. */
  yieldAtTolerance: number
  meanPulses: number
  maxPulses: number
  /** Mean |error| of the converged cells (relative). */
  meanAbsErrorRel: number
}

export function summarizeMaps(maps: ProgramMaps, toleranceRel: number): ProgramSummary {
  let converged = 0
  let failed = 0
  let pulses = 0
  let maxPulses = 0
  let absErr = 0
  let done = 0
  for (let k = 0; k < maps.pulses.length; k++) {
    if (Number.isNaN(maps.errorRel[k])) continue
    done++
    pulses += maps.pulses[k]
    if (maps.pulses[k] > maxPulses) maxPulses = maps.pulses[k]
    if (maps.failed[k]) failed++
    else {
      converged++
      absErr += Math.abs(maps.errorRel[k])
    }
  }
  return {
    cells: done,
    converged,
    failed,
    yield: done ? converged / done : NaN,
    yieldAtTolerance: yieldAt(maps.errorRel, toleranceRel),
    meanPulses: done ? pulses / done : NaN,
    maxPulses,
    meanAbsErrorRel: converged ? absErr / converged : NaN
  }
}
