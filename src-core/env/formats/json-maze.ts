import { z } from 'zod'
import { CELL_FREE, CELL_GOAL, CELL_PENALTY, CELL_WALL, type Grid } from '../grid'
import { assertValidGrid, MAX_GRID_SIDE } from '../grid-ops'
import { findJsonSyntaxError, locateJsonPath } from './json-locate'
import { MazeFormatError, reachabilityWarnings, type MazeReadResult } from './maze-format-error'

/**
 * The JSON maze format, version 1 (docs/maze-formats.md). Coordinates are 0-based, row 0 at the top.
 *   rows: one string per row: `#` wall, `.` free, `G` goal, `p` penalty cell.
 *   starts: the start cells in order (never walls).
 *   penalties: [row, col, penaltyPoints] for every `p` cell and no other.
 *   elevationM: optional, row-major, one number per cell (terrain, for display).
 */
export const MAZE_JSON_FORMAT = 'rram-workbench.maze'
export const MAZE_JSON_VERSION = 1

const side = z.number().int().min(1).max(MAX_GRID_SIDE)
const coordinate = z.number().int().nonnegative()

export const mazeJsonSchema = z.strictObject({
  format: z.literal(MAZE_JSON_FORMAT),
  version: z.literal(MAZE_JSON_VERSION),
  name: z.string().optional(),
  width: side,
  height: side,
  rows: z.array(z.string().regex(/^[#.Gp]*$/, 'a row may only contain # . G p')),
  starts: z.array(z.strictObject({ row: coordinate, col: coordinate })).min(1, 'at least one start is needed'),
  penalties: z.array(z.tuple([coordinate, coordinate, z.number().positive().finite()])).optional(),
  elevationM: z.array(z.number().finite()).optional()
})
export type MazeJson = z.infer<typeof mazeJsonSchema>

export function readJsonMaze(text: string): MazeReadResult {
  const syntax = findJsonSyntaxError(text)
  if (syntax) throw new MazeFormatError(syntax.line, syntax.column, `invalid JSON: ${syntax.message}`)
  const raw: unknown = JSON.parse(text)
  const at = (path: readonly PropertyKey[]) => locateJsonPath(text, path)
  const fail = (path: readonly PropertyKey[], message: string, columnShift = 0): never => {
    const p = at(path)
    throw new MazeFormatError(p.line, p.column + columnShift, `${path.map(String).join('.') || '(document)'}: ${message}`)
  }
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const o = raw as Record<string, unknown>
    if (o.format !== MAZE_JSON_FORMAT) fail(['format'], `must be "${MAZE_JSON_FORMAT}"`)
    if (typeof o.version === 'number' && o.version > MAZE_JSON_VERSION) {
      fail(['version'], `version ${o.version} was written by a newer workbench; this one reads version ${MAZE_JSON_VERSION}`)
    }
  }
  const parsed = mazeJsonSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    fail(issue.path, issue.message)
  }
  const doc = (parsed as { data: MazeJson }).data
  const { width, height } = doc
  if (doc.rows.length !== height) fail(['rows'], `has ${doc.rows.length} rows, expected height ${height}`)
  const n = width * height
  const cells = new Uint8Array(n)
  let penalty: Float32Array | null = null
  let goals = 0
  for (let r = 0; r < height; r++) {
    const row = doc.rows[r]
    if (row.length !== width) fail(['rows', r], `row ${r} has ${row.length} cells, expected width ${width}`)
    for (let c = 0; c < width; c++) {
      const ch = row[c]
      const i = r * width + c
      if (ch === '#') cells[i] = CELL_WALL
      else if (ch === 'G') {
        cells[i] = CELL_GOAL
        goals++
      } else if (ch === 'p') cells[i] = CELL_PENALTY
      else cells[i] = CELL_FREE
    }
  }
  if (goals === 0) fail(['rows'], 'the maze has no goal cell (G)')
  const entries = doc.penalties ?? []
  for (let k = 0; k < entries.length; k++) {
    const [row, col, points] = entries[k]
    if (row >= height || col >= width) fail(['penalties', k], `cell (${row}, ${col}) is outside the ${width}×${height} grid`)
    const i = row * width + col
    if (cells[i] !== CELL_PENALTY) fail(['penalties', k], `cell (${row}, ${col}) is not a "p" cell`)
    penalty ??= new Float32Array(n)
    if (penalty[i] !== 0) fail(['penalties', k], `cell (${row}, ${col}) is listed twice`)
    penalty[i] = points
  }
  for (let i = 0; i < n; i++) {
    if (cells[i] === CELL_PENALTY && (!penalty || penalty[i] === 0)) {
      const r = Math.floor(i / width)
      fail(['rows', r], `"p" cell (${r}, ${i % width}) has no entry in penalties`, 1 + (i % width))
    }
  }
  const starts: number[] = []
  doc.starts.forEach((s, k) => {
    if (s.row >= height || s.col >= width) fail(['starts', k], `start (${s.row}, ${s.col}) is outside the ${width}×${height} grid`)
    const i = s.row * width + s.col
    if (cells[i] === CELL_WALL) fail(['starts', k], `start (${s.row}, ${s.col}) is a wall`)
    starts.push(i)
  })
  let elevationM: Float32Array | undefined
  if (doc.elevationM) {
    if (doc.elevationM.length !== n) fail(['elevationM'], `has ${doc.elevationM.length} values, expected width × height = ${n}`)
    elevationM = Float32Array.from(doc.elevationM)
  }
  const grid: Grid = { width, height, cells, penalty, starts, ...(elevationM ? { elevationM } : {}) }
  const warnings = reachabilityWarnings(grid, (i) => at(['starts', starts.indexOf(i)]))
  return { grid, warnings, ...(doc.name !== undefined ? { name: doc.name } : {}) }
}

/** Writes a grid as a version-1 JSON maze (keeps start order, penalties and elevation). */
export function writeJsonMaze(grid: Grid, options: { name?: string } = {}): string {
  assertValidGrid(grid)
  const { width, height, cells } = grid
  const rows: string[] = []
  const penalties: [number, number, number][] = []
  for (let r = 0; r < height; r++) {
    let row = ''
    for (let c = 0; c < width; c++) {
      const i = r * width + c
      const k = cells[i]
      row += k === CELL_WALL ? '#' : k === CELL_GOAL ? 'G' : k === CELL_PENALTY ? 'p' : '.'
      if (k === CELL_PENALTY) penalties.push([r, c, grid.penalty![i]])
    }
    rows.push(row)
  }
  // Hand-laid so that each maze row sits on its own line, readable in a text editor.
  const fields: string[] = [`"format": ${JSON.stringify(MAZE_JSON_FORMAT)}`, `"version": ${MAZE_JSON_VERSION}`]
  if (options.name !== undefined) fields.push(`"name": ${JSON.stringify(options.name)}`)
  fields.push(`"width": ${width}`, `"height": ${height}`)
  fields.push(`"rows": [\n${rows.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n ]`)
  const starts = grid.starts.map((i) => ({ row: Math.floor(i / width), col: i % width }))
  fields.push(`"starts": ${JSON.stringify(starts)}`)
  if (penalties.length > 0) fields.push(`"penalties": ${JSON.stringify(penalties)}`)
  if (grid.elevationM) fields.push(`"elevationM": ${JSON.stringify(Array.from(grid.elevationM))}`)
  return `{\n ${fields.join(',\n ')}\n}\n`
}
