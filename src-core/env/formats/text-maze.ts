import { CELL_FREE, CELL_GOAL, CELL_PENALTY, CELL_WALL, type Grid } from '../grid'
import { assertValidGrid, checkSize, describe } from '../grid-ops'
import { MazeFormatError, reachabilityWarnings, type MazeReadResult } from './maze-format-error'

/**
 * The text maze format (docs/maze-formats.md): one character per cell, row 1 at the top.
 *   `#` wall, `.` free, `G` goal, `S` start (a free cell), `1`–`9` penalty cells (penalty = the digit,
 *   our default), other characters only when a `# legend:` header line gives their penalty.
 * Header lines, before the first maze row, start with `#` and a space: `# name: …`, `# legend: p=10 h=2.5`;
 * other header lines are comments. Maze rows contain no spaces, so they never look like header lines.
 */
const RESERVED = new Set(['#', '.', 'G', 'S'])
/** Characters the writer gives to non-digit penalties (G and S are taken). */
const WRITER_SYMBOLS = 'abcdefghijklmnopqrstuvwxyzABCDEFHIJKLMNOPQRTUVWXYZ'

function isHeaderLine(line: string): boolean {
  return /^#[ \t]/.test(line)
}

function defaultLegend(): Map<string, number> {
  const m = new Map<string, number>()
  for (let d = 1; d <= 9; d++) m.set(String(d), d) // our default: digit d = penalty of d points
  return m
}

function parseLegend(value: string, lineNo: number, valueColumn: number, legend: Map<string, number>): void {
  const re = /[^\s,]+/g
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const token = m[0]
    const column = valueColumn + m.index
    const eq = token.indexOf('=')
    if (eq !== 1) throw new MazeFormatError(lineNo, column, `legend entry "${token}" must look like p=10 (one character, =, a penalty)`)
    const symbol = token[0]
    if (RESERVED.has(symbol)) throw new MazeFormatError(lineNo, column, `"${symbol}" is reserved (# . G S) and cannot be a penalty symbol`)
    const penalty = Number(token.slice(2))
    if (token.length === 2 || !Number.isFinite(penalty) || penalty <= 0) {
      throw new MazeFormatError(lineNo, column + 2, `penalty for "${symbol}" must be a positive number, got "${token.slice(2)}"`)
    }
    legend.set(symbol, Math.fround(penalty))
  }
}

/** Reads a text maze. Throws MazeFormatError (1-based line and column); an unreachable goal is a warning. */
export function readTextMaze(text: string): MazeReadResult {
  const lines = text.split(/\r?\n/)
  const legend = defaultLegend()
  let name: string | undefined
  let k = 0
  for (; k < lines.length; k++) {
    const line = lines[k]
    if (line.trim() === '') continue
    if (!isHeaderLine(line)) break
    const m = /^#[ \t]+([A-Za-z-]+)[ \t]*:[ \t]*(.*)$/.exec(line)
    if (!m) continue // a comment
    const key = m[1].toLowerCase()
    const valueColumn = line.length - m[2].length + 1
    if (key === 'name') name = m[2].trim()
    else if (key === 'legend') parseLegend(m[2], k + 1, valueColumn, legend)
  }
  const firstRowLine = k + 1
  const rows: string[] = []
  for (; k < lines.length; k++) {
    const row = lines[k].replace(/[ \t]+$/, '')
    if (row === '') break
    if (isHeaderLine(row)) throw new MazeFormatError(k + 1, 1, 'header lines (# name:, # legend:, comments) must come before the first maze row')
    rows.push(row)
  }
  for (let j = k; j < lines.length; j++) {
    if (lines[j].trim() !== '') throw new MazeFormatError(k + 1, 1, `blank line inside the maze (more rows follow at line ${j + 1})`)
  }
  if (rows.length === 0) throw new MazeFormatError(Math.min(firstRowLine, lines.length), 1, 'no maze rows found')
  const width = rows[0].length
  const height = rows.length
  try {
    checkSize(width, height)
  } catch (e) {
    throw new MazeFormatError(firstRowLine, 1, (e as Error).message)
  }
  const cells = new Uint8Array(width * height)
  let penalty: Float32Array | null = null
  const starts: number[] = []
  let goals = 0
  for (let r = 0; r < height; r++) {
    const row = rows[r]
    const lineNo = firstRowLine + r
    if (row.length !== width) {
      throw new MazeFormatError(lineNo, Math.min(row.length, width) + 1, `row has ${row.length} cells, expected ${width} like the first row (line ${firstRowLine})`)
    }
    for (let c = 0; c < width; c++) {
      const ch = row[c]
      const i = r * width + c
      if (ch === '#') cells[i] = CELL_WALL
      else if (ch === '.') cells[i] = CELL_FREE
      else if (ch === 'G') {
        cells[i] = CELL_GOAL
        goals++
      } else if (ch === 'S') {
        cells[i] = CELL_FREE
        starts.push(i)
      } else if (legend.has(ch)) {
        cells[i] = CELL_PENALTY
        penalty ??= new Float32Array(width * height)
        penalty[i] = legend.get(ch)!
      } else {
        const shown = JSON.stringify(ch)
        throw new MazeFormatError(lineNo, c + 1, `unknown character ${shown}: use # . G S, 1-9, or declare it in a "# legend: ${ch}=<penalty>" header line`)
      }
    }
  }
  if (goals === 0) throw new MazeFormatError(firstRowLine, 1, 'the maze has no goal cell (G)')
  if (starts.length === 0) throw new MazeFormatError(firstRowLine, 1, 'the maze has no start cell (S)')
  const grid: Grid = { width, height, cells, penalty, starts }
  const warnings = reachabilityWarnings(grid, (i) => ({ line: firstRowLine + Math.floor(i / width), column: (i % width) + 1 }))
  return { grid, warnings, ...(name !== undefined && name !== '' ? { name } : {}) }
}

/**
 * Writes a grid as a text maze. Integer penalties 1–9 become digits, other penalty values get letters
 * declared in a `# legend:` line. Elevation is not kept (use JSON). Start cells must be plain free cells.
 */
export function writeTextMaze(grid: Grid, options: { name?: string } = {}): string {
  assertValidGrid(grid)
  const { width, height, cells, penalty } = grid
  const symbolOf = new Map<number, string>()
  const legendEntries: string[] = []
  let nextSymbol = 0
  if (penalty) {
    for (let i = 0; i < cells.length; i++) {
      if (cells[i] !== CELL_PENALTY) continue
      const p = penalty[i]
      if (symbolOf.has(p)) continue
      if (Number.isInteger(p) && p >= 1 && p <= 9) symbolOf.set(p, String(p))
      else {
        if (nextSymbol >= WRITER_SYMBOLS.length) {
          throw new RangeError(`the grid has more than ${WRITER_SYMBOLS.length} distinct non-digit penalty values; the text format cannot hold them, use JSON`)
        }
        const s = WRITER_SYMBOLS[nextSymbol++]
        symbolOf.set(p, s)
        legendEntries.push(`${s}=${p}`)
      }
    }
  }
  const isStart = new Uint8Array(cells.length)
  for (const s of grid.starts) {
    if (cells[s] !== CELL_FREE) throw new RangeError(`start at ${describe(grid, s)} is not a plain free cell; the text format cannot hold it, use JSON`)
    isStart[s] = 1
  }
  const out: string[] = []
  if (options.name) {
    if (/[\r\n]/.test(options.name)) throw new RangeError('maze name must be a single line')
    out.push(`# name: ${options.name}`)
  }
  if (legendEntries.length > 0) out.push(`# legend: ${legendEntries.join(' ')}`)
  const row: string[] = new Array<string>(width)
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const i = r * width + c
      const k = cells[i]
      row[c] = isStart[i] ? 'S' : k === CELL_WALL ? '#' : k === CELL_GOAL ? 'G' : k === CELL_PENALTY ? symbolOf.get(penalty![i])! : '.'
    }
    out.push(row.join(''))
  }
  return out.join('\n') + '\n'
}
