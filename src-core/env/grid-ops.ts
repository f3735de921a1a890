import { CELL_FREE, CELL_GOAL, CELL_PENALTY, CELL_WALL, type Grid } from './grid'

/** A cell position, 0-based, row 0 at the top. Files and schedules use this form too. */
export interface CellRC {
  row: number
  col: number
}

/** Sides above this are refused (memory: a 4096² grid already needs ~200 MB of BFS workspace). */
export const MAX_GRID_SIDE = 4096

/** A grid of the given size, every cell free, no starts yet. */
export function emptyGrid(width: number, height: number): Grid {
  checkSize(width, height)
  return { width, height, cells: new Uint8Array(width * height), penalty: null, starts: [] }
}

/** A grid of the given size, every cell wall, no starts yet (generators carve into it). */
export function solidGrid(width: number, height: number): Grid {
  const g = emptyGrid(width, height)
  g.cells.fill(CELL_WALL)
  return g
}

export function checkSize(width: number, height: number): void {
  for (const [name, v] of [
    ['width', width],
    ['height', height]
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}`)
    if (v > MAX_GRID_SIDE) throw new RangeError(`${name} ${v} exceeds the limit of ${MAX_GRID_SIDE} cells`)
  }
}

export function indexOf(grid: Grid, at: CellRC): number {
  return at.row * grid.width + at.col
}

export function rcOf(grid: Grid, index: number): CellRC {
  const row = Math.floor(index / grid.width)
  return { row, col: index - row * grid.width }
}

export function inBounds(grid: Grid, at: CellRC): boolean {
  return Number.isInteger(at.row) && Number.isInteger(at.col) && at.row >= 0 && at.col >= 0 && at.row < grid.height && at.col < grid.width
}

export function isPassable(grid: Grid, index: number): boolean {
  return grid.cells[index] !== CELL_WALL
}

/** Indices of all goal cells, ascending. */
export function goalIndices(grid: Grid): number[] {
  const out: number[] = []
  for (let i = 0; i < grid.cells.length; i++) if (grid.cells[i] === CELL_GOAL) out.push(i)
  return out
}

/** Deep copy (typed arrays copied). */
export function cloneGrid(grid: Grid): Grid {
  return {
    width: grid.width,
    height: grid.height,
    cells: grid.cells.slice(),
    penalty: grid.penalty ? grid.penalty.slice() : null,
    starts: grid.starts.slice(),
    ...(grid.elevationM ? { elevationM: grid.elevationM.slice() } : {})
  }
}

/** Number of cells whose kind differs between two grids of the same size. */
export function countDifferentCells(a: Grid, b: Grid): number {
  if (a.width !== b.width || a.height !== b.height) {
    throw new RangeError(`grids differ in size: ${a.width}×${a.height} vs ${b.width}×${b.height}`)
  }
  let n = 0
  for (let i = 0; i < a.cells.length; i++) if (a.cells[i] !== b.cells[i]) n++
  return n
}

/** Set a cell's kind; a penalty cell gets `penaltyPoints` (> 0), any other kind clears the penalty. */
export function setCell(grid: Grid, index: number, kind: number, penaltyPoints = 0): void {
  grid.cells[index] = kind
  if (kind === CELL_PENALTY) {
    if (!(penaltyPoints > 0) || !Number.isFinite(penaltyPoints)) {
      throw new RangeError(`penalty cell needs a positive finite penalty, got ${penaltyPoints}`)
    }
    if (!grid.penalty) grid.penalty = new Float32Array(grid.cells.length)
    grid.penalty[index] = penaltyPoints
  } else if (grid.penalty) {
    grid.penalty[index] = 0
  }
}

/**
 * Throws a RangeError naming the first broken invariant of the Grid contract:
 * sizes, cell kinds, penalties only on penalty cells, at least one goal, starts in range and not walls.
 */
export function assertValidGrid(grid: Grid): void {
  checkSize(grid.width, grid.height)
  const n = grid.width * grid.height
  if (grid.cells.length !== n) throw new RangeError(`cells has ${grid.cells.length} entries, expected ${n}`)
  if (grid.penalty && grid.penalty.length !== n) throw new RangeError(`penalty has ${grid.penalty.length} entries, expected ${n}`)
  if (grid.elevationM && grid.elevationM.length !== n) {
    throw new RangeError(`elevationM has ${grid.elevationM.length} entries, expected ${n}`)
  }
  let goals = 0
  for (let i = 0; i < n; i++) {
    const k = grid.cells[i]
    if (k > CELL_PENALTY) throw new RangeError(`cell ${describe(grid, i)} has unknown kind ${k}`)
    if (k === CELL_GOAL) goals++
    const p = grid.penalty ? grid.penalty[i] : 0
    if (k === CELL_PENALTY && !(p > 0 && Number.isFinite(p))) {
      throw new RangeError(`penalty cell ${describe(grid, i)} needs a positive finite penalty, got ${p}`)
    }
    if (k !== CELL_PENALTY && p !== 0) throw new RangeError(`cell ${describe(grid, i)} is not a penalty cell but has penalty ${p}`)
  }
  if (goals === 0) throw new RangeError('grid has no goal cell')
  if (grid.starts.length === 0) throw new RangeError('grid has no start cell')
  for (const s of grid.starts) {
    if (!Number.isInteger(s) || s < 0 || s >= n) throw new RangeError(`start index ${s} is outside the grid`)
    if (grid.cells[s] === CELL_WALL) throw new RangeError(`start ${describe(grid, s)} is a wall`)
  }
}

/** "row r, col c" (0-based), for messages. */
export function describe(grid: Grid, index: number): string {
  const { row, col } = rcOf(grid, index)
  return `row ${row}, col ${col}`
}

export { CELL_FREE, CELL_GOAL, CELL_PENALTY, CELL_WALL }
