import { describe, expect, it } from 'vitest'
import { BIANCHI_MAZE_1_TEXT } from '../builtins/bianchi-mazes'
import { CELL_FREE, CELL_GOAL, CELL_PENALTY, CELL_WALL } from '../grid'
import { readMatrixCsv, writeMatrixCsv } from './matrix-csv'
import { MazeFormatError } from './maze-format-error'
import { readTextMaze } from './text-maze'

function errorOf(text: string, starts?: { row: number; col: number }[]): MazeFormatError {
  try {
    readMatrixCsv(text, { starts })
  } catch (e) {
    if (e instanceof MazeFormatError) return e
    throw e
  }
  throw new Error('expected a MazeFormatError')
}

describe("the authors' matrix CSV", () => {
  it('reads −100 wall, 0 free, 1000 goal, 1 start and negative penalties', () => {
    const { grid } = readMatrixCsv('-100,0,1\n-2.5,0,1000\n')
    expect(Array.from(grid.cells)).toEqual([CELL_WALL, CELL_FREE, CELL_FREE, CELL_PENALTY, CELL_FREE, CELL_GOAL])
    expect(grid.starts).toEqual([2])
    expect(grid.penalty![3]).toBe(2.5)
  })

  it('takes the start separately, as the authors do, and accepts ; tab or space separators', () => {
    for (const text of ['0;0\n0;1000\n', '0\t0\n0\t1000\n', '  0   0\n  0 1000\n']) {
      const { grid } = readMatrixCsv(text, { starts: [{ row: 0, col: 0 }] })
      expect(grid.starts).toEqual([0])
      expect(grid.cells[3]).toBe(CELL_GOAL)
    }
  })

  it('round-trips Bianchi maze 1 with its name', () => {
    const { grid } = readTextMaze(BIANCHI_MAZE_1_TEXT)
    const csv = writeMatrixCsv(grid, { name: 'Labirinto_1' })
    expect(csv.split('\n')[4].split(',')[27]).toBe('1')
    const back = readMatrixCsv(csv)
    expect(back.name).toBe('Labirinto_1')
    expect(Array.from(back.grid.cells)).toEqual(Array.from(grid.cells))
    expect(back.grid.starts).toEqual(grid.starts)
  })

  it('names line and column of an unknown value, a ragged row and a non-number', () => {
    const unknown = errorOf('# name: x\n0,1,1000\n0, 7,0\n')
    expect([unknown.line, unknown.column]).toEqual([3, 4])
    const ragged = errorOf('0,1,1000\n0,0\n')
    expect([ragged.line, ragged.column]).toEqual([2, 4])
    const nan = errorOf('0,1,1000\n0,abc,0\n')
    expect([nan.line, nan.column, /not a finite number/.test(nan.detail)]).toEqual([2, 3, true])
  })

  it('refuses a matrix without goal or start, and a given start on a wall', () => {
    expect(errorOf('0,1\n0,0\n').detail).toMatch(/no goal/)
    expect(errorOf('0,0\n0,1000\n').detail).toMatch(/no start/)
    const onWall = errorOf('0,-100\n0,1000\n', [{ row: 0, col: 1 }])
    expect([onWall.line, onWall.column]).toEqual([1, 3])
  })

  it('refuses to write a penalty it cannot hold', () => {
    const { grid } = readTextMaze('# legend: h=150\nSh.G\n')
    expect(() => writeMatrixCsv(grid)).toThrow(/below 100/)
  })
})
