import { describe, expect, it } from 'vitest'
import { isGoalReachable } from '../../../../../src-core/env/bfs'
import { CELL_PENALTY, CELL_WALL } from '../../../../../src-core/env/grid'
import { assertValidGrid } from '../../../../../src-core/env/grid-ops'
import { generate } from './generate'

describe('generate', () => {
  it('gives the same perfect maze for the same seed and a different one for another seed', () => {
    const a = generate({ kind: 'prim', width: 21, height: 21, seed: 4 }).grid
    const b = generate({ kind: 'prim', width: 21, height: 21, seed: 4 }).grid
    const c = generate({ kind: 'prim', width: 21, height: 21, seed: 5 }).grid
    expect(a.cells).toEqual(b.cells)
    expect(a.cells).not.toEqual(c.cells)
    expect(isGoalReachable(a, a.starts[0])).toBe(true)
  })

  it('rounds an even side of a perfect maze up to odd and says so', () => {
    const { grid, source } = generate({ kind: 'backtracker', width: 20, height: 10, seed: 1 })
    expect([grid.width, grid.height]).toEqual([21, 11])
    expect(source).toContain('21×11')
  })

  it('turns steep terrain into obstacles, or into penalty cells with no obstacle at all', () => {
    const base = { kind: 'terrain' as const, width: 48, height: 48, seed: 7, maxSlopeDeg: 15, steepPenaltyPoints: 20 }
    const walls = generate({ ...base, steep: 'obstacles' }).grid
    const soft = generate({ ...base, steep: 'penalties' }).grid
    const count = (g: typeof walls, k: number) => g.cells.filter((v) => v === k).length
    expect(count(walls, CELL_WALL)).toBeGreaterThan(0)
    expect(count(soft, CELL_WALL)).toBe(0)
    // The same steep cells: every obstacle of the first is a 20-point cell of the second (bar start and goal).
    const steep = soft.penalty!.filter((p) => p === 20).length
    expect(steep).toBeGreaterThanOrEqual(count(walls, CELL_WALL) - 2)
    expect(steep).toBeLessThanOrEqual(count(walls, CELL_WALL))
    expect(count(soft, CELL_PENALTY)).toBeGreaterThan(steep) // gentler slopes keep their slope penalty
    expect(() => assertValidGrid(soft)).not.toThrow()
  })
})

describe('terrain size', () => {
  it('a small terrain is not mostly obstacles: relief and craters scale with the grid (20×20, seed 7)', () => {
    const g = generate({ kind: 'terrain', width: 20, height: 20, seed: 7, maxSlopeDeg: 25, steep: 'obstacles', steepPenaltyPoints: 20 }).grid
    const walls = g.cells.filter((v) => v === CELL_WALL).length
    expect(walls / g.cells.length).toBeLessThan(0.4)
    expect(walls).toBeGreaterThan(0) // still terrain, not a flat field
  })
})
