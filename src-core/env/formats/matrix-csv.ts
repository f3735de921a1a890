import { CELL_FREE, CELL_GOAL, CELL_PENALTY, CELL_WALL, type Grid } from '../grid'
import { assertValidGrid, describe, type CellRC } from '../grid-ops'
import { MazeFormatError, reachabilityWarnings, type MazeReadResult } from './maze-format-error'
import { parseNumericTable } from './numeric-csv'

/**
 * The authors' numeric maze matrix as CSV (docs/maze-formats.md): one number per cell, row 1 at the top.
 *   −100 wall, 0 free, 1000 goal — the reward values of the authors' MATLAB model.
 *   1 start — our convention (the authors pass the start separately; so can `options.starts`).
 *   −100 < v < 0 penalty cell of −v points — our convention.
 */
export const MATRIX_WALL = -100 // authors' MATLAB model: wall (penalty) value
export const MATRIX_FREE = 0 // authors' MATLAB model: free cell
export const MATRIX_GOAL = 1000 // authors' MATLAB model: goal (reward) value
export const MATRIX_START = 1 // our convention

export interface MatrixReadOptions {
  /** Start cells (0-based) added after any cells marked 1 in the file. */
  starts?: CellRC[]
}

export function readMatrixCsv(text: string, options: MatrixReadOptions = {}): MazeReadResult {
  const table = parseNumericTable(text)
  const { width, height, values } = table
  const n = width * height
  const cells = new Uint8Array(n)
  let penalty: Float32Array | null = null
  const starts: number[] = []
  let goals = 0
  for (let i = 0; i < n; i++) {
    const v = values[i]
    if (v === MATRIX_WALL) cells[i] = CELL_WALL
    else if (v === MATRIX_FREE) cells[i] = CELL_FREE
    else if (v === MATRIX_GOAL) {
      cells[i] = CELL_GOAL
      goals++
    } else if (v === MATRIX_START) starts.push(i)
    else if (v < 0 && v > MATRIX_WALL) {
      cells[i] = CELL_PENALTY
      penalty ??= new Float32Array(n)
      penalty[i] = -v
    } else {
      const p = table.locate(Math.floor(i / width), i % width)
      throw new MazeFormatError(p.line, p.column, `value ${v} means nothing here: use −100 wall, 0 free, 1000 goal, 1 start, or −100 < v < 0 for a penalty cell`)
    }
  }
  const top = { line: table.lineOfRow(0), column: 1 }
  if (goals === 0) throw new MazeFormatError(top.line, top.column, 'the matrix has no goal cell (1000)')
  for (const s of options.starts ?? []) {
    if (!Number.isInteger(s.row) || !Number.isInteger(s.col) || s.row < 0 || s.col < 0 || s.row >= height || s.col >= width) {
      throw new MazeFormatError(top.line, top.column, `given start (${s.row}, ${s.col}) is outside the ${width}×${height} matrix`)
    }
    const i = s.row * width + s.col
    if (cells[i] === CELL_WALL) {
      const p = table.locate(s.row, s.col)
      throw new MazeFormatError(p.line, p.column, `given start (${s.row}, ${s.col}) is a wall`)
    }
    starts.push(i)
  }
  if (starts.length === 0) throw new MazeFormatError(top.line, top.column, 'no start: mark a cell with 1 or pass the start separately')
  const grid: Grid = { width, height, cells, penalty, starts }
  const warnings = reachabilityWarnings(grid, (i) => table.locate(Math.floor(i / width), i % width))
  return { grid, warnings, ...(table.name ? { name: table.name } : {}) }
}

/** Writes the authors' matrix (comma-separated); starts become 1, so they must be plain free cells. */
export function writeMatrixCsv(grid: Grid, options: { name?: string } = {}): string {
  assertValidGrid(grid)
  const { width, height, cells } = grid
  const isStart = new Uint8Array(cells.length)
  for (const s of grid.starts) {
    if (cells[s] !== CELL_FREE) throw new RangeError(`start at ${describe(grid, s)} is not a plain free cell; the matrix cannot hold it, use JSON`)
    isStart[s] = 1
  }
  const out: string[] = []
  if (options.name) {
    if (/[\r\n]/.test(options.name)) throw new RangeError('maze name must be a single line')
    out.push(`# name: ${options.name}`)
  }
  const row: number[] = new Array<number>(width)
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const i = r * width + c
      const k = cells[i]
      if (isStart[i]) row[c] = MATRIX_START
      else if (k === CELL_WALL) row[c] = MATRIX_WALL
      else if (k === CELL_GOAL) row[c] = MATRIX_GOAL
      else if (k === CELL_PENALTY) {
        const p = grid.penalty![i]
        if (p >= -MATRIX_WALL) throw new RangeError(`penalty ${p} at ${describe(grid, i)} is 100 or more; the matrix holds penalties below 100 only, use JSON`)
        row[c] = -p
      } else row[c] = MATRIX_FREE
    }
    out.push(row.join(','))
  }
  return out.join('\n') + '\n'
}
