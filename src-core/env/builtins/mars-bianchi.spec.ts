import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { shortestStepsToGoal } from '../bfs'
import { CELL_GOAL, CELL_WALL } from '../grid'
import { BUILTIN_ENVIRONMENTS } from './builtin-environments'
import { marsBianchiGrid } from './mars-bianchi'

const data = (file: string) => fs.readFileSync(path.join(__dirname, '../../../data/bianchi-2023', file), 'utf8')

describe("mars-bianchi-128 (the paper's Mars terrain)", () => {
  const grid = marsBianchiGrid()

  it('holds the obstacle map of data/bianchi-2023 cell for cell: 1,225 obstacles, start row 80 col 12, goal row 60 col 109', () => {
    const rows = data('mars-bianchi-obstacles.txt').trim().split('\n')
    expect([grid.width, grid.height]).toEqual([128, 128])
    let walls = 0
    for (let r = 0; r < 128; r++)
      for (let c = 0; c < 128; c++) {
        const wall = rows[r][c] === '#'
        expect(grid.cells[r * 128 + c] === CELL_WALL, `(${r + 1}, ${c + 1})`).toBe(wall)
        if (wall) walls++
      }
    expect(walls).toBe(1225)
    expect(grid.starts).toEqual([79 * 128 + 11])
    expect(grid.cells[59 * 128 + 108]).toBe(CELL_GOAL)
  })

  it('has the shortest 8-connected path of 97 moves the data README states', () => {
    expect(shortestStepsToGoal(grid, grid.starts[0])).toBe(97)
  })

  it('carries the source elevation unchanged (every one of the 16,384 values)', () => {
    const rows = data('mars-bianchi-elevation.csv')
      .trim()
      .split('\n')
      .map((l) => l.split(',').map(Number))
    let worst = 0
    for (let r = 0; r < 128; r++) for (let c = 0; c < 128; c++) worst = Math.max(worst, Math.abs(grid.elevationM![r * 128 + c] - rows[r][c]))
    expect(worst).toBeLessThan(1e-4) // Float32 of values up to ~228
  })

  it("is a built-in environment whose schedule starts every trial at the paper's start", () => {
    const { layouts, schedule } = BUILTIN_ENVIRONMENTS['mars-bianchi-128'].build()
    expect(Object.keys(layouts)).toEqual(['mars-bianchi-128'])
    expect(schedule.starts).toEqual([{ fromTrial: 1, start: { row: 79, col: 11 } }])
  })
})
