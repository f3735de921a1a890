import { CELL_GOAL, CELL_PENALTY, CELL_WALL, neighbour, type Grid } from '../../env/grid'
import type { RandomStream } from '../../random'
import { greedyDirection } from '../q-table/greedy'
import { epsilonForTrial } from '../rewards'
import { checkLayoutSize, newCounters, type Agent, type TrialOptions, type TrialOutcome } from '../types'
import { Adam, Mlp } from './mlp'
import type { DqnParams } from './params'
import { ReplayBuffer } from './replay'

/**
 * Deep Q-learning: an MLP maps the encoded position to eight action values; transitions go to a
 * replay buffer; minibatch TD targets come from a target network copied every `targetSyncEvery`
 * gradient steps; Huber loss; Adam. One agent time step = one action. Memory elements = trainable
 * parameters of the online network.
 */
export class DqnAgent implements Agent {
  readonly kind = 'dqn' as const
  readonly memoryElements: number
  readonly architecture: string
  readonly counters = newCounters()
  readonly online: Mlp
  readonly target: Mlp
  private readonly optimizer: Adam
  private readonly replay: ReplayBuffer
  private readonly next: Int32Array
  private readonly encoded: Float64Array
  private readonly dOut = new Float64Array(8)
  private readonly qScratch = new Float64Array(8)
  private grid: Grid
  private trial = 0
  private agentSteps = 0
  private gradientSteps = 0
  private path = new Int32Array(1024)
  private pathCount = 0

  constructor(
    grid: Grid,
    readonly params: DqnParams,
    readonly rng: RandomStream
  ) {
    const n = grid.width * grid.height
    this.grid = grid
    const inputs = params.input === 'one-hot' ? n : 2
    const sizes = [inputs, ...params.hiddenLayers, 8]
    this.online = new Mlp(sizes)
    this.online.initialize(rng)
    this.target = new Mlp(sizes)
    this.target.copyFrom(this.online)
    this.optimizer = new Adam(this.online, params.learningRate)
    this.replay = new ReplayBuffer(params.replayCapacity)
    this.encoded = new Float64Array(inputs)
    this.next = new Int32Array(n * 8)
    for (let i = 0; i < n; i++) for (let d = 0; d < 8; d++) this.next[i * 8 + d] = neighbour(grid, i, d)
    this.memoryElements = this.online.parameterCount
    this.architecture =
      `MLP ${sizes.join('→')} (ReLU hidden, linear out; ${params.input} input), ` +
      `${this.memoryElements} trainable parameters; target network and replay of ${params.replayCapacity}`
  }

  setLayout(grid: Grid): void {
    checkLayoutSize(grid, this.grid.width, this.grid.height)
    this.grid = grid
  }

  lastPath(): Int32Array {
    return this.path.slice(0, this.pathCount)
  }

  /** The network input for a position (written into a reused array). */
  encode(position: number): Float64Array {
    const x = this.encoded
    if (this.params.input === 'one-hot') {
      x.fill(0)
      x[position] = 1
    } else {
      const w = this.grid.width
      x[0] = Math.floor(position / w) / Math.max(1, this.grid.height - 1)
      x[1] = (position % w) / Math.max(1, w - 1)
    }
    return x
  }

  /** Online-network action values of a position (a view, valid until the next forward). */
  actionValues(position: number): Float64Array {
    return this.forwardAt(this.online, position)
  }

  /** A network's action values at a position: one-hot without building the input vector. */
  private forwardAt(net: Mlp, position: number): Float64Array {
    return this.params.input === 'one-hot' ? net.forwardOneHot(position) : net.forward(this.encode(position))
  }

  runTrial(options: TrialOptions, outcome: TrialOutcome): void {
    const { maxSteps, greedy, recordPath } = options
    this.trial++
    const { next, rng, params } = this
    const { cells, penalty } = this.grid
    const rewards = params.rewards
    const eps = greedy ? 0 : epsilonForTrial(params.exploration, this.trial)
    if (recordPath && this.path.length < maxSteps + 1) this.path = new Int32Array(maxSteps + 1)
    let s = options.start
    this.pathCount = 0
    if (recordPath) this.path[this.pathCount++] = s
    let steps = 0
    let moves = 0
    let reached = false
    while (steps < maxSteps) {
      steps++
      let a: number
      if (eps > 0 && rng.uniform() < eps) a = rng.int(8)
      else {
        this.qScratch.set(this.actionValues(s))
        a = greedyDirection(this.qScratch, 0, rng)
      }
      const t = next[s * 8 + a]
      let r = rewards.step
      let s2 = s
      let done = false
      if (t < 0 || cells[t] === CELL_WALL) r += rewards.wall
      else {
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
        this.replay.push(s, a, r, s2, done)
        this.agentSteps++
        if (this.replay.size >= params.warmupTransitions && this.agentSteps % params.trainEvery === 0) this.trainStep()
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

  /** One minibatch gradient step on the Huber TD loss; exposed for tests. */
  trainStep(): number {
    const { replay, rng, params, online, target, dOut } = this
    const batch = Math.min(params.batchSize, replay.size)
    const delta = params.huberDelta
    online.zeroGradients()
    let loss = 0
    for (let b = 0; b < batch; b++) {
      const j = rng.int(replay.size)
      let y = replay.reward[j]
      if (replay.done[j] === 0) {
        const qNext = this.forwardAt(target, replay.nextState[j])
        let m = qNext[0]
        for (let d = 1; d < 8; d++) if (qNext[d] > m) m = qNext[d]
        y += params.discount * m
      }
      const q = this.forwardAt(online, replay.state[j])
      const a = replay.action[j]
      const err = q[a] - y
      const absErr = Math.abs(err)
      loss += absErr <= delta ? 0.5 * err * err : delta * (absErr - 0.5 * delta)
      dOut.fill(0)
      dOut[a] = absErr <= delta ? err : delta * Math.sign(err)
      online.backward(dOut)
    }
    this.optimizer.step(1 / batch)
    this.gradientSteps++
    if (this.gradientSteps % params.targetSyncEvery === 0) target.copyFrom(online)
    return loss / batch
  }
}
