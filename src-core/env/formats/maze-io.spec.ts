import { describe, expect, it } from 'vitest'
import { BIANCHI_MAZE_1_TEXT } from '../builtins/bianchi-mazes'
import { CELL_GOAL, CELL_WALL } from '../grid'
import { readElevationCsv, writeElevationCsv } from './elevation-csv'
import { detectFormat, MAZE_FORMATS, readMaze, writeMaze } from './maze-io'
import { MazeFormatError } from './maze-format-error'

/** A gentle slope with one steep ridge across the middle, open at the right end. */
function ridgeCsv(): string {
  const rows: string[] = []
  for (let r = 0; r < 8; r++) {
    const row: number[] = []
    for (let c = 0; c < 10; c++) row.push(r === 4 && c < 8 ? 5 : 0.01 * c)
    rows.push(row.join(','))
  }
  return '# name: ridge\n' + rows.join('\n') + '\n'
}

describe('detectFormat', () => {
  it('goes by extension, then content', () => {
    expect(detectFormat('a.json', '')).toBe('json')
    expect(detectFormat('maze.txt', '')).toBe('text')
    expect(detectFormat('Labirinto_1.csv', '-100,0,1000\n0,1,0\n')).toBe('matrix-csv')
    expect(detectFormat('mars.csv', '12.5,13.0\n12.7,12.9\n')).toBe('elevation-csv')
    expect(detectFormat('noext', '{"format":1}')).toBe('json')
    expect(detectFormat('noext', BIANCHI_MAZE_1_TEXT)).toBe('text')
    expect(detectFormat('noext', '-100,0,1000\n')).toBe('matrix-csv')
  })
})

describe('readMaze / writeMaze', () => {
  it('round-trips Bianchi maze 1 through text, json and matrix-csv', () => {
    const { grid } = readMaze(BIANCHI_MAZE_1_TEXT, 'text')
    for (const format of ['text', 'json', 'matrix-csv'] as const) {
      const back = readMaze(writeMaze(grid, format, { name: 'm1' }), format)
      expect(back.name).toBe('m1')
      expect(Array.from(back.grid.cells)).toEqual(Array.from(grid.cells))
      expect(back.grid.starts).toEqual(grid.starts)
    }
  })

  it('builds a terrain from an elevation CSV: the steep ridge becomes obstacles, the rest carries penalties', () => {
    const { grid, name, warnings } = readMaze(ridgeCsv(), 'elevation-csv', { terrain: { maxSlopeDeg: 20 } })
    expect(name).toBe('ridge')
    expect(warnings).toEqual([])
    // The ridge and the cells beside it are steep (5 m over 1 m: 79°).
    expect(grid.cells[4 * 10 + 2]).toBe(CELL_WALL)
    expect(grid.cells[3 * 10 + 2]).toBe(CELL_WALL)
    expect(grid.cells[4 * 10 + 9]).not.toBe(CELL_WALL)
    // Gentle slope: steepest neighbour rises 0.01 m over 1 m → penalty = 0.1 point per degree of it.
    expect(grid.penalty![0 * 10 + 4]).toBeCloseTo(Math.atan(0.01) * (180 / Math.PI) * 0.1, 5)
    // Start and goal sit on opposite sides of the ridge and remain connected around its open end.
    expect(Math.floor(grid.starts[0] / 10)).toBeLessThan(4)
    expect(Math.floor(grid.cells.indexOf(CELL_GOAL) / 10)).toBeGreaterThan(4)
    expect(grid.cells.filter((k) => k === CELL_GOAL).length).toBe(1)
  })

  it('round-trips an elevation CSV exactly (float32 values)', () => {
    const z = Float32Array.from({ length: 12 }, (_, i) => Math.sin(i) * 100)
    const t = readElevationCsv(writeElevationCsv(z, 4, 3, { name: 'sine' }))
    expect([t.width, t.height, t.name]).toEqual([4, 3, 'sine'])
    expect(Array.from(t.elevationM)).toEqual(Array.from(z))
    const { grid } = readMaze(writeElevationCsv(z, 4, 3), 'elevation-csv', { terrain: { maxSlopeDeg: 90 } })
    expect(readMaze(writeMaze(grid, 'elevation-csv'), 'elevation-csv', { terrain: { maxSlopeDeg: 90 } }).grid.cells).toEqual(grid.cells)
  })

  it('refuses terrain larger than 4096 per side, naming the line', () => {
    const wide = Array.from({ length: 4097 }, () => '0').join(',') + '\n'
    expect(() => readMaze(wide, 'elevation-csv')).toThrow(MazeFormatError)
    expect(() => readMaze(wide, 'elevation-csv')).toThrow(/more than 4096 columns/)
  })

  it('refuses to write elevation-csv for a grid without elevation, and knows its formats', () => {
    const { grid } = readMaze(BIANCHI_MAZE_1_TEXT, 'text')
    expect(() => writeMaze(grid, 'elevation-csv')).toThrow(/no elevation/)
    expect(MAZE_FORMATS).toEqual(['text', 'json', 'matrix-csv', 'elevation-csv'])
  })
})
