import { BRANCH_NAMES } from '../../../src-core/device/iv-sweep'
import { NO_BRANCH, type IvCycleSetting, type IvPoints, type IvReadRow, type IvSweepSummary } from './iv-repo'

/**
 * The long CSV format's id. v2 numbers cycles from 1, as the panel, its plots and the HDF5 file do;
 * v1 (before) numbered them from 0. The import reads both (`import-csv.ts`, docs/export-formats.md).
 */
export const CSV_FORMAT = 'iv-long-v2'

/** A cycle as files and the panel number it: the notebook stores cycles from 0, files and the UI count from 1. */
export const fileCycle = (storedCycle: number): number => storedCycle + 1

/**
 * A session as CSV in long format: one row per point (or per read), SI units in the column names,
 * a `#` commented header with the session and every recipe parameter (docs/export-formats.md).
 * Cycles are numbered from 1, as the panel shows them.
 */
export function sessionToCsv(s: IvSweepSummary, settings: IvCycleSetting[], points: IvPoints, reads: IvReadRow[], appVersion: string): string {
  const out: string[] = []
  out.push(`# rram-workbench I–V session export (format: docs/export-formats.md, ${CSV_FORMAT})`)
  out.push(`# app_version: ${appVersion}`)
  out.push(`# session_id: ${s.id}`)
  out.push(`# name: ${oneLine(s.name)}`)
  out.push(`# recipe: ${s.recipe}`)
  out.push(`# backend: ${s.backend}`)
  out.push(`# device_preset: ${s.devicePreset ?? ''}`)
  out.push(`# seed: ${s.seed ?? ''}`)
  out.push(`# cell_row: ${s.cellRow ?? ''}`)
  out.push(`# cell_col: ${s.cellCol ?? ''}`)
  out.push(`# v_read_V: ${s.vReadV}`)
  out.push(`# status: ${s.status}`)
  out.push(`# created_at: ${s.createdAt}`)
  if (s.sourceFile) out.push(`# source_file: ${oneLine(s.sourceFile)}`)
  out.push(`# parameters: ${JSON.stringify(s.params)}`)
  const bySetting = new Map(settings.map((c) => [c.cycle, c]))
  const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '' : String(x))
  if (points.n > 0 || reads.length === 0) {
    out.push('index,cycle,step,branch,i_compliance_A,v_stop_V,t_s,v_V,i_A,compliance')
    for (let k = 0; k < points.n; k++) {
      const c = bySetting.get(points.cycle[k])
      const b = points.branch[k]
      const t = points.tS[k]
      out.push(
        [
          k,
          fileCycle(points.cycle[k]),
          c?.step ?? 0,
          b === NO_BRANCH ? '' : BRANCH_NAMES[b],
          fmt(c?.iComplianceA),
          fmt(c?.vStopV),
          Number.isNaN(t) ? '' : t,
          points.vV[k],
          points.iA[k],
          points.compliance[k]
        ].join(',')
      )
    }
  } else {
    out.push('index,cycle,step,after,pulses,i_compliance_A,v_stop_V,v_read_V,i_read_A,r_ohm')
    for (const r of reads) {
      const c = bySetting.get(r.cycle)
      out.push([r.idx, fileCycle(r.cycle), c?.step ?? 0, r.after, r.pulses, fmt(c?.iComplianceA), fmt(c?.vStopV), r.vReadV, r.iReadA, r.iReadA > 0 ? r.vReadV / r.iReadA : ''].join(','))
    }
  }
  return out.join('\n') + '\n'
}

const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ')
