/**
 * A grid environment: the shared contract between environments, agents and the experiment loop.
 * Cells are row-major (index = row · width + col), row 0 at the top, col 0 at the left.
 */
export const CELL_FREE = 0
export const CELL_WALL = 1
export const CELL_GOAL = 2
/** A passable cell that costs `penalty[index]` when entered (terrain slope, hazard). */
export const CELL_PENALTY = 3
export type CellKind = typeof CELL_FREE | typeof CELL_WALL | typeof CELL_GOAL | typeof CELL_PENALTY

export interface Grid {
  width: number
  height: number
  /** One CellKind per cell, row-major. */
  cells: Uint8Array
  /** Penalty per cell (our unit: "penalty points", 0 = none); null when the grid has no penalty cells. */
  penalty: Float32Array | null
  /** Start cells (indices), in the order the file lists them; at least one. */
  starts: number[]
  /** Optional elevation per cell in metres (terrain only), for display. */
  elevationM?: Float32Array | null
}

/** The eight moves, in the order N, NE, E, SE, S, SW, W, NW (row offset, col offset). */
export const DIRECTIONS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const
export type Direction = (typeof DIRECTIONS)[number]
export const DIR_DROW = Int8Array.of(-1, -1, 0, 1, 1, 1, 0, -1)
export const DIR_DCOL = Int8Array.of(0, 1, 1, 1, 0, -1, -1, -1)

/** Index of the cell one step in direction d from index i, or -1 when that leaves the grid. */
export function neighbour(grid: Grid, i: number, d: number): number {
  const r = Math.floor(i / grid.width) + DIR_DROW[d]
  const c = (i % grid.width) + DIR_DCOL[d]
  if (r < 0 || c < 0 || r >= grid.height || c >= grid.width) return -1
  return r * grid.width + c
}
