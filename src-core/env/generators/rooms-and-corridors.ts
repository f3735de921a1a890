import type { RandomStream } from '../../random'
import { CELL_FREE, CELL_GOAL, type Grid } from '../grid'
import { solidGrid } from '../grid-ops'

/**
 * Rectangular rooms joined by L-shaped corridors, each room to the one placed before it, so every
 * room is reachable. Start: centre of the first room; goal: centre of the last.
 */
export interface RoomsOptions {
  width: number
  height: number
  /** Rooms wanted (our default 8); fewer are placed when they do not fit, but at least two. */
  roomCount?: number
  /** Room side range in cells (our default 3–8). */
  minRoomSide?: number
  maxRoomSide?: number
}

interface Room {
  row: number
  col: number
  h: number
  w: number
}

export function roomsAndCorridors(stream: RandomStream, options: RoomsOptions): Grid {
  const { width, height } = options
  const roomCount = options.roomCount ?? 8 // our default
  const minSide = options.minRoomSide ?? 3 // our default
  const maxSide = options.maxRoomSide ?? 8 // our default
  if (!Number.isInteger(roomCount) || roomCount < 2) throw new RangeError(`roomCount must be an integer ≥ 2, got ${roomCount}`)
  if (!Number.isInteger(minSide) || !Number.isInteger(maxSide) || minSide < 1 || maxSide < minSide) {
    throw new RangeError(`room sides need 1 ≤ minRoomSide ≤ maxRoomSide, got ${minSide}–${maxSide}`)
  }
  if (width < minSide + 2 || height < minSide + 2) throw new RangeError(`a ${width}×${height} grid is too small for rooms of side ${minSide}`)
  const grid = solidGrid(width, height)
  const rooms: Room[] = []
  // Rejection sampling; rooms keep a one-cell wall between them and the border.
  for (let attempt = 0; attempt < roomCount * 50 && rooms.length < roomCount; attempt++) {
    const h = minSide + stream.int(Math.min(maxSide, height - 2) - minSide + 1)
    const w = minSide + stream.int(Math.min(maxSide, width - 2) - minSide + 1)
    const room = { row: 1 + stream.int(height - h - 1), col: 1 + stream.int(width - w - 1), h, w }
    const clash = rooms.some((o) => room.row <= o.row + o.h && o.row <= room.row + room.h && room.col <= o.col + o.w && o.col <= room.col + room.w)
    if (!clash) rooms.push(room)
  }
  if (rooms.length < 2) throw new RangeError(`could not place two rooms in a ${width}×${height} grid; make it larger or the rooms smaller`)
  const open = (r: number, c: number) => {
    if (grid.cells[r * width + c] !== CELL_GOAL) grid.cells[r * width + c] = CELL_FREE
  }
  const centre = (o: Room) => ({ r: o.row + (o.h >> 1), c: o.col + (o.w >> 1) })
  for (const o of rooms) for (let r = o.row; r < o.row + o.h; r++) for (let c = o.col; c < o.col + o.w; c++) open(r, c)
  for (let k = 1; k < rooms.length; k++) {
    const a = centre(rooms[k - 1])
    const b = centre(rooms[k])
    const rowFirst = stream.uniform() < 0.5
    const bend = rowFirst ? { r: a.r, c: b.c } : { r: b.r, c: a.c }
    for (const [p, q] of [
      [a, bend],
      [bend, b]
    ] as const) {
      for (let r = Math.min(p.r, q.r); r <= Math.max(p.r, q.r); r++) for (let c = Math.min(p.c, q.c); c <= Math.max(p.c, q.c); c++) open(r, c)
    }
  }
  const s = centre(rooms[0])
  const g = centre(rooms[rooms.length - 1])
  grid.starts.push(s.r * width + s.c)
  grid.cells[g.r * width + g.c] = CELL_GOAL
  return grid
}
