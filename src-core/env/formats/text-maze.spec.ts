import { describe, expect, it } from 'vitest'
import { BIANCHI_MAZE_1_TEXT } from '../builtins/bianchi-mazes'
import { CELL_GOAL, CELL_PENALTY, CELL_WALL } from '../grid'
import { MazeFormatError } from './maze-format-error'
import { readTextMaze, writeTextMaze } from './text-maze'

function errorOf(text: string): MazeFormatError {
  try {
    readTextMaze(text)
  } catch (e) {
    if (e instanceof MazeFormatError) return e
    throw e
  }
  throw new Error('expected a MazeFormatError')
}

describe('readTextMaze', () => {
  it('reads Bianchi maze 1: 30×30, 2×2 goal, start at row 4 col 28 (1-based)', () => {
    const { grid, warnings } = readTextMaze(BIANCHI_MAZE_1_TEXT)
    expect([grid.width, grid.height]).toEqual([30, 30])
    expect(grid.starts).toEqual([3 * 30 + 27])
    expect(grid.cells.filter((k) => k === CELL_GOAL).length).toBe(4)
    expect(grid.cells[0]).toBe(CELL_WALL)
    expect(grid.penalty).toBeNull()
    expect(warnings).toEqual([])
  })

  it('reads a name, digit penalties and legend symbols', () => {
    const { grid, name } = readTextMaze('# name: hazards\n# a comment\n# legend: p=10, h=2.5\nS3ph\n...G\n')
    expect(name).toBe('hazards')
    expect(grid.cells[1]).toBe(CELL_PENALTY)
    expect([grid.penalty![1], grid.penalty![2], grid.penalty![3]]).toEqual([3, 10, 2.5])
    expect(grid.penalty![4]).toBe(0)
  })

  it('accepts CRLF line ends and trailing blank lines', () => {
    expect(readTextMaze('S.G\r\n...\r\n\r\n').grid.height).toBe(2)
  })

  it('names line and column of a ragged row', () => {
    const e = errorOf('# name: x\nS..G\n..\n....\n')
    expect([e.line, e.column]).toEqual([3, 3])
    expect(e.message).toMatch(/line 3, column 3: row has 2 cells, expected 4/)
  })

  it('names line and column of an unknown character', () => {
    const e = errorOf('S..G\n.x..\n')
    expect([e.line, e.column]).toEqual([2, 2])
    expect(e.detail).toMatch(/unknown character "x"/)
  })

  it('reports a missing goal and a missing start at the first maze row', () => {
    const noGoal = errorOf('# c\nS...\n....\n')
    expect([noGoal.line, noGoal.column, /no goal/.test(noGoal.detail)]).toEqual([2, 1, true])
    const noStart = errorOf('...G\n')
    expect([noStart.line, noStart.column, /no start/.test(noStart.detail)]).toEqual([1, 1, true])
  })

  it('names the place of a bad legend entry', () => {
    const e = errorOf('# legend: p=10 q=-1\nSpqG\n')
    expect([e.line, e.column]).toEqual([1, 18])
    const reserved = errorOf('# legend: G=3\nSG\n')
    expect([reserved.line, reserved.column]).toEqual([1, 11])
  })

  it('refuses a blank line inside the maze and a comment after it has begun', () => {
    expect([errorOf('S.G\n\n...\n').line]).toEqual([2])
    expect(errorOf('S.G\n# late\n').line).toBe(2)
  })

  it('warns (does not throw) when the goal is unreachable, naming the start', () => {
    const { warnings } = readTextMaze('..#..\n.S#G.\n')
    expect(warnings).toHaveLength(1)
    expect([warnings[0].line, warnings[0].column]).toEqual([2, 2])
  })
})

describe('writeTextMaze', () => {
  it('round-trips Bianchi maze 1 to the identical text', () => {
    expect(writeTextMaze(readTextMaze(BIANCHI_MAZE_1_TEXT).grid)).toBe(BIANCHI_MAZE_1_TEXT)
  })

  it('round-trips penalties, including non-integer ones via a legend', () => {
    const src = readTextMaze('# name: hz\n# legend: p=10 h=0.1\nS3ph\n...G\n')
    const text = writeTextMaze(src.grid, { name: src.name })
    const back = readTextMaze(text)
    expect(back.name).toBe('hz')
    expect(Array.from(back.grid.cells)).toEqual(Array.from(src.grid.cells))
    expect(Array.from(back.grid.penalty!)).toEqual(Array.from(src.grid.penalty!))
  })

  it('refuses a start that is not a plain free cell rather than losing it', () => {
    const { grid } = readTextMaze('S3G\n')
    expect(() => writeTextMaze({ ...grid, starts: [1] })).toThrow(/use JSON/)
  })
})
