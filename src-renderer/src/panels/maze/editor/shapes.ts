// Relative import (not @core): vitest has no @core alias, and this module is unit-tested.
import { CELL_WALL, DIR_DCOL, DIR_DROW, type Grid } from '../../../../../src-core/env/grid'

/** Cell indices the drawing shapes cover. Pure, so the editor and its tests share them. */

/** Cells on the straight segment from a to b (Bresenham, both ends included). */
export function lineCells(width: number, a: { row: number; col: number }, b: { row: number; col: number }): number[] {
  const out: number[] = []
  let r = a.row
  let c = a.col
  const dr = Math.abs(b.row - a.row)
  const dc = Math.abs(b.col - a.col)
  const sr = a.row < b.row ? 1 : -1
  const sc = a.col < b.col ? 1 : -1
  let err = dc - dr
  for (;;) {
    out.push(r * width + c)
    if (r === b.row && c === b.col) break
    const e2 = 2 * err
    if (e2 > -dr) {
      err -= dr
      c += sc
    }
    if (e2 < dc) {
      err += dc
      r += sr
    }
  }
  return out
}

/** Cells of the rectangle with corners a and b: its outline, or every cell when `filled`. */
export function rectCells(width: number, a: { row: number; col: number }, b: { row: number; col: number }, filled = false): number[] {
  const r0 = Math.min(a.row, b.row)
  const r1 = Math.max(a.row, b.row)
  const c0 = Math.min(a.col, b.col)
  const c1 = Math.max(a.col, b.col)
  const out: number[] = []
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) if (filled || r === r0 || r === r1 || c === c0 || c === c1) out.push(r * width + c)
  }
  return out
}

/**
 * Flood fill from `seed`: the 4-connected region of cells with the seed's kind (and, for penalty
 * cells, the same penalty). 4-connected so a fill does not leak through a diagonal wall joint.
 */
export function floodCells(grid: Grid, seed: number): number[] {
  const { width, height, cells, penalty } = grid
  const kind = cells[seed]
  const p = penalty ? penalty[seed] : 0
  const seen = new Uint8Array(width * height)
  const stack = [seed]
  const out: number[] = []
  seen[seed] = 1
  while (stack.length) {
    const i = stack.pop()!
    out.push(i)
    const r = (i / width) | 0
    const c = i - r * width
    for (let d = 0; d < 8; d += 2) {
      const rr = r + DIR_DROW[d]
      const cc = c + DIR_DCOL[d]
      if (rr < 0 || cc < 0 || rr >= height || cc >= width) continue
      const j = rr * width + cc
      if (seen[j] || cells[j] !== kind || (penalty ? penalty[j] : 0) !== p) continue
      seen[j] = 1
      stack.push(j)
    }
  }
  return out
}

export { CELL_WALL }
