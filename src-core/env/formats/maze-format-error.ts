import { distanceToGoalMap } from '../bfs'
import type { Grid } from '../grid'
import { describe } from '../grid-ops'

/** A maze file that cannot be read. `line` and `column` are 1-based and point at the culprit. */
export class MazeFormatError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly detail: string
  ) {
    super(`line ${line}, column ${column}: ${detail}`)
    this.name = 'MazeFormatError'
  }
}

/** Something a user should know about a maze that was still read (e.g. an unreachable goal). */
export interface MazeWarning {
  line?: number
  column?: number
  message: string
}

/** What every reader returns. */
export interface MazeReadResult {
  grid: Grid
  warnings: MazeWarning[]
  name?: string
}

/**
 * One warning per start cell from which no goal can be reached.
 * `locate` maps a cell index to its place in the file, when the format has one.
 */
export function reachabilityWarnings(grid: Grid, locate?: (index: number) => { line: number; column: number }): MazeWarning[] {
  const out: MazeWarning[] = []
  if (grid.starts.length === 0) return out
  // One BFS from every goal, not one per start: a file with thousands of starts stays linear.
  const dist = distanceToGoalMap(grid)
  for (const s of grid.starts) {
    if (dist[s] >= 0) continue
    out.push({ ...(locate ? locate(s) : {}), message: `no goal can be reached from the start at ${describe(grid, s)}` })
  }
  return out
}
