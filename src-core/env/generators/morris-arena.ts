import type { RandomStream } from '../../random'
import { CELL_GOAL, CELL_WALL, type Grid } from '../grid'
import { emptyGrid, type CellRC } from '../grid-ops'

/**
 * An open Morris water-maze arena: a circular pool (cells outside it are wall), a hidden platform
 * (the goal disc) in the middle of one quadrant, and four start cells at the pool's edge (N, E, S, W),
 * as in the biological procedure the Bianchi experiments follow.
 * Our default scale: 5 cm per cell, so a 31-cell pool ≈ 1.5 m and a 3-cell platform ≈ 15 cm,
 * the usual sizes for rats (Vorhees & Williams, Nat. Protoc. 2006).
 */
export const MORRIS_QUADRANTS = ['NE', 'SE', 'SW', 'NW'] as const
export type MorrisQuadrant = (typeof MORRIS_QUADRANTS)[number]
export const MORRIS_START_NAMES = ['N', 'E', 'S', 'W'] as const

export interface MorrisArenaOptions {
  /** Pool diameter in cells (our default 31); the grid is this size square. */
  poolDiameterCells?: number
  /** Platform diameter in cells (our default 3). */
  platformDiameterCells?: number
  /** Quadrant that hides the platform (our default NE). */
  platformQuadrant?: MorrisQuadrant
}

export function morrisArena(options: MorrisArenaOptions = {}): Grid {
  const size = options.poolDiameterCells ?? 31 // our default
  const platform = options.platformDiameterCells ?? 3 // our default
  const quadrant = options.platformQuadrant ?? 'NE' // our default
  if (!Number.isInteger(size) || size < 7) throw new RangeError(`poolDiameterCells must be an integer ≥ 7, got ${size}`)
  if (!(platform >= 1 && platform <= size / 4)) throw new RangeError(`platformDiameterCells must be in [1, ${size / 4}], got ${platform}`)
  if (!MORRIS_QUADRANTS.includes(quadrant)) throw new RangeError(`platformQuadrant must be one of ${MORRIS_QUADRANTS.join(', ')}`)
  const grid = emptyGrid(size, size)
  const centre = (size - 1) / 2
  const radius = size / 2
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      if ((r - centre) ** 2 + (c - centre) ** 2 > radius ** 2) grid.cells[r * size + c] = CELL_WALL
    }
  }
  // Platform centre: halfway out along the quadrant's diagonal.
  const off = radius / 2 / Math.SQRT2
  const pr = centre + (quadrant === 'NE' || quadrant === 'NW' ? -off : off)
  const pc = centre + (quadrant === 'NE' || quadrant === 'SE' ? off : -off)
  const pRadius = platform / 2
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      if ((r - pr) ** 2 + (c - pc) ** 2 <= pRadius ** 2 + 1e-9) grid.cells[r * size + c] = CELL_GOAL
    }
  }
  if (!grid.cells.includes(CELL_GOAL)) grid.cells[Math.round(pr) * size + Math.round(pc)] = CELL_GOAL
  for (const s of morrisStartCells(size)) grid.starts.push(s.row * size + s.col)
  return grid
}

/** The four start cells N, E, S, W: the free cells at the pool's edge on the two axes. */
export function morrisStartCells(poolDiameterCells: number): CellRC[] {
  const mid = Math.floor(poolDiameterCells / 2)
  const last = poolDiameterCells - 1
  return [
    { row: 0, col: mid },
    { row: mid, col: last },
    { row: last, col: mid },
    { row: mid, col: 0 }
  ]
}

/**
 * Start cell per trial for the Morris protocol: trials come in blocks of four, each block visiting
 * N, E, S, W in a fresh random order (the usual semi-random sequence). Entries are 1-based by trial.
 */
export function morrisStartSequence(stream: RandomStream, trialCount: number, poolDiameterCells = 31): { fromTrial: number; start: CellRC }[] {
  if (!Number.isInteger(trialCount) || trialCount < 1) throw new RangeError(`trialCount must be a positive integer, got ${trialCount}`)
  const cells = morrisStartCells(poolDiameterCells)
  const out: { fromTrial: number; start: CellRC }[] = []
  for (let block = 0; block * 4 < trialCount; block++) {
    const order = [0, 1, 2, 3]
    for (let k = 3; k > 0; k--) {
      const j = stream.int(k + 1)
      ;[order[k], order[j]] = [order[j], order[k]]
    }
    for (let k = 0; k < 4 && block * 4 + k < trialCount; k++) out.push({ fromTrial: block * 4 + k + 1, start: cells[order[k]] })
  }
  return out
}
