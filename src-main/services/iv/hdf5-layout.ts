import { BRANCH_NAMES } from '../../../src-core/device/iv-sweep'
import type { IvAnalysis } from './analysis'
import { fileCycle } from './export-csv'
import { NO_BRANCH, type IvCycleSetting, type IvPoints, type IvReadRow, type IvSweepSummary } from './iv-repo'

/**
 * The content of an I–V session's HDF5 file (`iv-hdf5-v2`, docs/export-formats.md), as plain typed
 * columns: what the writer stores, independent of the HDF5 library. Same columns, names and values
 * as the CSV export (`export-csv.ts`); an empty CSV cell (unknown) is NaN here. v2 numbers cycles
 * from 1, as the panel does (v1 numbered them from 0).
 */
export const HDF5_FORMAT = 'iv-hdf5-v2'

interface ColumnBase {
  name: string
  /** SI unit ("V", "A", "s", "Ohm"), "" for counts, flags, labels and ratios. */
  unit: string
  description: string
}
export type Hdf5Column =
  | (ColumnBase & { kind: 'float64'; data: Float64Array })
  | (ColumnBase & { kind: 'int32'; data: Int32Array })
  | (ColumnBase & { kind: 'uint32'; data: Uint32Array })
  | (ColumnBase & { kind: 'uint8'; data: Uint8Array })
  /** Fixed-length strings of `width` bytes (labels from a fixed vocabulary). */
  | (ColumnBase & { kind: 'string'; width: number; data: string[] })

/** A root or group attribute: a string, or a number stored as float64, int32 or uint32. */
export type Hdf5Attribute = { name: string; value: string } | { name: string; value: number; kind: 'float64' | 'int32' | 'uint32' }

export interface Hdf5Group {
  name: 'points' | 'reads' | 'cycles'
  attributes: Hdf5Attribute[]
  columns: Hdf5Column[]
}

export interface Hdf5Session {
  attributes: Hdf5Attribute[]
  groups: Hdf5Group[]
}

const CYCLE_DESCRIPTION = 'cycle number, from 1 (as the I–V panel shows it)'
const BRANCH_WIDTH = Math.max(...BRANCH_NAMES.map((b) => b.length))
const AFTER_WIDTH = Math.max(...['form', 'set', 'reset'].map((a) => a.length))

/** The whole file: root attributes (the CSV header), `/points` or `/reads`, and `/cycles`. */
export function hdf5Layout(s: IvSweepSummary, settings: IvCycleSetting[], points: IvPoints, reads: IvReadRow[], analysis: IvAnalysis, appVersion: string): Hdf5Session {
  const bySetting = new Map(settings.map((c) => [c.cycle, c]))
  // Same choice as the CSV: a session with points (or with nothing at all) is a sweep.
  const raw = points.n > 0 || reads.length === 0 ? pointColumns(points, bySetting) : readColumns(reads, bySetting)
  return { attributes: rootAttributes(s, appVersion), groups: [raw, cycleGroup(analysis)] }
}

function rootAttributes(s: IvSweepSummary, appVersion: string): Hdf5Attribute[] {
  const a: Hdf5Attribute[] = [
    { name: 'format', value: HDF5_FORMAT },
    { name: 'app_version', value: appVersion },
    { name: 'session_id', value: s.id, kind: 'int32' },
    { name: 'name', value: s.name },
    { name: 'recipe', value: s.recipe },
    { name: 'backend', value: s.backend },
    { name: 'device_preset', value: s.devicePreset ?? '' },
    { name: 'v_read_V', value: s.vReadV, kind: 'float64' },
    { name: 'status', value: s.status },
    { name: 'created_at', value: s.createdAt },
    { name: 'parameters', value: JSON.stringify(s.params) }
  ]
  // Unknown numbers (imports have no seed or cell) are left out rather than given a magic value.
  if (s.seed !== null) a.push({ name: 'seed', value: s.seed, kind: 'uint32' })
  if (s.cellRow !== null) a.push({ name: 'cell_row', value: s.cellRow, kind: 'int32' })
  if (s.cellCol !== null) a.push({ name: 'cell_col', value: s.cellCol, kind: 'int32' })
  if (s.sourceFile) a.push({ name: 'source_file', value: s.sourceFile })
  return a
}

const nanIfMissing = (x: number | null | undefined): number => (x === null || x === undefined ? NaN : x)

function pointColumns(p: IvPoints, bySetting: Map<number, IvCycleSetting>): Hdf5Group {
  const n = p.n
  const index = new Int32Array(n)
  const cycle = new Int32Array(n)
  const step = new Int32Array(n)
  const branch: string[] = new Array<string>(n)
  const iComplianceA = new Float64Array(n)
  const vStopV = new Float64Array(n)
  for (let k = 0; k < n; k++) {
    const c = bySetting.get(p.cycle[k])
    index[k] = k
    cycle[k] = fileCycle(p.cycle[k])
    step[k] = c?.step ?? 0
    branch[k] = p.branch[k] === NO_BRANCH ? '' : BRANCH_NAMES[p.branch[k]]
    iComplianceA[k] = nanIfMissing(c?.iComplianceA)
    vStopV[k] = nanIfMissing(c?.vStopV)
  }
  return {
    name: 'points',
    attributes: [],
    columns: [
      { name: 'index', unit: '', kind: 'int32', data: index, description: '0-based point number in the session' },
      { name: 'cycle', unit: '', kind: 'int32', data: cycle, description: CYCLE_DESCRIPTION },
      { name: 'step', unit: '', kind: 'int32', data: step, description: '0-based step of an I_C or V_STOP sweep (0 otherwise)' },
      { name: 'branch', unit: '', kind: 'string', width: BRANCH_WIDTH, data: branch, description: 'set-up, set-down, reset-down, reset-up; empty when not labelled' },
      { name: 'i_compliance_A', unit: 'A', kind: 'float64', data: iComplianceA, description: "compliance current of the cycle's SET (NaN if unknown)" },
      { name: 'v_stop_V', unit: 'V', kind: 'float64', data: vStopV, description: "stop voltage of the cycle's RESET, negative (NaN if unknown)" },
      { name: 't_s', unit: 's', kind: 'float64', data: Float64Array.from(p.tS), description: "time since the session's start (NaN if unknown)" },
      { name: 'v_V', unit: 'V', kind: 'float64', data: Float64Array.from(p.vV), description: 'applied voltage' },
      { name: 'i_A', unit: 'A', kind: 'float64', data: Float64Array.from(p.iA), description: 'measured current' },
      { name: 'compliance', unit: '', kind: 'uint8', data: Uint8Array.from(p.compliance), description: '1 where the current was clamped at I_C, else 0' }
    ]
  }
}

function readColumns(reads: IvReadRow[], bySetting: Map<number, IvCycleSetting>): Hdf5Group {
  const setting = (r: IvReadRow) => bySetting.get(r.cycle)
  return {
    name: 'reads',
    attributes: [],
    columns: [
      { name: 'index', unit: '', kind: 'int32', data: Int32Array.from(reads, (r) => r.idx), description: '0-based read number' },
      { name: 'cycle', unit: '', kind: 'int32', data: Int32Array.from(reads, (r) => fileCycle(r.cycle)), description: CYCLE_DESCRIPTION },
      { name: 'step', unit: '', kind: 'int32', data: Int32Array.from(reads, (r) => setting(r)?.step ?? 0), description: '0-based step of an I_C or V_STOP sweep (0 otherwise)' },
      { name: 'after', unit: '', kind: 'string', width: AFTER_WIDTH, data: reads.map((r) => r.after), description: 'the pulse the read follows: form, set or reset' },
      { name: 'pulses', unit: '', kind: 'int32', data: Int32Array.from(reads, (r) => r.pulses), description: 'pulses applied before this read (read-verify repeats a pulse)' },
      {
        name: 'i_compliance_A',
        unit: 'A',
        kind: 'float64',
        data: Float64Array.from(reads, (r) => nanIfMissing(setting(r)?.iComplianceA)),
        description: "compliance current of the cycle's SET (NaN if unknown)"
      },
      { name: 'v_stop_V', unit: 'V', kind: 'float64', data: Float64Array.from(reads, (r) => nanIfMissing(setting(r)?.vStopV)), description: "stop voltage of the cycle's RESET (NaN if unknown)" },
      { name: 'v_read_V', unit: 'V', kind: 'float64', data: Float64Array.from(reads, (r) => r.vReadV), description: 'read voltage' },
      { name: 'i_read_A', unit: 'A', kind: 'float64', data: Float64Array.from(reads, (r) => r.iReadA), description: 'read current' },
      // Same rule as the CSV: R = V_read / I_read, unknown (NaN) when no positive current was read.
      { name: 'r_ohm', unit: 'Ohm', kind: 'float64', data: Float64Array.from(reads, (r) => (r.iReadA > 0 ? r.vReadV / r.iReadA : NaN)), description: 'v_read_V / i_read_A' }
    ]
  }
}

/** The per-cycle extraction the panel's Cycles tab shows, and the fitted laws when there are some. */
function cycleGroup(a: IvAnalysis): Hdf5Group {
  const t = a.cycles
  const f64 = (xs: (number | null)[]) => Float64Array.from(xs, nanIfMissing)
  const attributes: Hdf5Attribute[] = []
  const lrs = a.lrsByCompliance.law
  if (lrs) {
    attributes.push({ name: 'lrs_law_a_ohm', value: lrs.lrsA, kind: 'float64' }, { name: 'lrs_law_b', value: lrs.lrsB, kind: 'float64' }, { name: 'lrs_law_r2', value: lrs.r2, kind: 'float64' })
  }
  const hrs = a.hrsByVStop.law
  if (hrs) {
    attributes.push(
      { name: 'hrs_law_ln_r0', value: hrs.hrsLnR0, kind: 'float64' },
      { name: 'hrs_law_slope_per_V', value: hrs.hrsLnRSlope, kind: 'float64' },
      { name: 'hrs_law_r2', value: hrs.r2, kind: 'float64' }
    )
  }
  return {
    name: 'cycles',
    attributes,
    columns: [
      { name: 'cycle', unit: '', kind: 'int32', data: Int32Array.from(t.cycle, fileCycle), description: CYCLE_DESCRIPTION },
      { name: 'step', unit: '', kind: 'int32', data: Int32Array.from(t.step), description: '0-based step of an I_C or V_STOP sweep (0 otherwise)' },
      { name: 'i_compliance_A', unit: 'A', kind: 'float64', data: f64(t.iComplianceA), description: 'compliance current I_C of the SET (NaN if unknown)' },
      { name: 'v_stop_V', unit: 'V', kind: 'float64', data: f64(t.vStopV), description: 'stop voltage V_STOP of the RESET (NaN if unknown)' },
      { name: 'v_set_V', unit: 'V', kind: 'float64', data: f64(t.vSetV), description: 'SET voltage V_set (NaN where the cycle shows none)' },
      { name: 'v_reset_V', unit: 'V', kind: 'float64', data: f64(t.vResetV), description: 'RESET voltage V_reset (NaN where the cycle shows none)' },
      { name: 'i_reset_peak_A', unit: 'A', kind: 'float64', data: f64(t.iResetPeakA), description: 'peak current of the RESET branch (NaN where none)' },
      { name: 'r_lrs_ohm', unit: 'Ohm', kind: 'float64', data: f64(t.rLrsOhm), description: 'low-resistance state R_LRS at v_read_V' },
      { name: 'r_hrs_ohm', unit: 'Ohm', kind: 'float64', data: f64(t.rHrsOhm), description: 'high-resistance state R_HRS at v_read_V' },
      { name: 'on_off_ratio', unit: '', kind: 'float64', data: f64(t.onOffRatio), description: 'R_HRS / R_LRS' }
    ]
  }
}
