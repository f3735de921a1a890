import type { RramArray } from './array-state'
import type { TargetMap } from './targets'

export interface DriftModel {
  /**
   * Power-law conductance drift G(t) = G(t0)·(t/t0)^(−ν), t0 = 1 s after programming.
   * ν for cells at or above the binary threshold (LRS-like) and below it (HRS-like).
   * our default (not fitted: the Bianchi 2023 sources give no retention data): ν = 0.005 LRS, 0.02 HRS.
   */
  nuLrs: number
  nuHrs: number
}

export const DEFAULT_DRIFT: DriftModel = { nuLrs: 0.005, nuHrs: 0.02 }

export interface RetentionOptions {
  /** Times after programming at which the cells are read, seconds (ascending, ≥ 1 s). */
  timesS: readonly number[]
  /** null: no drift (only read noise and read counting). */
  drift: DriftModel | null
  /** Cells sampled per level (the first ones in row-major order), to keep long series cheap. */
  cellsPerLevel: number
  vReadV: number
  readSeconds: number
}

export interface RetentionSeries {
  levelS: number
  cells: number
  timesS: number[]
  meanS: number[]
  /** 10th and 90th percentile of the reads at each time, S. */
  p10S: number[]
  p90S: number[]
}

/**
 * Repeated reads over time per target level: each sampled cell is read once at each time (noisy
 * reads at vReadV, counted), its conductance drifting by the drift model. The array's programmed
 * state is not changed (the series is a what-if from the programmed state). Read disturb is not
 * modelled beyond counting reads and their energy.
 */
export function retentionSeries(array: RramArray, target: TargetMap, threshold: number, o: RetentionOptions): RetentionSeries[] {
  if (o.timesS.length === 0 || o.timesS.length > 200) throw new RangeError(`timesS: give 1…200 times, got ${o.timesS.length}`)
  o.timesS.forEach((t, j) => {
    if (!(t >= 1) || (j > 0 && !(t > o.timesS[j - 1]))) throw new RangeError(`timesS[${j}]: times must be ≥ 1 s and rising, got ${t}`)
  })
  if (!Number.isInteger(o.cellsPerLevel) || o.cellsPerLevel < 1 || o.cellsPerLevel > 65536) throw new RangeError(`cellsPerLevel must be an integer 1…65536, got ${o.cellsPerLevel}`)
  return Array.from(target.levelsS, (levelS, j) => {
    const cells: number[] = []
    for (let k = 0; k < target.level.length && cells.length < o.cellsPerLevel; k++) if (target.level[k] === j) cells.push(k)
    const meanS: number[] = []
    const p10S: number[] = []
    const p90S: number[] = []
    const reads = new Float64Array(cells.length)
    for (const t of o.timesS) {
      cells.forEach((k, i) => {
        const g0 = array.gS[k]
        const nu = o.drift ? (g0 >= threshold ? o.drift.nuLrs : o.drift.nuHrs) : 0
        const g = g0 * Math.pow(t, -nu)
        array.reads[k]++
        array.energyJ[k] += array.model.readEnergyJ(g, o.vReadV, o.readSeconds)
        reads[i] = array.model.readCurrentA(g, o.vReadV, array.rng) / o.vReadV
      })
      const sorted = Float64Array.from(reads).sort()
      meanS.push(sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1))
      p10S.push(sorted.length ? sorted[Math.floor(0.1 * (sorted.length - 1))] : NaN)
      p90S.push(sorted.length ? sorted[Math.ceil(0.9 * (sorted.length - 1))] : NaN)
    }
    return { levelS, cells: cells.length, timesS: [...o.timesS], meanS, p10S, p90S }
  })
}

/** n log-spaced times from t0 to t1 seconds. */
export function logTimes(t0S: number, t1S: number, n: number): number[] {
  if (!(t0S >= 1 && t1S > t0S && Number.isInteger(n) && n >= 2)) throw new RangeError('logTimes needs 1 ≤ t0 < t1 and n ≥ 2')
  return Array.from({ length: n }, (_, j) => t0S * Math.pow(t1S / t0S, j / (n - 1)))
}
