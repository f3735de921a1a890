// Relative imports (not @core): vitest has no @core alias, and this module is unit-tested.
import { RandomStream } from '../../../../../src-core/random'
import { CELL_GOAL, CELL_PENALTY, CELL_WALL, type Grid } from '../../../../../src-core/env/grid'
import { perfectMaze } from '../../../../../src-core/env/generators/perfect-maze'
import { roomsAndCorridors } from '../../../../../src-core/env/generators/rooms-and-corridors'
import { morrisArena, type MorrisQuadrant } from '../../../../../src-core/env/generators/morris-arena'
import { syntheticElevation } from '../../../../../src-core/env/generators/terrain-generator'
import { slopeDegrees, terrainFromElevation, TERRAIN_DEFAULTS } from '../../../../../src-core/env/terrain'

/** What the generator form asks for; every generator is seeded, so the same request gives the same grid. */
export type GeneratorRequest =
  | { kind: 'backtracker' | 'prim'; width: number; height: number; seed: number }
  | { kind: 'rooms'; width: number; height: number; seed: number; roomCount: number }
  | { kind: 'morris'; poolDiameterCells: number; platformDiameterCells: number; platformQuadrant: MorrisQuadrant }
  | {
      kind: 'terrain'
      width: number
      height: number
      seed: number
      /** Slope threshold (degrees) above which a cell is steep. */
      maxSlopeDeg: number
      /** Steep cells become obstacles (walls) or penalty cells of `steepPenaltyPoints`. */
      steep: 'obstacles' | 'penalties'
      steepPenaltyPoints: number
      /** Craters (our default: one per 1500 cells). */
      craterCount?: number
    }

/** Perfect mazes need odd sides: round up (and say so in the description). */
const odd = (n: number) => (n % 2 === 0 ? n + 1 : n)

/** Builds the grid and a one-line description for the library's "source" column. */
export function generate(req: GeneratorRequest): { grid: Grid; source: string } {
  switch (req.kind) {
    case 'backtracker':
    case 'prim': {
      const width = odd(req.width)
      const height = odd(req.height)
      const grid = perfectMaze(RandomStream.fromSeed(req.seed), { width, height, algorithm: req.kind })
      return { grid, source: `generated: perfect maze (${req.kind === 'prim' ? 'Prim' : 'recursive backtracker'}) ${width}×${height}, seed ${req.seed}` }
    }
    case 'rooms': {
      const grid = roomsAndCorridors(RandomStream.fromSeed(req.seed), { width: req.width, height: req.height, roomCount: req.roomCount })
      return { grid, source: `generated: ${req.roomCount} rooms and corridors ${req.width}×${req.height}, seed ${req.seed}` }
    }
    case 'morris': {
      const grid = morrisArena({ poolDiameterCells: req.poolDiameterCells, platformDiameterCells: req.platformDiameterCells, platformQuadrant: req.platformQuadrant })
      return { grid, source: `generated: Morris arena ⌀${req.poolDiameterCells} cells, platform ⌀${req.platformDiameterCells} in ${req.platformQuadrant}` }
    }
    case 'terrain': {
      const { width, height, seed } = req
      // Our default: below 128 cells a side (the synthetic Mars terrain: 6 m relief, craters of 3–12 cells),
      // relief and crater radii shrink with √(side / 128): a 20×20 terrain (seed 7) has ≈ 14 % obstacles, not ≈ 90 %.
      const scale = Math.min(1, Math.sqrt(Math.min(width, height) / 128))
      const elevationM = syntheticElevation(RandomStream.fromSeed(seed), {
        width,
        height,
        reliefM: 6 * scale,
        craterRadiusCells: [Math.max(1, Math.round(3 * scale)), Math.max(2, Math.round(12 * scale))],
        ...(req.craterCount !== undefined ? { craterCount: req.craterCount } : {})
      })
      const what = `generated: terrain ${width}×${height}, seed ${seed}, slopes over ${req.maxSlopeDeg}° → ${req.steep === 'obstacles' ? 'obstacles' : `penalty ${req.steepPenaltyPoints}`}`
      if (req.steep === 'obstacles') {
        return { grid: terrainFromElevation({ elevationM, width, height, maxSlopeDeg: req.maxSlopeDeg }).grid, source: what }
      }
      // Steep cells as penalties: build with no obstacles (gentle slopes keep their slope penalty), then mark the steep cells.
      if (!(req.steepPenaltyPoints > 0)) throw new RangeError(`the penalty of a steep cell must be > 0 points, got ${req.steepPenaltyPoints}`)
      const grid = terrainFromElevation({ elevationM, width, height, maxSlopeDeg: 90 }).grid
      const slope = slopeDegrees(elevationM, width, height, TERRAIN_DEFAULTS.metresPerPixel)
      for (let i = 0; i < grid.cells.length; i++) {
        if (slope[i] <= req.maxSlopeDeg || grid.cells[i] === CELL_GOAL || grid.cells[i] === CELL_WALL || grid.starts.includes(i)) continue
        grid.cells[i] = CELL_PENALTY
        grid.penalty ??= new Float32Array(grid.cells.length)
        grid.penalty[i] = Math.fround(req.steepPenaltyPoints)
      }
      return { grid, source: what }
    }
  }
}
