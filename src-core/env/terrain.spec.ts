import { describe, expect, it } from 'vitest'
import { shortestStepsToGoal } from './bfs'
import { CELL_FREE, CELL_GOAL, CELL_PENALTY, CELL_WALL } from './grid'
import { slopeDegrees, terrainFromElevation } from './terrain'

describe('slopeDegrees', () => {
  it('gives 45° for a 1 m rise per 1 m cell, and 0 on flat ground', () => {
    const ramp = Float32Array.from({ length: 9 }, (_, i) => i % 3) // rises 1 m per column
    expect(slopeDegrees(ramp, 3, 3, 1)[4]).toBeCloseTo(45, 5)
    expect(slopeDegrees(ramp, 3, 3, 2)[4]).toBeCloseTo((Math.atan(0.5) * 180) / Math.PI, 5)
    expect(Array.from(slopeDegrees(new Float32Array(9), 3, 3, 1))).toEqual(new Array(9).fill(0))
  })
})

describe('terrainFromElevation', () => {
  it('makes steep cells obstacles and gives the others a slope-proportional penalty', () => {
    // Flat left half, a gentle ramp (≈5.7°), and a 3 m cliff.
    const w = 6
    const z = Float32Array.from({ length: 6 * w }, (_, i) => [0, 0, 0, 0.1, 0.2, 3.2][i % w])
    const { grid } = terrainFromElevation({ elevationM: z, width: w, height: 6, maxSlopeDeg: 30, penaltyPerSlopeDeg: 1, goal: { row: 0, col: 3 } })
    expect(grid.cells[w + 0]).toBe(CELL_FREE)
    expect(grid.cells[w + 3]).toBe(CELL_PENALTY)
    expect(grid.penalty![w + 3]).toBeCloseTo((Math.atan(0.1) * 180) / Math.PI, 4)
    expect(grid.cells[w + 4]).toBe(CELL_WALL) // next to the cliff
    expect(grid.cells[w + 5]).toBe(CELL_WALL)
    expect(grid.cells[3]).toBe(CELL_GOAL)
  })

  it('places start and goal in opposite corners of the largest region by default', () => {
    const z = new Float32Array(20 * 10)
    const { grid, warnings } = terrainFromElevation({ elevationM: z, width: 20, height: 10 })
    expect(grid.starts).toEqual([0])
    expect(grid.cells[199]).toBe(CELL_GOAL)
    expect(shortestStepsToGoal(grid, 0)).toBe(19)
    expect(warnings).toEqual([])
  })

  it('warns when a given goal is cut off by a cliff', () => {
    const z = Float32Array.from({ length: 10 * 10 }, (_, i) => (i % 10 >= 5 ? 10 : 0))
    const { warnings } = terrainFromElevation({ elevationM: z, width: 10, height: 10, start: { row: 0, col: 0 }, goal: { row: 0, col: 9 } })
    expect(warnings[0].message).toMatch(/cannot be reached/)
  })

  it('refuses terrain larger than 4096 per side, a start on an obstacle, and bad thresholds', () => {
    expect(() => terrainFromElevation({ elevationM: [], width: 4097, height: 1 })).toThrow(/exceeds the limit of 4096/)
    const cliff = Float32Array.from({ length: 16 }, (_, i) => (i % 4 >= 2 ? 10 : 0))
    expect(() => terrainFromElevation({ elevationM: cliff, width: 4, height: 4, start: { row: 0, col: 1 } })).toThrow(/start \(0, 1\) is steeper/)
    expect(() => terrainFromElevation({ elevationM: cliff, width: 4, height: 4, maxSlopeDeg: 0 })).toThrow(/maxSlopeDeg/)
    expect(() => terrainFromElevation({ elevationM: [1, Number.NaN], width: 2, height: 1 })).toThrow(/row 0, col 1 is not finite/)
  })
})
