import type { RandomStream } from '../../random'
import { CELL_FREE, CELL_GOAL, type Grid } from '../grid'
import { solidGrid } from '../grid-ops'

/**
 * Perfect mazes (exactly one corridor route between any two rooms), carved into a solid grid.
 * Rooms sit at odd (row, col); the cell between two adjacent rooms is opened to join them.
 * Diagonal corner-cutting moves cannot join two corridors the carving kept apart: every diagonal
 * step from a passage cell lands on a passage of the same room, or on a post (always wall).
 * Start: the top-left room; goal: the bottom-right room.
 */
export type PerfectMazeAlgorithm = 'backtracker' | 'prim'

export interface PerfectMazeOptions {
  /** Grid width in cells: odd, ≥ 3. */
  width: number
  /** Grid height in cells: odd, ≥ 3; width and height must allow at least two rooms. */
  height: number
  /** Recursive backtracker (long winding corridors) or randomized Prim (many short dead ends). */
  algorithm?: PerfectMazeAlgorithm
}

const ROOM_DR = [-1, 0, 1, 0]
const ROOM_DC = [0, 1, 0, -1]

export function perfectMaze(stream: RandomStream, options: PerfectMazeOptions): Grid {
  const { width, height } = options
  const algorithm = options.algorithm ?? 'backtracker'
  for (const [name, v] of [
    ['width', width],
    ['height', height]
  ] as const) {
    if (!Number.isInteger(v) || v < 3 || v % 2 === 0) throw new RangeError(`${name} must be an odd integer ≥ 3, got ${v}`)
  }
  const roomCols = (width - 1) / 2
  const roomRows = (height - 1) / 2
  const rooms = roomCols * roomRows
  if (rooms < 2) throw new RangeError(`a ${width}×${height} grid holds a single room; make it at least 3×5`)
  const grid = solidGrid(width, height)
  const cellOfRoom = (k: number) => (2 * Math.floor(k / roomCols) + 1) * width + 2 * (k % roomCols) + 1
  const inMaze = new Uint8Array(rooms)
  const join = (a: number, b: number) => {
    const ca = cellOfRoom(a)
    const cb = cellOfRoom(b)
    grid.cells[ca] = CELL_FREE
    grid.cells[cb] = CELL_FREE
    grid.cells[(ca + cb) / 2] = CELL_FREE
  }
  const neighbours = (k: number, out: number[]) => {
    out.length = 0
    const r = Math.floor(k / roomCols)
    const c = k % roomCols
    for (let d = 0; d < 4; d++) {
      const rr = r + ROOM_DR[d]
      const cc = c + ROOM_DC[d]
      if (rr >= 0 && cc >= 0 && rr < roomRows && cc < roomCols) out.push(rr * roomCols + cc)
    }
    return out
  }
  const scratch: number[] = []
  const first = 0
  inMaze[first] = 1
  grid.cells[cellOfRoom(first)] = CELL_FREE
  if (algorithm === 'backtracker') {
    const stack = new Int32Array(rooms)
    let top = 0
    stack[top++] = first
    while (top > 0) {
      const k = stack[top - 1]
      const open = neighbours(k, scratch).filter((j) => !inMaze[j])
      if (open.length === 0) {
        top--
        continue
      }
      const next = open[stream.int(open.length)]
      join(k, next)
      inMaze[next] = 1
      stack[top++] = next
    }
  } else if (algorithm === 'prim') {
    // Frontier = rooms next to the maze but not in it; each joins a random in-maze neighbour.
    const onFrontier = new Uint8Array(rooms)
    const frontier: number[] = []
    const addFrontier = (k: number) => {
      for (const j of neighbours(k, scratch)) {
        if (!inMaze[j] && !onFrontier[j]) {
          onFrontier[j] = 1
          frontier.push(j)
        }
      }
    }
    addFrontier(first)
    while (frontier.length > 0) {
      const pick = stream.int(frontier.length)
      const k = frontier[pick]
      frontier[pick] = frontier[frontier.length - 1]
      frontier.pop()
      const inside = neighbours(k, scratch).filter((j) => inMaze[j])
      join(k, inside[stream.int(inside.length)])
      inMaze[k] = 1
      addFrontier(k)
    }
  } else {
    throw new RangeError(`unknown maze algorithm "${String(algorithm)}"; use backtracker or prim`)
  }
  grid.starts.push(cellOfRoom(0))
  grid.cells[cellOfRoom(rooms - 1)] = CELL_GOAL
  return grid
}
