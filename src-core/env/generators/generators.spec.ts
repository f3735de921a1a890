import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RandomStream } from '../../random'
import { isGoalReachable, reachableFrom, shortestStepsToGoal } from '../bfs'
import { CELL_GOAL, CELL_PENALTY, CELL_WALL, type Grid } from '../grid'
import { assertValidGrid } from '../grid-ops'
import { morrisArena, morrisStartSequence } from './morris-arena'
import { perfectMaze } from './perfect-maze'
import { roomsAndCorridors } from './rooms-and-corridors'
import { syntheticTerrain } from './terrain-generator'

const same = (a: Grid, b: Grid) => Array.from(a.cells).join('') === Array.from(b.cells).join('') && a.starts.join() === b.starts.join()
const passableCount = (g: Grid) => g.cells.filter((k) => k !== CELL_WALL).length
const count = (m: Uint8Array) => m.reduce((a, b) => a + b, 0)

describe('perfectMaze', () => {
  it('is seeded: same seed ⇒ same maze, other seed ⇒ another maze', () => {
    for (const algorithm of ['backtracker', 'prim'] as const) {
      const a = perfectMaze(RandomStream.fromSeed(5), { width: 21, height: 15, algorithm })
      const b = perfectMaze(RandomStream.fromSeed(5), { width: 21, height: 15, algorithm })
      const c = perfectMaze(RandomStream.fromSeed(6), { width: 21, height: 15, algorithm })
      expect(same(a, b)).toBe(true)
      expect(same(a, c)).toBe(false)
    }
  })

  it('property: every free cell is reachable from the start, the goal included, and it is a tree', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.integer(), fc.constantFrom('backtracker' as const, 'prim' as const), (rw, rh, seed, algorithm) => {
        fc.pre(rw * rh >= 2)
        const g = perfectMaze(RandomStream.fromSeed(seed), { width: 2 * rw + 1, height: 2 * rh + 1, algorithm })
        assertValidGrid(g)
        expect(count(reachableFrom(g, g.starts[0]))).toBe(passableCount(g))
        expect(isGoalReachable(g, g.starts[0])).toBe(true)
        // A spanning tree of rw·rh rooms opens rw·rh rooms plus rw·rh − 1 joining cells.
        expect(passableCount(g)).toBe(2 * rw * rh - 1)
      }),
      { numRuns: 150 }
    )
  })

  it('refuses even or too small sizes with the field named', () => {
    expect(() => perfectMaze(RandomStream.fromSeed(1), { width: 20, height: 15 })).toThrow(/width must be an odd integer/)
    expect(() => perfectMaze(RandomStream.fromSeed(1), { width: 3, height: 3 })).toThrow(/single room/)
  })
})

describe('roomsAndCorridors', () => {
  it('is seeded and always connects start and goal', () => {
    for (let seed = 0; seed < 30; seed++) {
      const g = roomsAndCorridors(RandomStream.fromSeed(seed), { width: 40, height: 30 })
      assertValidGrid(g)
      expect(count(reachableFrom(g, g.starts[0]))).toBe(passableCount(g))
      expect(Number.isFinite(shortestStepsToGoal(g, g.starts[0]))).toBe(true)
    }
    const a = roomsAndCorridors(RandomStream.fromSeed(3), { width: 40, height: 30 })
    expect(same(a, roomsAndCorridors(RandomStream.fromSeed(3), { width: 40, height: 30 }))).toBe(true)
    expect(same(a, roomsAndCorridors(RandomStream.fromSeed(4), { width: 40, height: 30 }))).toBe(false)
  })
})

describe('morrisArena', () => {
  it('is a round pool with a goal in the chosen quadrant reachable from all four starts', () => {
    const g = morrisArena({ poolDiameterCells: 31, platformQuadrant: 'SW' })
    assertValidGrid(g)
    expect(g.starts).toHaveLength(4)
    expect(g.cells[0]).toBe(CELL_WALL) // corner outside the pool
    expect(g.cells[15 * 31 + 15]).not.toBe(CELL_WALL) // centre
    for (const s of g.starts) expect(isGoalReachable(g, s)).toBe(true)
    const goal = g.cells.indexOf(CELL_GOAL)
    expect(Math.floor(goal / 31)).toBeGreaterThan(15) // south
    expect(goal % 31).toBeLessThan(15) // west
    // Pool area ≈ π r² within a few per cent.
    expect(passableCount(g) / (Math.PI * 15.5 ** 2)).toBeCloseTo(1, 1)
  })

  it('visits each of N, E, S, W once per block of four trials, seeded', () => {
    const seq = morrisStartSequence(RandomStream.fromSeed(9), 20)
    expect(seq.map((e) => e.fromTrial)).toEqual(Array.from({ length: 20 }, (_, k) => k + 1))
    for (let b = 0; b < 5; b++) expect(new Set(seq.slice(4 * b, 4 * b + 4).map((e) => `${e.start.row},${e.start.col}`)).size).toBe(4)
    expect(morrisStartSequence(RandomStream.fromSeed(9), 20)).toEqual(seq)
    expect(morrisStartSequence(RandomStream.fromSeed(10), 20)).not.toEqual(seq)
  })
})

describe('syntheticTerrain', () => {
  it('is seeded, has obstacles and penalties, and always a reachable goal far from the start', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const { grid, warnings } = syntheticTerrain(RandomStream.fromSeed(seed), { width: 64, height: 48, reliefM: 3 })
      assertValidGrid(grid)
      expect(warnings).toEqual([])
      const steps = shortestStepsToGoal(grid, grid.starts[0])
      expect(steps).toBeGreaterThanOrEqual(30) // more than half the 64-cell width apart
      expect(grid.cells.some((k) => k === CELL_WALL)).toBe(true)
      expect(grid.cells.some((k) => k === CELL_PENALTY)).toBe(true)
      expect(grid.elevationM).toHaveLength(64 * 48)
    }
    const a = syntheticTerrain(RandomStream.fromSeed(7), { width: 40, height: 40 }).grid
    expect(same(a, syntheticTerrain(RandomStream.fromSeed(7), { width: 40, height: 40 }).grid)).toBe(true)
    expect(same(a, syntheticTerrain(RandomStream.fromSeed(8), { width: 40, height: 40 }).grid)).toBe(false)
  })

  it('turns more cells into obstacles when the slope threshold is lower', () => {
    const walls = (maxSlopeDeg: number) => syntheticTerrain(RandomStream.fromSeed(2), { width: 64, height: 64, maxSlopeDeg }).grid.cells.filter((k) => k === CELL_WALL).length
    expect(walls(15)).toBeGreaterThan(walls(30))
  })
})
