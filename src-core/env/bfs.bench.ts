/**
 * BFS speed on open grids (every cell visited: start and goal in opposite corners).
 * Run: npx tsx src-core/env/bfs.bench.ts [--big]   (--big adds one 4096² search)
 * Prints cells/s for the typed-array BFS and for a plain baseline (JS arrays, grid.ts `neighbour`)
 * measured in the same run, and their ratio.
 */
import { createBfsWorkspace, shortestPathToGoal } from './bfs'
import { CELL_GOAL, CELL_WALL, neighbour, type Grid } from './grid'
import { emptyGrid } from './grid-ops'

function openGrid(side: number): Grid {
  const g = emptyGrid(side, side)
  g.cells[side * side - 1] = CELL_GOAL
  g.starts.push(0)
  return g
}

/** The obvious implementation: a JS array queue, a Map of parents, the contract's `neighbour`. */
function baselineSteps(grid: Grid, start: number): number {
  const parent = new Map<number, number>([[start, start]])
  const queue = [start]
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head]
    if (grid.cells[i] === CELL_GOAL) {
      let steps = 0
      for (let j = i; j !== start; j = parent.get(j)!) steps++
      return steps
    }
    for (let d = 0; d < 8; d++) {
      const j = neighbour(grid, i, d)
      if (j < 0 || parent.has(j) || grid.cells[j] === CELL_WALL) continue
      parent.set(j, i)
      queue.push(j)
    }
  }
  return Infinity
}

function time(fn: () => number, repeats: number): { seconds: number; result: number } {
  let result = 0
  const t0 = performance.now()
  for (let k = 0; k < repeats; k++) result = fn()
  return { seconds: (performance.now() - t0) / 1000 / repeats, result }
}

const side = 1000
const grid = openGrid(side)
const cells = side * side
const ws = createBfsWorkspace(cells)
time(() => shortestPathToGoal(grid, 0, { workspace: ws })!.steps, 2) // warm-up
const fast = time(() => shortestPathToGoal(grid, 0, { workspace: ws })!.steps, 10)
const fresh = time(() => shortestPathToGoal(grid, 0)!.steps, 5)
const base = time(() => baselineSteps(grid, 0), 2)
if (fast.result !== side - 1 || base.result !== side - 1) throw new Error(`wrong answer: ${fast.result}, ${base.result}`)
const rate = (s: number) => (cells / s / 1e6).toFixed(1)
console.log(`BFS ${side}×${side} open grid, ${cells} cells visited per search`)
console.log(`  typed arrays, reused workspace: ${(fast.seconds * 1e3).toFixed(1)} ms/search, ${rate(fast.seconds)} M cells/s`)
console.log(`  typed arrays, fresh workspace:  ${(fresh.seconds * 1e3).toFixed(1)} ms/search, ${rate(fresh.seconds)} M cells/s`)
console.log(`  baseline (Map + array queue):   ${(base.seconds * 1e3).toFixed(1)} ms/search, ${rate(base.seconds)} M cells/s`)
console.log(`  speed-up over baseline: ×${(base.seconds / fast.seconds).toFixed(1)}`)

if (process.argv.includes('--big')) {
  const big = openGrid(4096)
  const b = time(() => shortestPathToGoal(big, 0)!.steps, 1)
  console.log(`BFS 4096×4096: ${(b.seconds * 1e3).toFixed(0)} ms/search, ${((4096 * 4096) / b.seconds / 1e6).toFixed(1)} M cells/s`)
}
