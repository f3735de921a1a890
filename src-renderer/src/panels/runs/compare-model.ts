import { bootstrapMeanCi, debiasedEma, lttbIndices, minMaxIndices } from '../../../../src-core/stats'
import { RandomStream } from '../../../../src-core/random'
import type { TrialMetric } from '@api/schemas/run'
import type { ChartSeries } from '../../components/charts/chart-series'
import { PALETTE } from '../../components/charts/chart-series'

/** One run's series of the plotted metric; trial k + 1 at index k, NaN where a trial has no value. */
export interface CompareRun {
  id: number
  name: string
  group: string
  values: Float64Array
  /** Why this run's curve is incomplete ("cancelled at trial 112 of 180"); absent for a finished run. */
  partial?: string
}

/** Why a run is partial (stopped or still going before its planned trials), or null for a complete run. */
export function partialReason(r: { status: string; trialCount: number; trialsPlanned?: number | null }): string | null {
  const planned = r.trialsPlanned ?? null
  const of = planned ? ` of ${planned}` : ''
  if (r.status === 'done') return planned !== null && r.trialCount < planned ? `ended at trial ${r.trialCount}${of}` : null
  if (['running', 'paused', 'queued'].includes(r.status)) return `still ${r.status}, trial ${r.trialCount}${of}`
  return `${r.status} at trial ${r.trialCount}${of}`
}

/**
 * Partial runs stay out of group means, bands and the summary unless `include` is set: a run cancelled
 * at trial 112 of 180 would otherwise pull the "final mean" toward its early, worse trials.
 */
export function leaveOutPartial(runs: readonly CompareRun[], include: boolean): { used: CompareRun[]; left: CompareRun[] } {
  if (include) return { used: [...runs], left: [] }
  return { used: runs.filter((r) => !r.partial), left: runs.filter((r) => r.partial) }
}

export interface CompareOptions {
  /** Debiased-EMA weight in [0, 1): applied to each run's full series before anything else. */
  smoothing: number
  showSeeds: boolean
  /** Visible trial range (zoom/pan); null = all. */
  range: { min: number; max: number } | null
  maxPoints: number
  decimation: 'lttb' | 'minmax'
  /** Bootstrap resamples for the plotted 95 % band (fewer than the summary table's, for speed); 0 = no band yet. */
  bandResamples: number
  /** The band is bootstrapped at most at this many of the plotted trials and interpolated between them. */
  bandPoints?: number
}

export const METRICS: { id: TrialMetric; label: string; unit: string; lowerIsBetter: boolean }[] = [
  { id: 'steps', label: 'Steps to reward', unit: 'steps', lowerIsBetter: true },
  { id: 'timeUs', label: 'Time to reward', unit: 'µs', lowerIsBetter: true },
  { id: 'success', label: 'Success rate', unit: 'share of trials', lowerIsBetter: false },
  { id: 'timedOut', label: 'Time-outs (past the hardware cut-off)', unit: 'share of trials', lowerIsBetter: true },
  { id: 'pathRatio', label: 'Path length / shortest path', unit: 'ratio', lowerIsBetter: true },
  { id: 'energyJ', label: 'Energy per trial (all parts)', unit: 'J', lowerIsBetter: true },
  { id: 'energyFireJ', label: 'Energy: neuron firing', unit: 'J', lowerIsBetter: true },
  { id: 'energyIntegrationJ', label: 'Energy: integration', unit: 'J', lowerIsBetter: true },
  { id: 'energyControllerJ', label: 'Energy: controller', unit: 'J', lowerIsBetter: true },
  { id: 'energyProgrammingJ', label: 'Energy: SET/RESET programming', unit: 'J', lowerIsBetter: true },
  { id: 'sets', label: 'SETs per trial', unit: 'operations', lowerIsBetter: true },
  { id: 'resets', label: 'RESETs per trial', unit: 'operations', lowerIsBetter: true },
  { id: 'reads', label: 'Device reads per trial', unit: 'operations', lowerIsBetter: true }
]

/** Runs gathered by group key, groups in order of first appearance. */
export function groupRuns(runs: readonly CompareRun[]): { key: string; runs: CompareRun[] }[] {
  const map = new Map<string, CompareRun[]>()
  for (const r of runs) {
    let g = map.get(r.group)
    if (!g) map.set(r.group, (g = []))
    g.push(r)
  }
  return [...map].map(([key, rs]) => ({ key, runs: rs }))
}

/** Mean over runs at each trial (runs shorter than the longest simply stop contributing). */
export function meanAcross(series: readonly Float64Array[]): Float64Array {
  const n = Math.max(0, ...series.map((s) => s.length))
  const sum = new Float64Array(n)
  const count = new Uint32Array(n)
  for (const s of series)
    for (let k = 0; k < s.length; k++)
      if (Number.isFinite(s[k])) {
        sum[k] += s[k]
        count[k]++
      }
  for (let k = 0; k < n; k++) sum[k] = count[k] > 0 ? sum[k] / count[k] : NaN
  return sum
}

function smooth(values: Float64Array, weight: number): Float64Array {
  return weight > 0 ? debiasedEma(values, weight) : values
}

/** Indices to plot inside the visible trial range, decimated to about maxPoints. */
export function visibleIndices(y: Float64Array, range: CompareOptions['range'], maxPoints: number, method: CompareOptions['decimation']): Uint32Array {
  const lo = range ? Math.max(0, Math.floor(range.min) - 2) : 0
  const hi = range ? Math.min(y.length, Math.ceil(range.max) + 1) : y.length
  if (hi <= lo) return new Uint32Array(0)
  const n = hi - lo
  const ySlice = y.subarray(lo, hi)
  let local: Uint32Array
  if (n <= maxPoints) local = Uint32Array.from({ length: n }, (_, k) => k)
  else if (method === 'minmax') local = minMaxIndices(ySlice, Math.max(1, Math.floor(maxPoints / 2)))
  else {
    const x = Float64Array.from({ length: n }, (_, k) => k)
    const yFinite = Float64Array.from(ySlice, (v) => (Number.isFinite(v) ? v : 0))
    local = lttbIndices(x, yFinite, maxPoints)
  }
  for (let k = 0; k < local.length; k++) local[k] += lo
  return local
}

/**
 * The chart's series: per group, the mean over its runs with a 95 % bootstrap band (a lone run is
 * drawn as itself), optional thin per-seed lines. Smoothing runs on the full series first; the band
 * is computed at the plotted (decimated) trials only.
 */
export function buildSeries(runs: readonly CompareRun[], opts: CompareOptions): ChartSeries[] {
  const out: ChartSeries[] = []
  groupRuns(runs).forEach((g, gi) => {
    const color = PALETTE[gi % PALETTE.length]
    const smoothed = g.runs.map((r) => smooth(r.values, opts.smoothing))
    const mean = g.runs.length === 1 ? smoothed[0] : meanAcross(smoothed)
    const idx = visibleIndices(mean, opts.range, opts.maxPoints, opts.decimation)
    const x = Float64Array.from(idx, (i) => i + 1)
    const y = Float64Array.from(idx, (i) => mean[i])
    let band: ChartSeries['band']
    if (g.runs.length > 1 && opts.bandResamples > 0) band = bootstrapBand(smoothed, idx, opts.bandResamples, opts.bandPoints ?? 200, RandomStream.fromSeed(1000 + gi))
    const partial = g.runs.filter((r) => r.partial).length
    const note = partial ? (g.runs.length > 1 ? `, ${partial} partial` : ' (partial)') : ''
    const label = g.runs.length > 1 ? `${g.key} (mean of ${g.runs.length}${note})` : `${g.key}${note}`
    out.push({ label, x, y, color, width: 2, band })
    if (opts.showSeeds && g.runs.length > 1)
      g.runs.forEach((r, k) => {
        const ids = visibleIndices(smoothed[k], opts.range, opts.maxPoints, opts.decimation)
        out.push({ label: `· ${r.name}`, x: Float64Array.from(ids, (i) => i + 1), y: Float64Array.from(ids, (i) => smoothed[k][i]), color, width: 0.6 })
      })
  })
  return out
}

/**
 * 95 % bootstrap CI of the mean over runs at the plotted trials `idx`: bootstrapped at most at
 * `points` of them (evenly spread, both ends included) and linearly interpolated in between.
 * `rng` is seeded by the caller so the same view draws the same band.
 */
export function bootstrapBand(series: readonly Float64Array[], idx: Uint32Array, resamples: number, points: number, rng: RandomStream): { lo: Float64Array; hi: Float64Array } {
  const n = idx.length
  const lo = new Float64Array(n).fill(NaN)
  const hi = new Float64Array(n).fill(NaN)
  const step = Math.max(1, (n - 1) / Math.max(1, points - 1))
  const at: number[] = []
  for (let p = 0; p < n; p += step) at.push(Math.round(p))
  if (n > 0 && at[at.length - 1] !== n - 1) at.push(n - 1)
  const sample = new Float64Array(series.length)
  for (const k of at) {
    const i = idx[k]
    let m = 0
    for (const s of series) if (i < s.length && Number.isFinite(s[i])) sample[m++] = s[i]
    if (m === 0) continue
    if (m === 1) {
      lo[k] = hi[k] = sample[0]
      continue
    }
    const ci = bootstrapMeanCi(sample.subarray(0, m), rng, { resamples, level: 0.95 })
    lo[k] = ci.lo
    hi[k] = ci.hi
  }
  for (let a = 0; a + 1 < at.length; a++) {
    const k0 = at[a]
    const k1 = at[a + 1]
    for (let k = k0 + 1; k < k1; k++) {
      const f = (k - k0) / (k1 - k0)
      lo[k] = lo[k0] + (lo[k1] - lo[k0]) * f
      hi[k] = hi[k0] + (hi[k1] - hi[k0]) * f
    }
  }
  return { lo, hi }
}

/** First trial (1-based) from which `window` consecutive values meet the criterion; null if never. */
export function trialsToCriterion(values: Float64Array, criterion: number, lowerIsBetter: boolean, window = 5): number | null {
  let streak = 0
  for (let k = 0; k < values.length; k++) {
    const v = values[k]
    const ok = Number.isFinite(v) && (lowerIsBetter ? v <= criterion : v >= criterion)
    streak = ok ? streak + 1 : 0
    if (streak === window) return k - window + 2
  }
  return null
}

/** Area under the curve by the trapezoid rule over trials (NaN trials skipped). */
export function areaUnderCurve(values: Float64Array): number {
  let area = 0
  let prev = NaN
  for (let k = 0; k < values.length; k++) {
    const v = values[k]
    if (Number.isFinite(v) && Number.isFinite(prev)) area += (v + prev) / 2
    if (Number.isFinite(v)) prev = v
  }
  return area
}

export interface SummaryCell {
  mean: number
  lo: number
  hi: number
  n: number
}
export interface SummaryRow {
  group: string
  runs: number
  /** Runs of the group that stopped before their planned trials (counted only when partial runs are included). */
  partial: number
  toCriterion: SummaryCell | null
  reachedCriterion: number
  finalMean: SummaryCell
  auc: SummaryCell
}

function cell(values: number[], rng: RandomStream): SummaryCell {
  if (values.length === 0) return { mean: NaN, lo: NaN, hi: NaN, n: 0 }
  if (values.length === 1) return { mean: values[0], lo: NaN, hi: NaN, n: 1 }
  const ci = bootstrapMeanCi(values, rng, { resamples: 2000, level: 0.95 })
  return { mean: ci.mean, lo: ci.lo, hi: ci.hi, n: values.length }
}

/** Per group: trials to criterion, final mean (last `finalTrials` trials), area under the curve; each a mean over runs with a 95 % bootstrap CI. */
export function summarize(runs: readonly CompareRun[], criterion: number, lowerIsBetter: boolean, finalTrials = 10): SummaryRow[] {
  const rng = RandomStream.fromSeed(7)
  return groupRuns(runs).map((g) => {
    const reached = g.runs.map((r) => trialsToCriterion(r.values, criterion, lowerIsBetter)).filter((t): t is number => t !== null)
    const finals = g.runs.map((r) => {
      const tail = r.values.subarray(Math.max(0, r.values.length - finalTrials))
      const fin = Array.from(tail).filter(Number.isFinite)
      return fin.length ? fin.reduce((a, b) => a + b, 0) / fin.length : NaN
    })
    return {
      group: g.key,
      runs: g.runs.length,
      partial: g.runs.filter((r) => r.partial).length,
      toCriterion: reached.length ? cell(reached, rng) : null,
      reachedCriterion: reached.length,
      finalMean: cell(finals.filter(Number.isFinite), rng),
      auc: cell(
        g.runs.map((r) => areaUnderCurve(r.values)),
        rng
      )
    }
  })
}

/** The plotted data in long format (run, group, trial, metric, value), full resolution inside the visible range. */
export function toCsv(runs: readonly CompareRun[], metric: string, smoothing: number, range: CompareOptions['range']): string {
  const name = smoothing > 0 ? `${metric} (EMA ${smoothing})` : metric
  const lines = ['run,group,trial,metric,value']
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)
  for (const r of runs) {
    const v = smooth(r.values, smoothing)
    for (let k = 0; k < v.length; k++) {
      const trial = k + 1
      if (range && (trial < range.min || trial > range.max)) continue
      lines.push(`${r.id},${q(r.group)},${trial},${q(name)},${Number.isFinite(v[k]) ? v[k] : ''}`)
    }
  }
  return lines.join('\n') + '\n'
}

/** Flatten a spec to dotted paths → JSON text of each leaf (arrays as one leaf). */
export function flatten(obj: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (obj !== null && typeof obj === 'object' && !Array.isArray(obj)) {
    for (const [k, v] of Object.entries(obj as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, out)
  } else out[prefix] = JSON.stringify(obj)
  return out
}

/** Only the fields whose values differ between the specs: path → value per spec (missing = undefined). */
export function configDiff(specs: readonly unknown[]): { path: string; values: (string | undefined)[] }[] {
  const flat = specs.map((s) => flatten(s))
  const paths = new Set(flat.flatMap((f) => Object.keys(f)))
  const out: { path: string; values: (string | undefined)[] }[] = []
  for (const p of [...paths].sort()) {
    const values = flat.map((f) => f[p])
    if (new Set(values).size > 1) out.push({ path: p, values })
  }
  return out
}
