import Papa from 'papaparse'
import { extractCycles } from '../../../src-core/device/extract'
import { detectMagnitudeCurrent, signedCurrent } from '../../../src-core/device/measurement-csv'
import { MAGNITUDE_CURRENT_NOTE } from '../../../src-core/device/fit'
import type { IvPointBlock } from './iv-repo'
import { InputError } from '../errors'
import { checkUnitPlausibility } from './import-plausibility'

/**
 * Measured I–V files: CSV (comma, semicolon or tab), PyMeasure-style `#` comment headers
 * (`#Procedure: …`, `#Parameters:`, `#\tVoltage: 2 V`), a header row or none (plain two-column
 * V,I files). The researcher maps columns to V, I and optionally time, cycle and compliance, and
 * picks units; nothing is stored unless every row converts.
 */

export const VOLTAGE_UNITS = { V: 1, mV: 1e-3 } as const
export const CURRENT_UNITS = { A: 1, mA: 1e-3, uA: 1e-6 } as const
export const TIME_UNITS = { s: 1, ms: 1e-3 } as const

export interface ColumnMapping {
  /** 0-based column indices. */
  v: number
  i: number
  time?: number | null
  cycle?: number | null
  compliance?: number | null
  vUnit: keyof typeof VOLTAGE_UNITS
  iUnit: keyof typeof CURRENT_UNITS
  timeUnit?: keyof typeof TIME_UNITS
}

export interface CsvPreview {
  /** Column names (from the header row, or "column 1", … when the file has none). */
  columns: string[]
  hasHeader: boolean
  /** The first rows, as text. */
  rows: string[][]
  rowCount: number
  /** Comment lines before the data (PyMeasure parameters etc.). */
  comments: string[]
  /** A guess from the column names and units in them; null where nothing fits. */
  guess: Partial<ColumnMapping>
}

interface Table {
  comments: string[]
  header: string[] | null
  rows: string[][]
  /** 1-based file line of each row. */
  lines: number[]
}

/**
 * The workbench's own long format, when a file says it is one (`# … iv-long-vN` in its first
 * comment lines): v1 numbered cycles from 0, v2 numbers them from 1 (docs/export-formats.md).
 */
export function longFormatVersion(comments: string[]): number | null {
  for (const c of comments.slice(0, 2)) {
    const m = /\biv-long-v(\d+)\b/.exec(c)
    if (m) return Number(m[1])
  }
  return null
}
/** The newest long format this version reads. */
export const NEWEST_LONG_FORMAT = 2

const isNumber = (s: string) => s.trim() !== '' && Number.isFinite(Number(s.trim()))

function readTable(text: string): Table {
  const all = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)
  const comments: string[] = []
  const body: { line: number; text: string }[] = []
  all.forEach((l, k) => {
    if (l.trimStart().startsWith('#')) comments.push(l.replace(/^\s*#\s?/, ''))
    else if (l.trim() !== '') body.push({ line: k + 1, text: l })
  })
  if (body.length === 0) throw new InputError('the file has no data rows (only comments or blank lines)', 'text')
  const parsed = Papa.parse<string[]>(body.map((b) => b.text).join('\n'), { delimitersToGuess: [',', ';', '\t', ' '], skipEmptyLines: false })
  const rows = parsed.data.map((r) => r.map((f) => f.trim()))
  const first = rows[0]
  const hasHeader = first.some((f) => !isNumber(f))
  const width = first.length
  if (width < 2) throw new InputError(`line ${body[0].line}: found ${width} column; an I–V file needs at least two (V and I)`, 'text')
  return {
    comments,
    header: hasHeader ? first : null,
    rows: hasHeader ? rows.slice(1) : rows,
    lines: (hasHeader ? body.slice(1) : body).map((b) => b.line)
  }
}

const unitIn = (name: string) => /\(([^)]+)\)|\[([^\]]+)\]|_([A-Za-zµ]+)$/.exec(name.trim())

function guessMapping(columns: string[]): Partial<ColumnMapping> {
  const g: Partial<ColumnMapping> = {}
  columns.forEach((raw, k) => {
    const name = raw.toLowerCase()
    const u = unitIn(raw)
    const unit = (u?.[1] ?? u?.[2] ?? u?.[3] ?? '').replace('µ', 'u')
    if (/^(v|volt|voltage)\b|^v_/.test(name) && g.v === undefined) {
      g.v = k
      if (unit === 'mV') g.vUnit = 'mV'
      else if (unit === 'V') g.vUnit = 'V'
    } else if (/^(i|curr|current)\b|^i_/.test(name) && !/compliance|i_cc/.test(name) && g.i === undefined) {
      g.i = k
      if (unit === 'mA' || unit === 'uA' || unit === 'A') g.iUnit = unit
    } else if (/^(t|time)\b|^t_/.test(name) && g.time === undefined) {
      g.time = k
      if (unit === 'ms' || unit === 's') g.timeUnit = unit
    } else if (/cycle/.test(name) && g.cycle === undefined) g.cycle = k
    else if (/compliance|clamp/.test(name) && g.compliance === undefined) g.compliance = k
  })
  if (columns.length === 2 && g.v === undefined && g.i === undefined) Object.assign(g, { v: 0, i: 1 })
  return g
}

/** A sweep exported by the workbench (`iv-long-v1`/`v2`): its columns are known by name, in SI units. */
function ownFormatMapping(columns: string[]): Partial<ColumnMapping> | null {
  const at = (name: string) => columns.indexOf(name)
  if (at('v_V') < 0 || at('i_A') < 0) return null
  const optional = (name: string) => (at(name) < 0 ? null : at(name))
  return { v: at('v_V'), i: at('i_A'), time: optional('t_s'), cycle: optional('cycle'), compliance: optional('compliance'), vUnit: 'V', iUnit: 'A', timeUnit: 's' }
}

/** What the column-mapping dialog shows: columns, the first rows and a guessed mapping. */
export function previewCsv(text: string, maxRows = 8): CsvPreview {
  const t = readTable(text)
  const width = (t.header ?? t.rows[0] ?? []).length
  const columns = t.header ?? Array.from({ length: width }, (_, k) => `column ${k + 1}`)
  const own = longFormatVersion(t.comments) !== null ? ownFormatMapping(columns) : null
  return { columns, hasHeader: t.header !== null, rows: t.rows.slice(0, maxRows), rowCount: t.rows.length, comments: t.comments, guess: own ?? guessMapping(columns) }
}

/** Convert every row with the mapping, or throw naming the first bad line and column. */
export function convertCsv(
  text: string,
  m: ColumnMapping,
  vReadV: number
): {
  points: IvPointBlock
  cycles: number
  comments: string[]
  warnings: string[]
  currentWasMagnitude: boolean
  /** How the file's cycle column counts (0 or 1); null without a cycle column. */
  cycleBase: 0 | 1 | null
} {
  const t = readTable(text)
  const width = (t.header ?? t.rows[0]).length
  const columnName = (k: number) => (t.header ? `"${t.header[k]}"` : `column ${k + 1}`)
  const check = (k: number | null | undefined, field: string) => {
    if (k === null || k === undefined) return
    if (!(Number.isInteger(k) && k >= 0 && k < width)) throw new InputError(`${field}: column ${k + 1} does not exist (the file has ${width})`, `mapping.${field}`)
  }
  check(m.v, 'v')
  check(m.i, 'i')
  check(m.time, 'time')
  check(m.cycle, 'cycle')
  check(m.compliance, 'compliance')
  if (m.v === m.i) throw new InputError('V and I are mapped to the same column', 'mapping.i')
  const vScale = VOLTAGE_UNITS[m.vUnit]
  const iScale = CURRENT_UNITS[m.iUnit]
  const tScale = TIME_UNITS[m.timeUnit ?? 's']
  // Cycle numbers: an iv-long-v2 file counts from 1, v1 from 0; any other file from 0 when its cycle
  // column holds a 0, else from 1 (the numbers it shows are then the numbers the panel shows).
  const version = longFormatVersion(t.comments)
  if (version !== null && (version < 1 || version > NEWEST_LONG_FORMAT))
    throw new InputError(`its header says iv-long-v${version}, a newer format: this version of rram-workbench reads iv-long-v1 to v${NEWEST_LONG_FORMAT}`, 'text')
  const firstCycle = version === 2 ? 1 : 0
  const cycleRule = version === 2 ? 'an iv-long-v2 file numbers cycles from 1 (whole numbers ≥ 1)' : 'a cycle number must be a whole number ≥ 0'
  const n = t.rows.length
  const block: IvPointBlock = { idx: [], cycle: [], branch: [], vV: [], iA: [], compliance: [], tS: [] }
  const num = (row: string[], k: number, r: number, what: string): number => {
    const text = row[k] ?? ''
    const x = Number(text)
    if (text === '' || !Number.isFinite(x)) throw new InputError(`line ${t.lines[r]}, column ${k + 1} (${columnName(k)}, ${what}): not a number: "${text.slice(0, 40)}"`, 'text')
    return x
  }
  for (let r = 0; r < n; r++) {
    const row = t.rows[r]
    if (row.length !== width) throw new InputError(`line ${t.lines[r]}: has ${row.length} fields, the file has ${width} columns`, 'text')
    block.idx.push(r)
    block.vV.push(num(row, m.v, r, 'V') * vScale)
    block.iA.push(num(row, m.i, r, 'I') * iScale)
    block.tS.push(m.time !== null && m.time !== undefined ? num(row, m.time, r, 'time') * tScale : null)
    block.branch.push(null)
    if (m.cycle !== null && m.cycle !== undefined) {
      const c = num(row, m.cycle, r, 'cycle')
      if (!Number.isInteger(c) || c < firstCycle) throw new InputError(`line ${t.lines[r]}, column ${m.cycle + 1} (${columnName(m.cycle)}): ${cycleRule}, got "${row[m.cycle]}"`, 'text')
      block.cycle.push(c)
    } else block.cycle.push(0)
    if (m.compliance !== null && m.compliance !== undefined) {
      const f = row[m.compliance].toLowerCase()
      const on = f === '1' || f === 'true' || f === 'yes'
      if (!on && !(f === '0' || f === 'false' || f === 'no' || f === ''))
        throw new InputError(`line ${t.lines[r]}, column ${m.compliance + 1}: compliance flag must be 0/1, got "${row[m.compliance]}"`, 'text')
      block.compliance.push(on ? 1 : 0)
    } else block.compliance.push(0)
  }
  let cycleBase: 0 | 1 | null = null
  if (m.cycle !== null && m.cycle !== undefined) {
    cycleBase = version === 2 || (version === null && !block.cycle.includes(0)) ? 1 : 0
    // The notebook stores cycles from 0; the panel and the files show them from 1.
    if (cycleBase === 1) block.cycle = block.cycle.map((c) => c - 1)
  }
  if (n < 3) throw new InputError(`the file has ${n} data row(s); an I–V curve needs at least 3`, 'text')
  // |I| exports: the negative branch gets its sign back, and the session's comments say so.
  const currentWasMagnitude = detectMagnitudeCurrent(block.vV, block.iA)
  if (currentWasMagnitude) block.iA = Array.from(signedCurrent(block.vV, block.iA))
  const warnings = checkUnitPlausibility(block, m.iUnit, (r) => t.lines[r])
  // Without a cycle column, cycles are where the voltage turns positive after a negative half.
  if (m.cycle === null || m.cycle === undefined) {
    const x = extractCycles({ v: block.vV, i: block.iA }, { vReadV })
    for (let c = 0; c < x.cycles; c++) for (let k = x.cycleStart[c]; k < x.cycleStart[c + 1]; k++) block.cycle[k] = c
  }
  const cycles = new Set(block.cycle).size
  return { points: block, cycles, comments: currentWasMagnitude ? [...t.comments, `rram-workbench: ${MAGNITUDE_CURRENT_NOTE}`] : t.comments, warnings, currentWasMagnitude, cycleBase }
}
