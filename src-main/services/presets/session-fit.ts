import { fitPreset, FitInputError, type FitInputs } from '../../../src-core/device/fit'
import type { FitReport } from '../../../src-core/device/fit-report'
import type { IvData } from '../../../src-core/device/extract'
import type { DevicePreset } from '../../../src-core/device/types'
import { median } from '../../../src-core/stats'
import type { IvAnalysis } from '../iv/analysis'
import type { IvPoints } from '../iv/iv-repo'

const MICROAMP = 1e-6

/** One session's data as the fit sees it. */
export interface SessionData {
  id: number
  name: string
  analysis: IvAnalysis
  points: IvPoints
}

/**
 * Fit a preset from characterization sessions (simulated or imported) with the core's fitPreset,
 * the code that fits the default SiOx preset. What the sessions determine:
 * - ≥ 2 compliance currents → the R_LRS power law and its spread (lrs-vs-compliance);
 * - ≥ 2 stop voltages → the R_HRS law in |V_STOP| (hrs-vs-vstop);
 * - one I_C and one V_STOP → cycle-to-cycle log-normal statistics (cycles), and the base law is
 *   rescaled so its median goes through the measured one (noted in the report);
 * - raw sweeps → V_set and V_reset (sweeps).
 * Everything else comes from `base` (the preset the researcher starts from).
 */
export function fitFromSessions(name: string, sessions: SessionData[], base: DevicePreset): { preset: DevicePreset; report: FitReport } {
  if (sessions.length === 0) throw new FitInputError('sweepIds', 'choose at least one session')
  const iC: number[] = []
  const rL: number[] = []
  const vStop: number[] = []
  const rH: number[] = []
  const cycL: number[] = []
  const cycH: number[] = []
  const sweeps: IvData[] = []
  for (const s of sessions) {
    const t = s.analysis.cycles
    t.cycle.forEach((_, k) => {
      const l = t.rLrsOhm[k]
      const h = t.rHrsOhm[k]
      const ic = t.iComplianceA[k]
      const vs = t.vStopV[k]
      if (l !== null && ic !== null) {
        iC.push(ic)
        rL.push(l)
      }
      if (h !== null && vs !== null) {
        vStop.push(vs)
        rH.push(h)
      }
      if (l !== null && h !== null) {
        cycL.push(l)
        cycH.push(h)
      }
    })
    if (s.points.n > 0) sweeps.push({ v: s.points.vV, i: s.points.iA, cycle: s.points.cycle, compliance: s.points.compliance })
  }
  const distinct = (xs: number[]) => new Set(xs.map((x) => x.toPrecision(9))).size
  const { name: _n, source: _s, ...baseFields } = base
  void _n
  void _s
  const inputs: FitInputs = { name, source: '', base: { ...baseFields } }
  const notes: string[] = []
  const manyIc = distinct(iC) >= 2
  const manyVStop = distinct(vStop) >= 2
  if (manyIc) inputs.lrsVsCompliance = { iComplianceA: iC, rLrsOhm: rL }
  if (manyVStop) inputs.hrsVsVStop = { vStopV: vStop, rHrsOhm: rH }
  if (!manyIc && !manyVStop && cycL.length >= 2) inputs.cycles = { rLrsOhm: cycL, rHrsOhm: cycH }
  if (sweeps.length > 0) inputs.sweeps = sweeps
  // One compliance current: keep the base exponent, move the law through the measured median.
  if (!manyIc && iC.length >= 1) {
    const i0 = iC[0]
    inputs.base!.lrsA = median(rL) * Math.pow(i0 / MICROAMP, base.lrsB)
    notes.push(`One compliance current (${(i0 / MICROAMP).toFixed(1)} µA): lrsA rescaled so the law's median is the measured ${median(rL).toFixed(0)} Ω; exponent b kept from "${base.name}".`)
  }
  if (!manyVStop && vStop.length >= 1) {
    const v0 = vStop[0]
    inputs.base!.hrsLnR0 = Math.log(median(rH)) - base.hrsLnRSlope * -v0
    inputs.base!.hrsTable = null
    notes.push(`One stop voltage (${v0} V): hrsLnR0 rescaled so the law's median is the measured ${median(rH).toFixed(0)} Ω; slope kept from "${base.name}", per-V_STOP table dropped.`)
  }
  if (!inputs.lrsVsCompliance && !inputs.hrsVsVStop && !inputs.cycles && !inputs.sweeps) {
    throw new FitInputError('sweepIds', 'the chosen sessions hold no extracted R_LRS, R_HRS or sweep: nothing to fit')
  }
  inputs.source = `Fitted by rram-workbench (src-core/device/fit.ts) from I–V sessions ${sessions.map((s) => `#${s.id} "${s.name}"`).join(', ')}; other fields from "${base.name}".`
  const { preset, report } = fitPreset(inputs)
  if (notes.length && report.sections.length) report.sections[0].notes.push(...notes)
  else if (notes.length) report.sections.push({ id: 'cycles', title: 'Rescaled laws', parameters: {}, series: [], notes })
  return { preset, report }
}
