import { describe, expect, it } from 'vitest'
import { BIANCHI_MAZE_2_TEXT } from '../builtins/bianchi-mazes'
import { findJsonSyntaxError, locateJsonPath } from './json-locate'
import { readJsonMaze, writeJsonMaze } from './json-maze'
import { MazeFormatError } from './maze-format-error'
import { readTextMaze } from './text-maze'

function errorOf(text: string): MazeFormatError {
  try {
    readJsonMaze(text)
  } catch (e) {
    if (e instanceof MazeFormatError) return e
    throw e
  }
  throw new Error('expected a MazeFormatError')
}

const small = (patch: Record<string, unknown> = {}) =>
  JSON.stringify({ format: 'rram-workbench.maze', version: 1, width: 3, height: 2, rows: ['.p.', '..G'], starts: [{ row: 0, col: 0 }], penalties: [[0, 1, 4]], ...patch }, null, 1)

describe('JSON maze format', () => {
  it('round-trips a grid with penalties, several starts in order, elevation and a name', () => {
    const { grid } = readTextMaze('# legend: h=0.3\nS.3h\n...S\n#G..\n')
    grid.starts.reverse()
    grid.elevationM = Float32Array.from({ length: 12 }, (_, i) => i * 0.7 - 2)
    const back = readJsonMaze(writeJsonMaze(grid, { name: 'demo' }))
    expect(back.name).toBe('demo')
    expect(back.grid.starts).toEqual(grid.starts)
    expect(Array.from(back.grid.cells)).toEqual(Array.from(grid.cells))
    expect(Array.from(back.grid.penalty!)).toEqual(Array.from(grid.penalty!))
    expect(Array.from(back.grid.elevationM!)).toEqual(Array.from(grid.elevationM))
  })

  it('round-trips Bianchi maze 2 and writes one maze row per line', () => {
    const { grid } = readTextMaze(BIANCHI_MAZE_2_TEXT)
    const text = writeJsonMaze(grid)
    expect(text).toContain('\n  "##########........#...#......#",\n')
    expect(Array.from(readJsonMaze(text).grid.cells)).toEqual(Array.from(grid.cells))
  })

  it('names line and column of a JSON syntax error', () => {
    const e = errorOf('{\n "format": "rram-workbench.maze",\n "version": 1,,\n}')
    expect([e.line, e.column]).toEqual([3, 15])
  })

  it('names the line of a schema error and of a ragged row', () => {
    const wrongVersion = errorOf(small({ version: 2 }))
    expect(wrongVersion.line).toBe(3)
    expect(wrongVersion.detail).toMatch(/newer workbench/)
    const ragged = errorOf(small({ rows: ['.p.', '..'] }))
    expect(ragged.line).toBe(8)
    expect(ragged.detail).toMatch(/rows\.1: row 1 has 2 cells/)
    const badChar = errorOf(small({ rows: ['.p.', '.xG'] }))
    expect(badChar.line).toBe(8)
  })

  it('points at the cell of a p without a penalty entry and at a start on a wall', () => {
    const e = errorOf(small({ penalties: [] }))
    expect([e.line, e.column]).toEqual([7, 5])
    const wall = errorOf(small({ rows: ['#p.', '..G'] }))
    expect(wall.detail).toMatch(/start \(0, 0\) is a wall/)
  })

  it('refuses a maze without goal or start', () => {
    expect(errorOf(small({ rows: ['.p.', '...'] })).detail).toMatch(/no goal/)
    expect(errorOf(small({ starts: [] })).detail).toMatch(/at least one start/)
  })

  it('warns about an unreachable goal', () => {
    const { warnings } = readJsonMaze(small({ rows: ['.#G', 'p#.'], penalties: [[1, 0, 4]] }))
    expect(warnings).toHaveLength(1)
    expect(warnings[0].line).toBe(11) // the line of the start's {
  })
})

describe('json-locate', () => {
  it('finds nested values and reports valid JSON as error-free', () => {
    const t = '{"a": [1, {"b": "x"}],\n "c": 2}'
    expect(findJsonSyntaxError(t)).toBeNull()
    expect(locateJsonPath(t, ['a', 1, 'b'])).toEqual({ line: 1, column: 17 })
    expect(locateJsonPath(t, ['c'])).toEqual({ line: 2, column: 7 })
    expect(findJsonSyntaxError('[1, 2')).toMatchObject({ line: 1, column: 6 })
  })
})
