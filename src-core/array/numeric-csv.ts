/** A rectangular numeric matrix read from CSV text (row 1 is the top row of the array). */
export interface NumericMatrix {
  rows: number
  cols: number
  values: Float64Array
}

export class NumericCsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column?: number
  ) {
    super(column === undefined ? `line ${line}: ${message}` : `line ${line}, column ${column}: ${message}`)
    this.name = 'NumericCsvError'
  }
}

/**
 * Parse a numeric CSV (comma, semicolon or tab separated; blank lines and lines starting with # are
 * skipped). Every row must have the same number of values; errors name the line and column.
 */
export function parseNumericCsv(text: string, maxSide = 1024): NumericMatrix {
  const lines = text.split(/\r?\n/)
  const rowsOut: number[][] = []
  let cols = -1
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim()
    if (line === '' || line.startsWith('#')) continue
    const cells = line.split(/[,;\t]/)
    if (cells[cells.length - 1].trim() === '') cells.pop()
    const row = cells.map((cell, j) => {
      const s = cell.trim()
      const v = s === '' ? NaN : Number(s)
      if (!Number.isFinite(v)) throw new NumericCsvError(`"${s}" is not a number`, i + 1, j + 1)
      return v
    })
    if (cols === -1) cols = row.length
    else if (row.length !== cols) throw new NumericCsvError(`expected ${cols} values like the first row, got ${row.length}`, i + 1)
    rowsOut.push(row)
    if (rowsOut.length > maxSide) throw new NumericCsvError(`more than ${maxSide} rows`, i + 1)
  }
  if (rowsOut.length === 0) throw new NumericCsvError('no numbers found', 1)
  if (cols > maxSide) throw new NumericCsvError(`more than ${maxSide} columns`, 1)
  const values = new Float64Array(rowsOut.length * cols)
  rowsOut.forEach((row, r) => values.set(row, r * cols))
  return { rows: rowsOut.length, cols, values }
}
