import { extractCycles } from '../../../src-core/device/extract'
import { fitHrsVsVStop, fitLrsVsCompliance } from '../../../src-core/device/fit'
import { coefficientOfVariation, mean, median, standardDeviation } from '../../../src-core/stats'
import type { IvCycleSetting, IvPoints, IvReadRow } from './iv-repo'

/** Per-cycle values of a session (NaN → null where a cycle does not show the feature). */
export interface IvCycleTable {
  cycle: number[]
  step: number[]
  iComplianceA: (number | null)[]
  vStopV: (number | null)[]
  vSetV: (number | null)[]
  vResetV: (number | null)[]
  iResetPeakA: (number | null)[]
  rLrsOhm: (number | null)[]
  rHrsOhm: (number | null)[]
  onOffRatio: (number | null)[]
}

export interface IvStatRow {
  quantity: 'rLrsOhm' | 'rHrsOhm' | 'vSetV' | 'vResetV' | 'iResetPeakA' | 'onOffRatio'
  n: number
  mean: number | null
  median: number | null
  sigma: number | null
  cv: number | null
}

export interface IvGroup {
  /** The setting of the group: I_C (A) or V_STOP (V). */
  x: number
  values: number[]
}

export interface IvAnalysis {
  cycles: IvCycleTable
  stats: IvStatRow[]
  /** R_LRS grouped by compliance current, and the power law R = a·(I_C/1 µA)^−b when ≥ 2 currents. */
  lrsByCompliance: { groups: IvGroup[]; law: { lrsA: number; lrsB: number; r2: number } | null }
  /** R_HRS grouped by stop voltage, and ln R = ln R0 + k·|V_STOP| when ≥ 2 stop voltages. */
  hrsByVStop: { groups: IvGroup[]; law: { hrsLnR0: number; hrsLnRSlope: number; r2: number } | null }
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null)

/** Extract every cycle of a session: DC sweeps through the core's extraction, pulse recipes from their reads. */
export function analyseSession(vReadV: number, settings: IvCycleSetting[], points: IvPoints, reads: IvReadRow[]): IvAnalysis {
  const bySetting = new Map(settings.map((s) => [s.cycle, s]))
  const t: IvCycleTable = { cycle: [], step: [], iComplianceA: [], vStopV: [], vSetV: [], vResetV: [], iResetPeakA: [], rLrsOhm: [], rHrsOhm: [], onOffRatio: [] }
  const push = (cycle: number, v: { vSetV: number; vResetV: number; iResetPeakA: number; rLrsOhm: number; rHrsOhm: number }) => {
    const s = bySetting.get(cycle)
    t.cycle.push(cycle)
    t.step.push(s?.step ?? 0)
    t.iComplianceA.push(s?.iComplianceA ?? null)
    t.vStopV.push(s?.vStopV ?? null)
    t.vSetV.push(finiteOrNull(v.vSetV))
    t.vResetV.push(finiteOrNull(v.vResetV))
    t.iResetPeakA.push(finiteOrNull(v.iResetPeakA))
    t.rLrsOhm.push(finiteOrNull(v.rLrsOhm))
    t.rHrsOhm.push(finiteOrNull(v.rHrsOhm))
    t.onOffRatio.push(finiteOrNull(v.rHrsOhm / v.rLrsOhm))
  }
  if (points.n > 0) {
    const x = extractCycles({ v: points.vV, i: points.iA, cycle: points.cycle, compliance: points.compliance }, { vReadV })
    for (let c = 0; c < x.cycles; c++) {
      push(points.cycle[x.cycleStart[c]], { vSetV: x.vSetV[c], vResetV: x.vResetV[c], iResetPeakA: x.iResetPeakA[c], rLrsOhm: x.rLrsOhm[c], rHrsOhm: x.rHrsOhm[c] })
    }
  } else if (reads.length > 0) {
    const perCycle = new Map<number, { rLrsOhm: number; rHrsOhm: number }>()
    for (const r of reads) {
      let e = perCycle.get(r.cycle)
      if (!e) perCycle.set(r.cycle, (e = { rLrsOhm: NaN, rHrsOhm: NaN }))
      const rOhm = r.iReadA > 0 ? r.vReadV / r.iReadA : NaN
      if (r.after === 'reset') e.rHrsOhm = rOhm
      else e.rLrsOhm = rOhm
    }
    for (const [cycle, e] of [...perCycle].sort((a, b) => a[0] - b[0])) push(cycle, { vSetV: NaN, vResetV: NaN, iResetPeakA: NaN, ...e })
  }
  return { cycles: t, stats: statsOf(t), lrsByCompliance: lrsGroups(t), hrsByVStop: hrsGroups(t) }
}

function present(values: (number | null)[]): number[] {
  return values.filter((v): v is number => v !== null)
}

function statsOf(t: IvCycleTable): IvStatRow[] {
  const quantities: IvStatRow['quantity'][] = ['rLrsOhm', 'rHrsOhm', 'onOffRatio', 'vSetV', 'vResetV', 'iResetPeakA']
  return quantities.map((q) => {
    const v = present(t[q])
    if (v.length === 0) return { quantity: q, n: 0, mean: null, median: null, sigma: null, cv: null }
    return {
      quantity: q,
      n: v.length,
      mean: mean(v),
      median: median(v),
      sigma: v.length > 1 ? standardDeviation(v) : null,
      cv: v.length > 1 ? finiteOrNull(Math.abs(coefficientOfVariation(v))) : null
    }
  })
}

function group(xs: (number | null)[], ys: (number | null)[]): IvGroup[] {
  const m = new Map<number, number[]>()
  xs.forEach((x, k) => {
    const y = ys[k]
    if (x === null || y === null || !(y > 0)) return
    let g = m.get(x)
    if (!g) m.set(x, (g = []))
    g.push(y)
  })
  return [...m].map(([x, values]) => ({ x, values })).sort((a, b) => a.x - b.x)
}

function lrsGroups(t: IvCycleTable): IvAnalysis['lrsByCompliance'] {
  const groups = group(t.iComplianceA, t.rLrsOhm)
  if (groups.length < 2) return { groups, law: null }
  const f = fitLrsVsCompliance({ iComplianceA: groups.flatMap((g) => g.values.map(() => g.x)), rLrsOhm: groups.flatMap((g) => g.values) })
  return { groups, law: { lrsA: f.lrsA, lrsB: f.lrsB, r2: f.r2 } }
}

function hrsGroups(t: IvCycleTable): IvAnalysis['hrsByVStop'] {
  const groups = group(t.vStopV, t.rHrsOhm)
  if (groups.length < 2) return { groups, law: null }
  const f = fitHrsVsVStop({ vStopV: groups.flatMap((g) => g.values.map(() => g.x)), rHrsOhm: groups.flatMap((g) => g.values) })
  return { groups, law: { hrsLnR0: f.hrsLnR0, hrsLnRSlope: f.hrsLnRSlope, r2: f.r2 } }
}
