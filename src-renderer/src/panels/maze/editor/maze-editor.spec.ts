import { describe, expect, it } from 'vitest'
import { CELL_FREE, CELL_PENALTY, CELL_WALL } from '../../../../../src-core/env/grid'
import { assertValidGrid } from '../../../../../src-core/env/grid-ops'
import { MazeEditor } from './maze-editor'
import { floodCells, lineCells, rectCells } from './shapes'

describe('MazeEditor', () => {
  it('starts as a valid walled maze with a start and a goal', () => {
    const e = MazeEditor.blank(7, 5)
    expect(() => assertValidGrid(e.grid)).not.toThrow()
    expect(e.grid.cells[0]).toBe(CELL_WALL)
  })

  it('undoes a whole drag stroke in one step and redoes it', () => {
    const e = MazeEditor.blank(9, 9)
    const before = e.grid.cells.slice()
    e.beginStroke()
    e.paint([20, 21, 22], 'wall')
    e.paint([22, 23], 'penalty', 7.5)
    e.endStroke()
    const after = e.grid.cells.slice()
    expect(e.grid.penalty![22]).toBe(7.5)
    expect(e.undo()).toEqual(expect.arrayContaining([20, 21, 22, 23]))
    expect(e.grid.cells).toEqual(before)
    expect(e.grid.penalty![22]).toBe(0)
    expect(e.canUndo).toBe(false)
    e.redo()
    expect(e.grid.cells).toEqual(after)
    expect(e.grid.cells[22]).toBe(CELL_PENALTY)
  })

  it('marks the saved grid: undoing back to it returns the same mark (nothing unsaved), a new edit does not', () => {
    const e = MazeEditor.blank(9, 9)
    e.beginStroke()
    e.paint([20], 'wall')
    e.endStroke()
    const saved = e.mark
    e.beginStroke()
    e.paint([30], 'wall')
    e.endStroke()
    expect(e.mark).not.toBe(saved)
    e.undo()
    expect(e.mark).toBe(saved)
    e.undo()
    expect(e.mark).toBeNull()
    e.redo()
    expect(e.mark).toBe(saved)
  })

  it('records nothing for a stroke that changed nothing, and a new stroke clears redo', () => {
    const e = MazeEditor.blank(9, 9)
    e.beginStroke()
    e.paint([0], 'wall')
    e.endStroke()
    expect(e.canUndo).toBe(false)
    e.paint([30], 'wall')
    e.endStroke()
    e.undo()
    expect(e.canRedo).toBe(true)
    e.paint([31], 'goal')
    e.endStroke()
    expect(e.canRedo).toBe(false)
  })

  it('moves the single start, clearing a wall under it, and undo puts both back', () => {
    const e = MazeEditor.blank(9, 9)
    e.paint([0], 'start')
    e.endStroke()
    expect(e.grid.starts).toEqual([0])
    expect(e.grid.cells[0]).toBe(CELL_FREE)
    e.undo()
    expect(e.grid.starts).toEqual([10])
    expect(e.grid.cells[0]).toBe(CELL_WALL)
  })

  it('drops a start painted over by a wall (a start can never be a wall)', () => {
    const e = MazeEditor.blank(9, 9)
    e.paint([10], 'wall')
    e.endStroke()
    expect(e.grid.starts).toEqual([])
    expect(e.grid.cells[10]).toBe(CELL_WALL)
  })

  it('refuses to edit a grid above 256 cells a side', () => {
    const big = MazeEditor.blank(9, 9).grid
    const e = new MazeEditor({ ...big, width: 300, height: 1, cells: new Uint8Array(300) })
    expect(e.readOnly).toBe(true)
    expect(() => e.beginStroke()).toThrow(/read-only/)
  })
})

describe('shapes', () => {
  it('draws a line with both ends and no gaps', () => {
    const cells = lineCells(10, { row: 0, col: 0 }, { row: 3, col: 9 })
    expect(cells[0]).toBe(0)
    expect(cells.at(-1)).toBe(39)
    expect(cells).toHaveLength(10)
  })

  it('outlines or fills a rectangle', () => {
    expect(rectCells(10, { row: 1, col: 1 }, { row: 3, col: 4 })).toHaveLength(10)
    expect(rectCells(10, { row: 3, col: 4 }, { row: 1, col: 1 }, true)).toHaveLength(12)
  })

  it('floods the region of the same kind without leaking through a diagonal wall joint', () => {
    const e = MazeEditor.blank(7, 7)
    // A diagonal wall from (1,5) to (5,1) splits the inside into two triangles touching only at corners.
    e.paint([12, 18, 24, 30, 36], 'wall')
    e.endStroke()
    const region = floodCells(e.grid, 8)
    // (4, 5) is free and on the other side of the diagonal.
    expect(e.grid.cells[33]).toBe(CELL_FREE)
    expect(region).not.toContain(33)
    expect(region).toHaveLength(10) // the free cells with row + col < 6, start included
    expect(region.every((i) => e.grid.cells[i] === CELL_FREE)).toBe(true)
  })
})
