import { connectedComponents, isGoalReachable } from './bfs'
import { CELL_FREE, CELL_GOAL, CELL_PENALTY, CELL_WALL, DIR_DCOL, DIR_DROW, type Grid } from './grid'
import { checkSize, type CellRC } from './grid-ops'
import type { MazeWarning } from './formats/maze-format-error'

/**
 * A terrain environment from an elevation grid: steep cells become obstacles, the others carry a
 * penalty proportional to their slope (see `slopeDegrees`).
 */
export interface TerrainOptions {
  /** Row-major elevation in metres, width × height values. */
  elevationM: ArrayLike<number>
  width: number
  height: number
  /** Ground distance between neighbouring cells (our default 1 m, about a HiRISE elevation post). */
  metresPerPixel?: number
  /** Cells steeper than this are obstacles (our default 25°, within a Mars rover's ~30° tilt limit). */
  maxSlopeDeg?: number
  /** Penalty points per degree of slope on passable cells (our default 0.1; 0 = no penalty cells). */
  penaltyPerSlopeDeg?: number
  /** Start cell; default: the passable cell nearest the top-left corner in the largest connected region. */
  start?: CellRC
  /** Goal cell; default: the cell of the start's region nearest the bottom-right corner. */
  goal?: CellRC
}

export const TERRAIN_DEFAULTS = {
  metresPerPixel: 1, // our default
  maxSlopeDeg: 25, // our default
  penaltyPerSlopeDeg: 0.1 // our default
} as const

/**
 * Slope in degrees of every cell: the steepest rise or fall to any of its eight neighbours
 * (diagonals over √2 pixels). Our choice, for traversability: unlike a central-difference gradient
 * it does not call the flat top of a one-cell spike level.
 */
export function slopeDegrees(elevationM: ArrayLike<number>, width: number, height: number, metresPerPixel: number): Float32Array {
  const out = new Float32Array(width * height)
  const toDeg = 180 / Math.PI
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const z = elevationM[r * width + c]
      let steepest = 0
      for (let d = 0; d < 8; d++) {
        const rr = r + DIR_DROW[d]
        const cc = c + DIR_DCOL[d]
        if (rr < 0 || cc < 0 || rr >= height || cc >= width) continue
        const run = (DIR_DROW[d] !== 0 && DIR_DCOL[d] !== 0 ? Math.SQRT2 : 1) * metresPerPixel
        const g = Math.abs(elevationM[rr * width + cc] - z) / run
        if (g > steepest) steepest = g
      }
      out[r * width + c] = Math.atan(steepest) * toDeg
    }
  }
  return out
}

function nearestInRegion(grid: Grid, label: Int32Array, region: number, corner: CellRC): number {
  let best = -1
  let bestD = Infinity
  for (let i = 0; i < label.length; i++) {
    if (label[i] !== region) continue
    const r = Math.floor(i / grid.width)
    const d = (r - corner.row) ** 2 + (i - r * grid.width - corner.col) ** 2
    if (d < bestD) {
      bestD = d
      best = i
    }
  }
  return best
}

/** Builds the terrain grid. Throws RangeError for bad sizes (over 4096 per side), bad values, or start/goal on an obstacle. */
export function terrainFromElevation(options: TerrainOptions): { grid: Grid; warnings: MazeWarning[] } {
  const { elevationM, width, height } = options
  checkSize(width, height)
  const n = width * height
  if (elevationM.length !== n) throw new RangeError(`elevationM has ${elevationM.length} values, expected width × height = ${n}`)
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(elevationM[i])) throw new RangeError(`elevation at row ${Math.floor(i / width)}, col ${i % width} is not finite`)
  }
  const metresPerPixel = options.metresPerPixel ?? TERRAIN_DEFAULTS.metresPerPixel
  const maxSlopeDeg = options.maxSlopeDeg ?? TERRAIN_DEFAULTS.maxSlopeDeg
  const penaltyPerSlopeDeg = options.penaltyPerSlopeDeg ?? TERRAIN_DEFAULTS.penaltyPerSlopeDeg
  if (!(metresPerPixel > 0) || !Number.isFinite(metresPerPixel)) throw new RangeError(`metresPerPixel must be positive, got ${metresPerPixel}`)
  if (!(maxSlopeDeg > 0 && maxSlopeDeg <= 90)) throw new RangeError(`maxSlopeDeg must be in (0, 90], got ${maxSlopeDeg}`)
  if (!(penaltyPerSlopeDeg >= 0) || !Number.isFinite(penaltyPerSlopeDeg)) throw new RangeError(`penaltyPerSlopeDeg must be ≥ 0, got ${penaltyPerSlopeDeg}`)

  const slope = slopeDegrees(elevationM, width, height, metresPerPixel)
  const cells = new Uint8Array(n)
  let penalty: Float32Array | null = null
  for (let i = 0; i < n; i++) {
    const s = slope[i]
    if (s > maxSlopeDeg) cells[i] = CELL_WALL
    else if (penaltyPerSlopeDeg > 0 && s > 0) {
      const p = Math.fround(s * penaltyPerSlopeDeg)
      if (p > 0) {
        cells[i] = CELL_PENALTY
        penalty ??= new Float32Array(n)
        penalty[i] = p
      }
    } else cells[i] = CELL_FREE
  }
  const grid: Grid = { width, height, cells, penalty, starts: [], elevationM: Float32Array.from(elevationM) }

  const place = (at: CellRC, what: string): number => {
    if (!Number.isInteger(at.row) || !Number.isInteger(at.col) || at.row < 0 || at.col < 0 || at.row >= height || at.col >= width) {
      throw new RangeError(`${what} (${at.row}, ${at.col}) is outside the ${width}×${height} terrain`)
    }
    const i = at.row * width + at.col
    if (cells[i] === CELL_WALL) throw new RangeError(`${what} (${at.row}, ${at.col}) is steeper than ${maxSlopeDeg}° (an obstacle)`)
    return i
  }
  let start = options.start ? place(options.start, 'start') : -1
  let goal = options.goal ? place(options.goal, 'goal') : -1
  if (start < 0 || goal < 0) {
    const { label, sizes } = connectedComponents(grid)
    if (sizes.length === 0) throw new RangeError(`every cell is steeper than ${maxSlopeDeg}°: no passable terrain`)
    let largest = 0
    for (let k = 1; k < sizes.length; k++) if (sizes[k] > sizes[largest]) largest = k
    const region = start >= 0 ? label[start] : goal >= 0 ? label[goal] : largest
    if (start < 0) start = nearestInRegion(grid, label, region, { row: 0, col: 0 })
    if (goal < 0) goal = nearestInRegion(grid, label, region, { row: height - 1, col: width - 1 })
    if (start === goal) throw new RangeError('the passable region is a single cell: no room for a start and a distinct goal')
  }
  if (start === goal) throw new RangeError('start and goal are the same cell')
  cells[goal] = CELL_GOAL
  if (penalty) penalty[goal] = 0
  grid.starts.push(start)
  const warnings: MazeWarning[] = isGoalReachable(grid, start) ? [] : [{ message: 'the goal cannot be reached from the start over passable terrain' }]
  return { grid, warnings }
}
