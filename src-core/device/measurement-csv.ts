/**
 * A pure parser for the measurement CSV files the fit accepts (the Bianchi 2023 reference files and
 * a user's own exports). The header names each quantity with its unit as a suffix, e.g.
 * `i_compliance_uA`, `r_lrs_kohm`, `v_stop_V`, `v_V`, `i_A`; values are converted to SI.
 * Every error names the line and column (1-based) and the field.
 */

export type MeasurementKind = 'lrs-vs-compliance' | 'hrs-vs-vstop' | 'lrs-hrs-cycles' | 'iv-sweep'

export type Measurement =
  | { kind: 'lrs-vs-compliance'; iComplianceA: number[]; rLrsOhm: number[] }
  | { kind: 'hrs-vs-vstop'; vStopV: number[]; rHrsOhm: number[] }
  | { kind: 'lrs-hrs-cycles'; rLrsOhm: number[]; rHrsOhm: number[] }
  | {
      kind: 'iv-sweep'
      v: Float64Array
      /** Current as the file holds it, A. */
      i: Float64Array
      cycle: Uint32Array | null
      /** The file stores |I| on the negative branch (detectMagnitudeCurrent); the fit gives it back its sign (signedCurrent). */
      currentWasMagnitude: boolean
    }

export class MeasurementCsvError extends Error {
  constructor(
    readonly line: number,
    readonly column: number | null,
    readonly field: string | null,
    readonly reason: string
  ) {
    super(`line ${line}${column !== null ? `, column ${column}` : ''}${field ? ` (${field})` : ''}: ${reason}`)
    this.name = 'MeasurementCsvError'
  }
}

type Quantity = 'current' | 'resistance' | 'voltage'
const UNITS: Record<Quantity, Record<string, number>> = {
  current: { a: 1, ma: 1e-3, ua: 1e-6, µa: 1e-6, na: 1e-9 },
  resistance: { ohm: 1, kohm: 1e3, mohm: 1e6 },
  voltage: { v: 1, mv: 1e-3 }
}

interface ColumnRule {
  key: string
  /** Accepted column-name stems (before `_unit`). */
  stems: string[]
  quantity: Quantity | 'index'
  sign?: 'positive' | 'negative'
}

const RULES: ColumnRule[] = [
  { key: 'iCompliance', stems: ['i_compliance', 'i_cc', 'compliance'], quantity: 'current', sign: 'positive' },
  { key: 'rLrs', stems: ['r_lrs'], quantity: 'resistance', sign: 'positive' },
  { key: 'rHrs', stems: ['r_hrs'], quantity: 'resistance', sign: 'positive' },
  { key: 'vStop', stems: ['v_stop'], quantity: 'voltage', sign: 'negative' },
  { key: 'v', stems: ['v', 'voltage'], quantity: 'voltage' },
  { key: 'i', stems: ['i', 'current'], quantity: 'current' },
  { key: 'cycle', stems: ['cycle'], quantity: 'index' }
]

interface BoundColumn {
  rule: ColumnRule
  index: number
  scale: number
  name: string
}

function bindHeader(names: string[]): Map<string, BoundColumn> {
  const bound = new Map<string, BoundColumn>()
  names.forEach((raw, index) => {
    const name = raw.trim()
    const lower = name.toLowerCase()
    for (const rule of RULES) {
      if (rule.quantity === 'index') {
        if (lower !== rule.stems[0]) continue
      } else {
        const stem = rule.stems.find((s) => lower.startsWith(s + '_') && UNITS[rule.quantity as Quantity][lower.slice(s.length + 1)] !== undefined)
        if (!stem) continue
        // "mohm" is ambiguous in lower case: the header's own case decides (MΩ vs mΩ is not a resistance unit we accept).
        if (lower.endsWith('_mohm') && !name.endsWith('_Mohm')) {
          throw new MeasurementCsvError(1, index + 1, name, 'unit "mohm": write "Mohm" for megaohms')
        }
      }
      if (bound.has(rule.key)) throw new MeasurementCsvError(1, index + 1, name, `a second ${rule.key} column (first is column ${bound.get(rule.key)!.index + 1})`)
      const scale = rule.quantity === 'index' ? 1 : UNITS[rule.quantity][lower.slice(lower.lastIndexOf('_') + 1)]
      bound.set(rule.key, { rule, index, scale, name })
      break
    }
  })
  return bound
}

function kindOf(cols: Map<string, BoundColumn>): MeasurementKind {
  if (cols.has('iCompliance') && cols.has('rLrs')) return 'lrs-vs-compliance'
  if (cols.has('vStop') && cols.has('rHrs')) return 'hrs-vs-vstop'
  if (cols.has('rLrs') && cols.has('rHrs')) return 'lrs-hrs-cycles'
  if (cols.has('v') && cols.has('i')) return 'iv-sweep'
  throw new MeasurementCsvError(
    1,
    null,
    null,
    'header not recognized: expected (i_compliance_uA, r_lrs_kohm), (v_stop_V, r_hrs_kohm), (r_lrs_ohm, r_hrs_ohm) or (v_V, i_A[, cycle]); units: A/mA/uA/nA, ohm/kohm/Mohm, V/mV'
  )
}

function splitRow(line: string, sep: string): string[] {
  return line.split(sep).map((f) => {
    const t = f.trim()
    return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t
  })
}

/** Parse one measurement CSV. `expected` (optional) rejects a file of another kind. */
export function parseMeasurementCsv(text: string, expected?: MeasurementKind): Measurement {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)
  let h = 0
  while (h < lines.length && (lines[h].trim() === '' || lines[h].trimStart().startsWith('#'))) h++
  if (h === lines.length) throw new MeasurementCsvError(1, null, null, 'the file is empty')
  const header = lines[h]
  const sep = header.includes(',') ? ',' : header.includes(';') ? ';' : header.includes('\t') ? '\t' : ','
  const names = splitRow(header, sep)
  let cols: Map<string, BoundColumn>
  try {
    cols = bindHeader(names)
  } catch (e) {
    if (e instanceof MeasurementCsvError) throw new MeasurementCsvError(h + 1, e.column, e.field, e.reason)
    throw e
  }
  let kind: MeasurementKind
  try {
    kind = kindOf(cols)
  } catch (e) {
    if (e instanceof MeasurementCsvError) throw new MeasurementCsvError(h + 1, null, null, e.reason)
    throw e
  }
  if (expected && kind !== expected) throw new MeasurementCsvError(h + 1, null, null, `this is a ${kind} file, expected ${expected}`)

  const wanted: Record<MeasurementKind, string[]> = {
    'lrs-vs-compliance': ['iCompliance', 'rLrs'],
    'hrs-vs-vstop': ['vStop', 'rHrs'],
    'lrs-hrs-cycles': ['rLrs', 'rHrs'],
    'iv-sweep': ['v', 'i', 'cycle']
  }
  const used = wanted[kind].filter((key) => cols.has(key)).map((key) => cols.get(key)!)
  const values: number[][] = used.map(() => [])
  for (let l = h + 1; l < lines.length; l++) {
    const line = lines[l]
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue
    const fields = splitRow(line, sep)
    if (fields.length !== names.length) {
      throw new MeasurementCsvError(l + 1, null, null, `has ${fields.length} fields, the header has ${names.length}`)
    }
    used.forEach((col, u) => values[u].push(parseField(fields[col.index], col, l + 1)))
  }
  if (values[0].length === 0) throw new MeasurementCsvError(h + 1, null, null, 'the file has a header but no data rows')

  const get = (key: string): number[] => values[used.findIndex((c) => c.rule.key === key)]
  switch (kind) {
    case 'lrs-vs-compliance':
      return { kind, iComplianceA: get('iCompliance'), rLrsOhm: get('rLrs') }
    case 'hrs-vs-vstop':
      return { kind, vStopV: get('vStop'), rHrsOhm: get('rHrs') }
    case 'lrs-hrs-cycles':
      return { kind, rLrsOhm: get('rLrs'), rHrsOhm: get('rHrs') }
    case 'iv-sweep': {
      const v = Float64Array.from(get('v'))
      const i = Float64Array.from(get('i'))
      return { kind, v, i, cycle: cols.has('cycle') ? Uint32Array.from(get('cycle')) : null, currentWasMagnitude: detectMagnitudeCurrent(v, i) }
    }
  }
}

/** Below this |V| a reading's sign is noise (our default: 50 mV, half the 0.1 V read voltage). */
const SIGN_NOISE_V = 0.05

/**
 * Many analyzer exports store |I| (for log plots): the RESET branch then shows I > 0 at V < 0, which
 * no resistor does (I = V·G with G > 0). Detected when at least 3 nonzero readings lie below −50 mV
 * and at least 90 % of them are positive (our rule: a few noisy readings near 0 A may carry either sign).
 */
export function detectMagnitudeCurrent(v: ArrayLike<number>, i: ArrayLike<number>): boolean {
  let negativeBranch = 0
  let positive = 0
  for (let k = 0; k < v.length; k++) {
    if (v[k] < -SIGN_NOISE_V && i[k] !== 0) {
      negativeBranch++
      if (i[k] > 0) positive++
    }
  }
  return negativeBranch >= 3 && positive >= 0.9 * negativeBranch
}

/** The current with its sign given back: −|I| where V < 0, |I| elsewhere. */
export function signedCurrent(v: ArrayLike<number>, i: ArrayLike<number>): Float64Array {
  const out = new Float64Array(i.length)
  for (let k = 0; k < i.length; k++) out[k] = v[k] < 0 ? -Math.abs(i[k]) : Math.abs(i[k])
  return out
}

function parseField(text: string, col: BoundColumn, line: number): number {
  const fail = (reason: string) => new MeasurementCsvError(line, col.index + 1, col.name, reason)
  if (text === '') throw fail('empty value')
  const x = Number(text)
  if (!Number.isFinite(x)) throw fail(`not a number: "${text}"${/^-?\d+,\d+$/.test(text) ? ' (use a decimal point, not a comma)' : ''}`)
  if (col.rule.quantity === 'index') {
    if (!Number.isInteger(x) || x < 0) throw fail(`cycle index must be a non-negative integer, got ${text}`)
    return x
  }
  if (col.rule.sign === 'positive' && !(x > 0)) throw fail(`must be > 0, got ${text}`)
  if (col.rule.sign === 'negative' && !(x < 0)) throw fail(`must be < 0 (a RESET stop voltage), got ${text}`)
  return x * col.scale
}
