import { CELL_GOAL, CELL_PENALTY, CELL_WALL, neighbour, type Grid } from '../../env/grid'
import type { RandomStream } from '../../random'
import { epsilonForTrial } from '../rewards'
import { checkLayoutSize, newCounters, type Agent, type TrialOptions, type TrialOutcome } from '../types'
import type { QTableParams } from './params'
import { greedyDirection } from './greedy'

/**
 * Tabular Q-learning on the grid: state = position, action = one of the eight directions.
 * One agent time step = one action (a move or a wall bump). Memory elements: 8 × positions.
 */
export class QTableAgent implements Agent {
  readonly kind = 'q-table' as const
  readonly memoryElements: number
  readonly architecture: string
  readonly counters = newCounters()
  /** Q values, [position·8 + direction]. */
  readonly q: Float64Array
  /** Neighbour of each (position, direction), −1 off the grid. */
  private readonly next: Int32Array
  private grid: Grid
  private trial = 0
  private path = new Int32Array(1024)
  private pathCount = 0

  constructor(
    grid: Grid,
    readonly params: QTableParams,
    readonly rng: RandomStream
  ) {
    const n = grid.width * grid.height
    this.grid = grid
    this.q = new Float64Array(n * 8).fill(params.initialValue)
    this.next = new Int32Array(n * 8)
    for (let i = 0; i < n; i++) for (let d = 0; d < 8; d++) this.next[i * 8 + d] = neighbour(grid, i, d)
    this.memoryElements = n * 8
    this.architecture = `Q table: 8 directions × ${n} positions (float64 entries)`
  }

  setLayout(grid: Grid): void {
    checkLayoutSize(grid, this.grid.width, this.grid.height)
    this.grid = grid
  }

  lastPath(): Int32Array {
    return this.path.slice(0, this.pathCount)
  }

  runTrial(options: TrialOptions, outcome: TrialOutcome): void {
    const { maxSteps, greedy, recordPath } = options
    this.trial++
    const { q, next, rng } = this
    const { cells, penalty } = this.grid
    const { learningRate: alpha, discount: gamma, rewards } = this.params
    const eps = greedy ? 0 : epsilonForTrial(this.params.exploration, this.trial)
    if (recordPath && this.path.length < maxSteps + 1) this.path = new Int32Array(maxSteps + 1)
    let s = options.start
    this.pathCount = 0
    if (recordPath) this.path[this.pathCount++] = s
    let steps = 0
    let moves = 0
    let reached = false
    while (steps < maxSteps) {
      steps++
      const a = eps > 0 && rng.uniform() < eps ? rng.int(8) : greedyDirection(q, s * 8, rng)
      const t = next[s * 8 + a]
      let r = rewards.step
      let s2 = s
      let done = false
      if (t < 0 || cells[t] === CELL_WALL) {
        r += rewards.wall
      } else {
        s2 = t
        moves++
        if (recordPath) this.path[this.pathCount++] = s2
        if (cells[t] === CELL_PENALTY && penalty) r += rewards.perPenaltyPoint * penalty[t]
        if (cells[t] === CELL_GOAL) {
          r += rewards.goal
          done = true
        }
      }
      if (!greedy) {
        let target = r
        if (!done) {
          let m = -Infinity
          for (let d = 0; d < 8; d++) if (q[s2 * 8 + d] > m) m = q[s2 * 8 + d]
          target += gamma * m
        }
        q[s * 8 + a] += alpha * (target - q[s * 8 + a])
      }
      s = s2
      if (done) {
        reached = true
        break
      }
    }
    outcome.steps = steps
    outcome.reachedGoal = reached
    outcome.pathLength = moves
    outcome.finalPosition = s
  }
}
