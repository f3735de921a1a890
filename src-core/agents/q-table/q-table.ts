import { CELL_GOAL, CELL_PENALTY, CELL_WALL, neighbour, type Grid } from '../../env/grid'
import type { RandomStream } from '../../random'
import { epsilonForTrial } from '../rewards'
import { checkLayoutSize, newCounters, type Agent, type TrialOptions, type TrialOutcome } from '../types'
import type { QTableParams } from './params'
import { ZetaDuration } from './explore'
import { greedyDirection } from './greedy'

/** Longest trace list kept; older entries have decayed below (γλ)^TRACE_CAP anyway. Our choice. */
const TRACE_CAP = 256
/** Traces below this are dropped. Our choice. */
const TRACE_FLOOR = 1e-4

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
  private readonly duration: ZetaDuration
  /** Eligibility traces of Q(λ): entry index and trace value, most recent last (at most TRACE_CAP). */
  private readonly traceIdx = new Int32Array(TRACE_CAP)
  private readonly traceVal = new Float64Array(TRACE_CAP)
  private traceCount = 0
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
    this.duration = new ZetaDuration(params.extendedExploration)
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
    // An evaluation (greedy) trial acts ε-greedily with the small evaluation ε and learns nothing.
    const eps = greedy ? this.params.evaluationEpsilon : epsilonForTrial(this.params.exploration, this.trial)
    if (recordPath && this.path.length < maxSteps + 1) this.path = new Int32Array(maxSteps + 1)
    let s = options.start
    this.pathCount = 0
    if (recordPath) this.path[this.pathCount++] = s
    let steps = 0
    let moves = 0
    let reached = false
    let repeat = 0
    let explored = 0
    while (steps < maxSteps) {
      steps++
      let a: number
      if (repeat > 0) {
        a = explored
        repeat--
      } else if (eps > 0 && rng.uniform() < eps) {
        // Evaluation: one uniformly random direction (Mnih et al. 2015), not an exploratory run.
        if (greedy) a = rng.int(8)
        else {
          a = explored = rng.int(8)
          repeat = this.duration.draw(rng) - 1
          this.traceCount = 0 // Watkins: an exploratory action cuts the traces
        }
      } else a = greedyDirection(q, s * 8, rng)
      const t = next[s * 8 + a]
      let r = rewards.step
      let s2 = s
      let done = false
      if (t < 0 || cells[t] === CELL_WALL) {
        r += rewards.wall
        repeat = 0 // a bump ends an exploratory run
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
        this.update(s * 8 + a, target - q[s * 8 + a], alpha, gamma * this.params.traceDecay)
      }
      s = s2
      if (done) {
        reached = true
        break
      }
    }
    this.traceCount = 0 // traces do not cross trials
    outcome.steps = steps
    outcome.reachedGoal = reached
    outcome.pathLength = moves
    outcome.finalPosition = s
  }

  /**
   * Watkins's Q(λ) with replacing traces (Sutton & Barto 2018 §12.10): the TD error δ of this step
   * updates every traced entry by α·δ·e, then the traces decay by γλ. λ = 0 is one-step Q-learning.
   */
  private update(entry: number, delta: number, alpha: number, decay: number): void {
    const { traceIdx, traceVal, q } = this
    let n = this.traceCount
    let found = false
    for (let k = 0; k < n; k++) {
      if (traceIdx[k] === entry) {
        traceVal[k] = 1
        found = true
        break
      }
    }
    if (!found) {
      if (n === TRACE_CAP) {
        traceIdx.copyWithin(0, 1)
        traceVal.copyWithin(0, 1)
        n--
      }
      traceIdx[n] = entry
      traceVal[n] = 1
      n++
    }
    let kept = 0
    for (let k = 0; k < n; k++) {
      q[traceIdx[k]] += alpha * delta * traceVal[k]
      const e = traceVal[k] * decay
      if (e >= TRACE_FLOOR) {
        traceIdx[kept] = traceIdx[k]
        traceVal[kept++] = e
      }
    }
    this.traceCount = kept
  }
}
