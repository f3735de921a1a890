import { CELL_GOAL, CELL_WALL, DIR_DCOL, DIR_DROW, type Grid } from './grid'

/**
 * Breadth-first search on the 8-connected grid.
 *
 * Moves: any of the eight directions into a non-wall cell — the authors' MATLAB model allows this,
 * so by default a diagonal move may cut a wall corner (pass between two walls touching at a corner).
 * `cornerCutting: false` forbids a diagonal move when either orthogonal cell beside it is a wall
 * (our option, for terrain where squeezing between two obstacles is not physical).
 * Every move costs one step; penalties do not change path length.
 *
 * Hot path: flat typed arrays, no allocation per visited cell. Reuse a `BfsWorkspace` across trials.
 */
export interface BfsOptions {
  /** Allow diagonal moves between two walls touching at a corner (default true: authors' model). */
  cornerCutting?: boolean
  /** Reused scratch arrays, sized for at least the grid's cell count. */
  workspace?: BfsWorkspace
}

export interface BfsWorkspace {
  /** parent[i] = the cell BFS reached i from; -1 = not reached; the source is its own parent. */
  parent: Int32Array
  queue: Int32Array
}

export function createBfsWorkspace(cellCount: number): BfsWorkspace {
  return { parent: new Int32Array(cellCount), queue: new Int32Array(cellCount) }
}

function workspaceFor(grid: Grid, options: BfsOptions | undefined): BfsWorkspace {
  const n = grid.width * grid.height
  const ws = options?.workspace
  return ws && ws.parent.length >= n && ws.queue.length >= n ? ws : createBfsWorkspace(n)
}

export interface ShortestPath {
  /** Number of moves from the start to the goal (0 if the start is a goal). */
  steps: number
  /** Cell indices from the start to the goal, inclusive (length steps + 1). */
  path: Int32Array
  /** The goal cell reached. */
  goal: number
}

/**
 * Runs BFS from `sources` until `stopAt(cell)` holds for a dequeued cell; returns that cell or -1.
 * Marks reached cells in ws.parent. Cells in `sources` must be in range and not walls.
 */
function search(grid: Grid, sources: ArrayLike<number>, ws: BfsWorkspace, cornerCutting: boolean, stopAtGoal: boolean): number {
  const { width, height, cells } = grid
  const n = width * height
  const parent = ws.parent
  const queue = ws.queue
  parent.fill(-1, 0, n)
  let head = 0
  let tail = 0
  for (let k = 0; k < sources.length; k++) {
    const s = sources[k]
    if (parent[s] !== -1) continue
    parent[s] = s
    queue[tail++] = s
  }
  // Offsets of the eight moves for cells away from the border (no bounds checks needed there).
  const offset = neighbourOffsets(width)
  while (head < tail) {
    const i = queue[head++]
    if (stopAtGoal && cells[i] === CELL_GOAL) return i
    const r = (i / width) | 0
    const c = i - r * width
    if (cornerCutting && r > 0 && c > 0 && r < height - 1 && c < width - 1) {
      for (let d = 0; d < 8; d++) {
        const j = i + offset[d]
        if (parent[j] !== -1 || cells[j] === CELL_WALL) continue
        parent[j] = i
        queue[tail++] = j
      }
      continue
    }
    for (let d = 0; d < 8; d++) {
      const dr = DIR_DROW[d]
      const dc = DIR_DCOL[d]
      const rr = r + dr
      const cc = c + dc
      if (rr < 0 || cc < 0 || rr >= height || cc >= width) continue
      const j = i + dr * width + dc
      if (parent[j] !== -1 || cells[j] === CELL_WALL) continue
      if (!cornerCutting && dr !== 0 && dc !== 0 && (cells[i + dr * width] === CELL_WALL || cells[i + dc] === CELL_WALL)) continue
      parent[j] = i
      queue[tail++] = j
    }
  }
  return -1
}

/** Index offsets of the moves N, NE, E, SE, S, SW, W, NW on a grid of this width. */
function neighbourOffsets(width: number): Int32Array {
  const out = new Int32Array(8)
  for (let d = 0; d < 8; d++) out[d] = DIR_DROW[d] * width + DIR_DCOL[d]
  return out
}

function checkStart(grid: Grid, start: number): void {
  if (!Number.isInteger(start) || start < 0 || start >= grid.width * grid.height) {
    throw new RangeError(`start index ${start} is outside the ${grid.width}×${grid.height} grid`)
  }
  if (grid.cells[start] === CELL_WALL) throw new RangeError(`start index ${start} is a wall`)
}

/** Shortest path from `start` to the nearest goal cell, or null when no goal is reachable. */
export function shortestPathToGoal(grid: Grid, start: number, options?: BfsOptions): ShortestPath | null {
  checkStart(grid, start)
  const ws = workspaceFor(grid, options)
  const goal = search(grid, [start], ws, options?.cornerCutting ?? true, true)
  if (goal < 0) return null
  let steps = 0
  for (let i = goal; i !== start; i = ws.parent[i]) steps++
  const path = new Int32Array(steps + 1)
  for (let i = goal, k = steps; k >= 0; i = ws.parent[i], k--) path[k] = i
  return { steps, path, goal }
}

/** Number of moves from `start` to the nearest goal, or Infinity when none is reachable. */
export function shortestStepsToGoal(grid: Grid, start: number, options?: BfsOptions): number {
  const p = shortestPathToGoal(grid, start, options)
  return p ? p.steps : Infinity
}

/** Mask of the cells reachable from `start` (1 = reachable, the start included). */
export function reachableFrom(grid: Grid, start: number, options?: BfsOptions): Uint8Array {
  checkStart(grid, start)
  const ws = workspaceFor(grid, options)
  search(grid, [start], ws, options?.cornerCutting ?? true, false)
  const n = grid.width * grid.height
  const mask = new Uint8Array(n)
  for (let i = 0; i < n; i++) if (ws.parent[i] !== -1) mask[i] = 1
  return mask
}

/** True when some goal cell can be reached from `start`. */
export function isGoalReachable(grid: Grid, start: number, options?: BfsOptions): boolean {
  checkStart(grid, start)
  return search(grid, [start], workspaceFor(grid, options), options?.cornerCutting ?? true, true) >= 0
}

/**
 * Steps from every cell to its nearest goal (multi-source BFS from all goals); -1 for walls and
 * cells that cannot reach a goal. Moves are symmetric, so distance-from-goal equals distance-to-goal.
 */
export function distanceToGoalMap(grid: Grid, options?: BfsOptions): Int32Array {
  const n = grid.width * grid.height
  const goals: number[] = []
  for (let i = 0; i < n; i++) if (grid.cells[i] === CELL_GOAL) goals.push(i)
  const ws = workspaceFor(grid, options)
  search(grid, goals, ws, options?.cornerCutting ?? true, false)
  // Queue order is BFS order, so each cell's distance is its parent's plus one.
  const dist = new Int32Array(n).fill(-1)
  let tail = 0
  for (let i = 0; i < n; i++) if (ws.parent[i] !== -1) tail++
  for (let k = 0; k < tail; k++) {
    const i = ws.queue[k]
    const p = ws.parent[i]
    dist[i] = p === i ? 0 : dist[p] + 1
  }
  return dist
}

/**
 * Connected components of the passable cells (same moves as BFS).
 * label[i] = component number (0, 1, …) or -1 for walls; sizes[k] = cells in component k.
 */
export function connectedComponents(grid: Grid, options?: BfsOptions): { label: Int32Array; sizes: number[] } {
  const { width, height, cells } = grid
  const n = width * height
  const cornerCutting = options?.cornerCutting ?? true
  const label = new Int32Array(n).fill(-1)
  const queue = workspaceFor(grid, options).queue
  const sizes: number[] = []
  for (let s = 0; s < n; s++) {
    if (label[s] !== -1 || cells[s] === CELL_WALL) continue
    const k = sizes.length
    let head = 0
    let tail = 0
    label[s] = k
    queue[tail++] = s
    while (head < tail) {
      const i = queue[head++]
      const r = (i / width) | 0
      const c = i - r * width
      for (let d = 0; d < 8; d++) {
        const dr = DIR_DROW[d]
        const dc = DIR_DCOL[d]
        const rr = r + dr
        const cc = c + dc
        if (rr < 0 || cc < 0 || rr >= height || cc >= width) continue
        const j = i + dr * width + dc
        if (label[j] !== -1 || cells[j] === CELL_WALL) continue
        if (!cornerCutting && dr !== 0 && dc !== 0 && (cells[i + dr * width] === CELL_WALL || cells[i + dc] === CELL_WALL)) continue
        label[j] = k
        queue[tail++] = j
      }
    }
    sizes.push(tail)
  }
  return { label, sizes }
}
