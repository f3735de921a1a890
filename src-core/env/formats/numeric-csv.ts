import { MAX_GRID_SIDE } from '../grid-ops'
import { MazeFormatError } from './maze-format-error'

/**
 * A rectangular table of numbers from CSV-like text, shared by the matrix and elevation readers.
 * Separator: comma, semicolon, tab, or runs of spaces — whichever the first data line uses.
 * Lines starting with `#` before the data are header lines (`# name: …`); blank lines at the end are ignored.
 */
export interface NumericTable {
  width: number
  height: number
  /** Row-major values. */
  values: Float64Array
  name?: string
  /** 1-based file line of table row r (0-based). */
  lineOfRow(row: number): number
  /** 1-based line and column of the cell (row, col), both 0-based. */
  locate(row: number, col: number): { line: number; column: number }
}

function separatorOf(line: string): RegExp {
  if (line.includes(',')) return /,/
  if (line.includes(';')) return /;/
  if (line.includes('\t')) return /\t/
  return / +/
}

/** Field start columns (0-based) of one line split by `sep`. */
function fieldColumns(line: string, sep: RegExp): { text: string; column: number }[] {
  const out: { text: string; column: number }[] = []
  const global = new RegExp(sep.source, 'g')
  let start = 0
  // With space separators, leading spaces are not an empty first field.
  if (sep.source === ' +') start = line.length - line.trimStart().length
  for (let m = global.exec(line); m; m = global.exec(line)) {
    if (m.index < start) continue
    out.push({ text: line.slice(start, m.index), column: start })
    start = m.index + m[0].length
  }
  const last = line.slice(start)
  if (!(sep.source === ' +' && last === '' && out.length > 0)) out.push({ text: last, column: start })
  return out
}

export function parseNumericTable(text: string): NumericTable {
  const lines = text.split(/\r?\n/)
  let name: string | undefined
  let k = 0
  for (; k < lines.length; k++) {
    const line = lines[k]
    if (line.trim() === '') continue
    if (!line.startsWith('#')) break
    const m = /^#\s*name\s*:\s*(.*)$/i.exec(line)
    if (m) name = m[1].trim()
  }
  const first = k
  let last = lines.length - 1
  while (last >= first && lines[last].trim() === '') last--
  if (last < first) throw new MazeFormatError(Math.max(1, Math.min(first + 1, lines.length)), 1, 'no data rows found')
  const sep = separatorOf(lines[first])
  const height = last - first + 1
  if (height > MAX_GRID_SIDE) throw new MazeFormatError(first + MAX_GRID_SIDE + 1, 1, `more than ${MAX_GRID_SIDE} rows`)
  let width = -1
  let values = new Float64Array(0)
  for (let r = 0; r < height; r++) {
    const lineNo = first + r + 1
    const line = lines[first + r].replace(/\s+$/, '')
    if (line.trim() === '') throw new MazeFormatError(lineNo, 1, 'blank line inside the table')
    const fields = fieldColumns(line, sep)
    if (width < 0) {
      width = fields.length
      if (width > MAX_GRID_SIDE) throw new MazeFormatError(lineNo, fields[MAX_GRID_SIDE].column + 1, `more than ${MAX_GRID_SIDE} columns`)
      values = new Float64Array(width * height)
    }
    if (fields.length !== width) {
      const col = Math.min(fields.length, width)
      const column = col < fields.length ? fields[col].column + 1 : line.length + 1
      throw new MazeFormatError(lineNo, column, `row has ${fields.length} values, expected ${width} like the first row (line ${first + 1})`)
    }
    for (let c = 0; c < width; c++) {
      const f = fields[c]
      const t = f.text.trim()
      const v = t === '' ? NaN : Number(t)
      if (!Number.isFinite(v)) {
        const column = f.column + 1 + (f.text.length - f.text.trimStart().length)
        throw new MazeFormatError(lineNo, column, t === '' ? 'empty value' : `"${t}" is not a finite number`)
      }
      values[r * width + c] = v
    }
  }
  return {
    width,
    height,
    values,
    ...(name ? { name } : {}),
    lineOfRow: (row) => first + row + 1,
    locate: (row, col) => {
      const line = lines[first + row]
      const f = fieldColumns(line.replace(/\s+$/, ''), sep)[col]
      return { line: first + row + 1, column: f.column + 1 + (f.text.length - f.text.trimStart().length) }
    }
  }
}
