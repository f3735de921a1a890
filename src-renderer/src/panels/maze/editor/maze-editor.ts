// Relative import (not @core): vitest has no @core alias, and this module is unit-tested.
import { CELL_FREE, CELL_PENALTY, CELL_WALL, type Grid } from '../../../../../src-core/env/grid'
import { cloneGrid, emptyGrid } from '../../../../../src-core/env/grid-ops'

/**
 * The grid being edited, with undo/redo by stroke. A stroke (one press-drag-release, a line, a
 * rectangle, a fill, a generator) is one undo step. Plain TypeScript: the canvas component asks it
 * which cells changed and redraws only those.
 */
export type Brush = 'wall' | 'free' | 'goal' | 'start' | 'penalty' | 'eraser'

interface CellState {
  kind: number
  penalty: number
}

interface Change {
  indices: number[]
  before: CellState[]
  after: CellState[]
  startsBefore: number[]
  startsAfter: number[]
  /** A whole-grid replacement (generator, resize): undo swaps the grid back. */
  gridBefore?: Grid
  gridAfter?: Grid
}

/** Smallest and largest editable side (cells); bigger grids open read-only. */
export const MIN_EDIT_SIDE = 5
export const MAX_EDIT_SIDE = 256
/** Our default penalty of a penalty cell drawn by hand (penalty points). */
export const DEFAULT_PENALTY_POINTS = 5

export class MazeEditor {
  grid: Grid
  readonly readOnly: boolean
  private undoStack: Change[] = []
  private redoStack: Change[] = []
  private stroke: { before: Map<number, CellState>; startsBefore: number[] } | null = null
  /** Bumped on every change; watchers use it to refresh derived views (path, warnings). */
  revision = 0

  constructor(grid: Grid, options: { readOnly?: boolean } = {}) {
    this.grid = grid
    this.readOnly = options.readOnly === true || grid.width > MAX_EDIT_SIDE || grid.height > MAX_EDIT_SIDE
  }

  static blank(width: number, height: number): MazeEditor {
    const g = emptyGrid(width, height)
    // A walled border, a start top-left and a goal bottom-right: a valid maze from the first click.
    for (let r = 0; r < height; r++) {
      for (let c = 0; c < width; c++) if (r === 0 || c === 0 || r === height - 1 || c === width - 1) g.cells[r * width + c] = CELL_WALL
    }
    g.cells[(height - 2) * width + width - 2] = 2
    g.starts.push(width + 1)
    return new MazeEditor(g)
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0
  }
  get canRedo(): boolean {
    return this.redoStack.length > 0
  }
  /**
   * The undo step the grid is at (null: the grid as opened). Equal marks mean equal grids: undoing
   * back to the mark taken at a save returns to the saved grid, so "unsaved changes" can go away.
   */
  get mark(): object | null {
    return this.undoStack.at(-1) ?? null
  }

  private state(i: number): CellState {
    return { kind: this.grid.cells[i], penalty: this.grid.penalty ? this.grid.penalty[i] : 0 }
  }

  private write(i: number, s: CellState): void {
    this.grid.cells[i] = s.kind
    if (s.kind === CELL_PENALTY) {
      this.grid.penalty ??= new Float32Array(this.grid.cells.length)
      this.grid.penalty[i] = s.penalty
    } else if (this.grid.penalty) this.grid.penalty[i] = 0
  }

  beginStroke(): void {
    if (this.readOnly) throw new Error('this grid is read-only (larger than 256×256 cells)')
    this.stroke = { before: new Map(), startsBefore: this.grid.starts.slice() }
  }

  /** Paint cells with a brush inside the current stroke; returns the cells that changed. */
  paint(indices: Iterable<number>, brush: Brush, penaltyPoints = DEFAULT_PENALTY_POINTS): number[] {
    if (!this.stroke) this.beginStroke()
    const stroke = this.stroke!
    const changed: number[] = []
    for (const i of indices) {
      if (i < 0 || i >= this.grid.cells.length) continue
      if (brush === 'start') {
        // One start: moving it changes two cells' drawing.
        const old = this.grid.starts.slice()
        if (old.length === 1 && old[0] === i) continue
        if (this.grid.cells[i] === CELL_WALL || this.grid.cells[i] === 2) {
          if (!stroke.before.has(i)) stroke.before.set(i, this.state(i))
          this.write(i, { kind: CELL_FREE, penalty: 0 })
        }
        this.grid.starts = [i]
        changed.push(i, ...old)
        continue
      }
      const next: CellState =
        brush === 'wall'
          ? { kind: CELL_WALL, penalty: 0 }
          : brush === 'goal'
            ? { kind: 2, penalty: 0 }
            : brush === 'penalty'
              ? { kind: CELL_PENALTY, penalty: Math.fround(penaltyPoints) }
              : { kind: CELL_FREE, penalty: 0 }
      const now = this.state(i)
      const isStart = this.grid.starts.includes(i)
      const dropStart = isStart && (brush === 'wall' || brush === 'eraser' || brush === 'goal')
      if (now.kind === next.kind && now.penalty === next.penalty && !dropStart) continue
      if (!stroke.before.has(i)) stroke.before.set(i, now)
      this.write(i, next)
      if (dropStart) this.grid.starts = this.grid.starts.filter((s) => s !== i)
      changed.push(i)
    }
    if (changed.length) this.revision++
    return changed
  }

  /** Close the stroke as one undo step (nothing is recorded when it changed nothing). */
  endStroke(): void {
    const stroke = this.stroke
    this.stroke = null
    if (!stroke) return
    const indices = [...stroke.before.keys()]
    const startsSame = stroke.startsBefore.length === this.grid.starts.length && stroke.startsBefore.every((s, k) => s === this.grid.starts[k])
    if (indices.length === 0 && startsSame) return
    this.undoStack.push({
      indices,
      before: indices.map((i) => stroke.before.get(i)!),
      after: indices.map((i) => this.state(i)),
      startsBefore: stroke.startsBefore,
      startsAfter: this.grid.starts.slice()
    })
    this.redoStack = []
  }

  /** Replace the whole grid (generator, new size) as one undo step. */
  replaceGrid(next: Grid): void {
    if (this.readOnly) throw new Error('this grid is read-only (larger than 256×256 cells)')
    this.undoStack.push({ indices: [], before: [], after: [], startsBefore: [], startsAfter: [], gridBefore: this.grid, gridAfter: next })
    this.redoStack = []
    this.grid = next
    this.revision++
  }

  /** Undo the last stroke; returns the changed cells, or 'all' when the grid itself was swapped. */
  undo(): number[] | 'all' | null {
    const ch = this.undoStack.pop()
    if (!ch) return null
    this.redoStack.push(ch)
    return this.apply(ch, 'before')
  }

  redo(): number[] | 'all' | null {
    const ch = this.redoStack.pop()
    if (!ch) return null
    this.undoStack.push(ch)
    return this.apply(ch, 'after')
  }

  private apply(ch: Change, side: 'before' | 'after'): number[] | 'all' {
    this.revision++
    if (ch.gridBefore && ch.gridAfter) {
      this.grid = side === 'before' ? ch.gridBefore : ch.gridAfter
      return 'all'
    }
    const states = side === 'before' ? ch.before : ch.after
    ch.indices.forEach((i, k) => this.write(i, states[k]))
    const oldStarts = this.grid.starts
    this.grid.starts = (side === 'before' ? ch.startsBefore : ch.startsAfter).slice()
    return [...ch.indices, ...oldStarts, ...this.grid.starts]
  }

  /** A deep copy of the grid (to save or export while editing continues). */
  snapshot(): Grid {
    return cloneGrid(this.grid)
  }
}
