import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BIANCHI_MAZE_1_TEXT, BIANCHI_MAZE_2_TEXT } from './builtins/bianchi-mazes'
import { connectedComponents, createBfsWorkspace, distanceToGoalMap, isGoalReachable, reachableFrom, shortestPathToGoal, shortestStepsToGoal } from './bfs'
import { CELL_FREE, CELL_GOAL, CELL_WALL, DIR_DCOL, DIR_DROW, type Grid } from './grid'
import { readTextMaze } from './formats/text-maze'

const grid = (text: string): Grid => readTextMaze(text).grid

/** Chebyshev distance: the exact step count on an open 8-connected grid. */
const chebyshev = (w: number, a: number, b: number) => Math.max(Math.abs(Math.floor(a / w) - Math.floor(b / w)), Math.abs((a % w) - (b % w)))

describe('shortestPathToGoal', () => {
  it('on an open grid takes the Chebyshev distance (diagonal moves count one step)', () => {
    const g = grid('S.........\n..........\n..........\n.........G\n')
    const p = shortestPathToGoal(g, g.starts[0])!
    expect(p.steps).toBe(chebyshev(10, g.starts[0], p.goal))
    expect(p.steps).toBe(9)
  })

  it('returns a path of legal moves from the start to a goal', () => {
    const g = grid(BIANCHI_MAZE_1_TEXT)
    const p = shortestPathToGoal(g, g.starts[0])!
    expect(p.path.length).toBe(p.steps + 1)
    expect(p.path[0]).toBe(g.starts[0])
    expect(g.cells[p.path[p.steps]]).toBe(CELL_GOAL)
    for (let k = 1; k < p.path.length; k++) {
      expect(chebyshev(g.width, p.path[k - 1], p.path[k])).toBe(1)
      expect(g.cells[p.path[k]]).not.toBe(CELL_WALL)
    }
  })

  it('goes to the nearest of several goals', () => {
    const g = grid('G...S.......G\n')
    expect(shortestStepsToGoal(g, g.starts[0])).toBe(4)
  })

  it('lets diagonal moves cut wall corners unless told not to', () => {
    // The only way through is the diagonal between two walls touching at a corner.
    const g = grid('S#\n#G\n')
    expect(shortestStepsToGoal(g, g.starts[0])).toBe(1)
    expect(shortestStepsToGoal(g, g.starts[0], { cornerCutting: false })).toBe(Infinity)
  })

  it('gives Infinity / null and no reachability when the goal is walled off', () => {
    const g = grid('S.#..\n..#.G\n..#..\n')
    expect(shortestPathToGoal(g, g.starts[0])).toBeNull()
    expect(isGoalReachable(g, g.starts[0])).toBe(false)
    expect(Array.from(reachableFrom(g, g.starts[0])).reduce((a, b) => a + b, 0)).toBe(6)
  })

  it('finds a finite path in both Bianchi mazes, and the maze-2 change alters it', () => {
    const m1 = grid(BIANCHI_MAZE_1_TEXT)
    const m2 = grid(BIANCHI_MAZE_2_TEXT)
    const p1 = shortestPathToGoal(m1, m1.starts[0])!
    const p2 = shortestPathToGoal(m2, m2.starts[0])!
    expect(Number.isFinite(p1.steps) && p1.steps > 10).toBe(true)
    expect(Number.isFinite(p2.steps)).toBe(true)
    expect(p2.steps).not.toBe(p1.steps)
    // The maze-1 shortest path crosses a cell that maze 2 walls off, or maze 2 opens a shortcut.
    const blocked = Array.from(p1.path).some((i) => m2.cells[i] === CELL_WALL)
    expect(blocked || p2.steps < p1.steps).toBe(true)
  })

  it('gives the same answer with a reused workspace', () => {
    const g = grid(BIANCHI_MAZE_1_TEXT)
    const ws = createBfsWorkspace(g.width * g.height)
    const a = shortestPathToGoal(g, g.starts[0], { workspace: ws })!
    const b = shortestPathToGoal(g, g.starts[0], { workspace: ws })!
    expect(Array.from(b.path)).toEqual(Array.from(a.path))
  })

  it('refuses a start that is a wall or outside the grid', () => {
    const g = grid('S.G\n')
    expect(() => shortestPathToGoal({ ...g, starts: [] }, 5)).toThrow(/outside/)
    expect(() => shortestPathToGoal(grid('#S.G\n'), 0)).toThrow(/wall/)
  })
})

describe('distanceToGoalMap', () => {
  it('agrees with shortestStepsToGoal from every free cell of Bianchi maze 2', () => {
    const g = grid(BIANCHI_MAZE_2_TEXT)
    const dist = distanceToGoalMap(g)
    for (let i = 0; i < g.cells.length; i += 7) {
      if (g.cells[i] === CELL_WALL) expect(dist[i]).toBe(-1)
      else expect(dist[i]).toBe(shortestStepsToGoal(g, i))
    }
  })
})

describe('connectedComponents', () => {
  it('labels separated regions apart and counts their cells', () => {
    const g = grid('S.#..\n..#.G\n')
    const { label, sizes } = connectedComponents(g)
    expect(sizes).toEqual([4, 4])
    expect(label[0]).not.toBe(label[4])
    expect(label[2]).toBe(-1)
  })
})

/** Independent reference: relax distances until nothing changes (Bellman–Ford on unit steps). */
function referenceSteps(g: Grid, start: number, cornerCutting: boolean): number {
  const dist = new Array<number>(g.cells.length).fill(Infinity)
  dist[start] = 0
  for (let changed = true; changed;) {
    changed = false
    for (let i = 0; i < g.cells.length; i++) {
      if (g.cells[i] === CELL_WALL || dist[i] === Infinity) continue
      const r = Math.floor(i / g.width)
      const c = i % g.width
      for (let d = 0; d < 8; d++) {
        const rr = r + DIR_DROW[d]
        const cc = c + DIR_DCOL[d]
        if (rr < 0 || cc < 0 || rr >= g.height || cc >= g.width) continue
        const j = rr * g.width + cc
        if (g.cells[j] === CELL_WALL) continue
        if (!cornerCutting && DIR_DROW[d] !== 0 && DIR_DCOL[d] !== 0) {
          if (g.cells[rr * g.width + c] === CELL_WALL || g.cells[r * g.width + cc] === CELL_WALL) continue
        }
        if (dist[i] + 1 < dist[j]) {
          dist[j] = dist[i] + 1
          changed = true
        }
      }
    }
  }
  let best = Infinity
  for (let i = 0; i < g.cells.length; i++) if (g.cells[i] === CELL_GOAL) best = Math.min(best, dist[i])
  return best
}

describe('BFS against an independent reference', () => {
  it('property: same step count on random walled grids, with and without corner cutting', () => {
    const gridArb = fc.record({ width: fc.integer({ min: 1, max: 12 }), height: fc.integer({ min: 1, max: 12 }) }).chain(({ width, height }) =>
      fc.record({
        width: fc.constant(width),
        height: fc.constant(height),
        kinds: fc.array(fc.constantFrom(CELL_FREE, CELL_FREE, CELL_WALL, CELL_GOAL), { minLength: width * height, maxLength: width * height }),
        start: fc.integer({ min: 0, max: width * height - 1 }),
        cornerCutting: fc.boolean()
      })
    )
    fc.assert(
      fc.property(gridArb, ({ width, height, kinds, start, cornerCutting }) => {
        const cells = Uint8Array.from(kinds)
        cells[start] = CELL_FREE
        const g: Grid = { width, height, cells, penalty: null, starts: [start] }
        expect(shortestStepsToGoal(g, start, { cornerCutting })).toBe(referenceSteps(g, start, cornerCutting))
      }),
      { numRuns: 400 }
    )
  })
})
