import { CELL_GOAL, CELL_PENALTY, CELL_WALL, neighbour, type Grid } from '../../env/grid'
import type { RandomStream } from '../../random'
import { ZetaDuration } from '../q-table/explore'
import { greedyDirection } from '../q-table/greedy'
import { epsilonForTrial } from '../rewards'
import { checkLayoutSize, newCounters, type Agent, type TrialOptions, type TrialOutcome } from '../types'
import type { DqnParams } from './params'
import { AdamOptimizer, QNetwork } from './q-network'
import { ReplayBuffer } from './replay'
import { huberGradient, huberLoss, tdTargets } from './td'

/**
 * Deep Q-learning (docs/agents.md): a Q network maps the encoded position to eight action values;
 * transitions go to a replay ring buffer; each gradient step draws a minibatch, computes Double-DQN
 * targets with a target network (soft or hard updates), and takes one Adam step on the Huber loss,
 * the whole minibatch at once. One agent time step = one action. Memory elements = trainable parameters
 * of the online network (the replay entries are reported apart, `replayEntries`).
 */
export class DqnAgent implements Agent {
  readonly kind = 'dqn' as const
  readonly memoryElements: number
  /** Transitions the replay buffer holds at most (memory the agent needs beside its parameters). */
  readonly replayEntries: number
  readonly architecture: string
  readonly counters = newCounters()
  readonly online: QNetwork
  readonly target: QNetwork
  readonly replay: ReplayBuffer
  private readonly optimizer: AdamOptimizer
  private readonly next: Int32Array
  // Minibatch scratch, allocated once.
  private readonly bState: Int32Array
  private readonly bNext: Int32Array
  private readonly bAction: Uint8Array
  private readonly bReward: Float64Array
  private readonly bDone: Uint8Array
  private readonly qOnlineNext: Float64Array
  private readonly y: Float64Array
  private readonly dOut: Float64Array
  private readonly bDiscount: Float64Array
  /** γ^k for k = 0 … nStep. */
  private readonly gammaPow: Float64Array
  // The current trial's last transitions not yet stored (n-step returns), oldest first.
  private readonly winS: Int32Array
  private readonly winA: Uint8Array
  private readonly winR: Float64Array
  private winCount = 0
  private readonly one = new Int32Array(1)
  private readonly touched: Int32Array
  private readonly duration: ZetaDuration
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
    this.grid = grid
    const B = params.batchSize
    this.online = new QNetwork(params.input, grid.width, grid.height, params.hiddenLayers, B)
    this.online.initialize(rng)
    this.target = new QNetwork(params.input, grid.width, grid.height, params.hiddenLayers, B)
    this.target.copyFrom(this.online)
    if (params.targetUpdate === 'soft') this.target.followSoftly(this.online, params.targetTau)
    this.touched = new Int32Array(B)
    this.optimizer = new AdamOptimizer(this.online, params.learningRate)
    this.replay = new ReplayBuffer(params.replayCapacity)
    this.bState = new Int32Array(B)
    this.bNext = new Int32Array(B)
    this.bAction = new Uint8Array(B)
    this.bReward = new Float64Array(B)
    this.bDone = new Uint8Array(B)
    this.bDiscount = new Float64Array(B)
    this.gammaPow = Float64Array.from({ length: params.nStep + 1 }, (_, k) => Math.pow(params.discount, k))
    this.winS = new Int32Array(params.nStep)
    this.winA = new Uint8Array(params.nStep)
    this.winR = new Float64Array(params.nStep)
    this.qOnlineNext = new Float64Array(B * 8)
    this.y = new Float64Array(B)
    this.dOut = new Float64Array(B * 8)
    const n = grid.width * grid.height
    this.next = new Int32Array(n * 8)
    for (let i = 0; i < n; i++) for (let d = 0; d < 8; d++) this.next[i * 8 + d] = neighbour(grid, i, d)
    this.duration = new ZetaDuration(params.extendedExploration)
    this.memoryElements = this.online.parameterCount
    this.replayEntries = params.replayCapacity
    const target = params.targetUpdate === 'soft' ? `soft target τ ${params.targetTau}` : `target copied every ${params.targetSyncEvery} steps`
    this.architecture =
      `${params.double ? 'Double ' : ''}DQN, MLP ${this.online.sizes.join('→')} (ReLU hidden, linear out; ${params.input} input), ` +
      `${this.memoryElements} trainable parameters; ${target}; replay of ${params.replayCapacity} transitions`
  }

  setLayout(grid: Grid): void {
    checkLayoutSize(grid, this.grid.width, this.grid.height)
    this.grid = grid
  }

  lastPath(): Int32Array {
    return this.path.slice(0, this.pathCount)
  }

  /** Online-network action values of a position (a view, valid until the next forward). */
  actionValues(position: number): Float64Array {
    this.one[0] = position
    return this.online.forward(this.one, 1)
  }

  runTrial(options: TrialOptions, outcome: TrialOutcome): void {
    const { maxSteps, greedy, recordPath } = options
    this.trial++
    const { next, rng, params, replay } = this
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
    let repeat = 0
    let explored = 0
    while (steps < maxSteps) {
      steps++
      let a: number
      if (repeat > 0) {
        a = explored
        repeat--
      } else if (eps > 0 && rng.uniform() < eps) {
        a = explored = rng.int(8)
        repeat = this.duration.draw(rng) - 1
      } else a = greedyDirection(this.actionValues(s), 0, rng)
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
        this.remember(s, a, r, s2, done)
        this.agentSteps++
        if (replay.size >= params.warmupTransitions && this.agentSteps % params.trainEvery === 0) this.trainStep()
      }
      s = s2
      if (done) {
        reached = true
        break
      }
    }
    // A time-out is not a terminal state: the pending returns bootstrap from where the trial stopped.
    if (!greedy) this.flush(s, false)
    outcome.steps = steps
    outcome.reachedGoal = reached
    outcome.pathLength = moves
    outcome.finalPosition = s
  }

  /**
   * Queue a transition; once n are queued, store the oldest as an n-step transition
   * (R = Σ_k γ^k r_k, bootstrapping from the state n steps later). A terminal step stores them all.
   */
  private remember(s: number, a: number, r: number, s2: number, done: boolean): void {
    const n = this.params.nStep
    this.winS[this.winCount] = s
    this.winA[this.winCount] = a
    this.winR[this.winCount] = r
    this.winCount++
    if (done) this.flush(s2, true)
    else if (this.winCount === n) {
      this.store(0, s2, false)
      this.winS.copyWithin(0, 1)
      this.winA.copyWithin(0, 1)
      this.winR.copyWithin(0, 1)
      this.winCount--
    }
  }

  /** Store every queued transition, each with the return up to `last`. */
  private flush(last: number, done: boolean): void {
    for (let i = 0; i < this.winCount; i++) this.store(i, last, done)
    this.winCount = 0
  }

  private store(i: number, last: number, done: boolean): void {
    let ret = 0
    for (let k = this.winCount - 1; k >= i; k--) ret = this.winR[k] + this.params.discount * ret
    this.replay.push(this.winS[i], this.winA[i], ret, last, done, this.winCount - i)
  }

  /** One minibatch gradient step on the Huber loss of Double-DQN TD errors; returns the mean loss. */
  trainStep(): number {
    const { replay, rng, params, online, target, bState, bNext, bAction, bReward, bDone, dOut, y } = this
    const batch = Math.min(params.batchSize, replay.size)
    for (let b = 0; b < batch; b++) {
      const j = rng.int(replay.size)
      bState[b] = replay.state[j]
      bNext[b] = replay.nextState[j]
      bAction[b] = replay.action[j]
      bReward[b] = replay.reward[j]
      bDone[b] = replay.done[j]
      this.bDiscount[b] = this.gammaPow[replay.horizon[j]]
    }
    // Targets first (they overwrite the forward scratch), then the online forward the gradient needs.
    if (params.double) {
      const qn = online.forward(bNext, batch)
      for (let i = 0; i < batch * 8; i++) this.qOnlineNext[i] = qn[i]
    }
    const qTargetNext = target.forward(bNext, batch)
    tdTargets(bReward, bDone, this.qOnlineNext, qTargetNext, this.bDiscount, batch, params.double, y)
    const q = online.forward(bState, batch)
    const delta = params.huberDelta
    let loss = 0
    dOut.fill(0)
    for (let b = 0; b < batch; b++) {
      const k = b * 8 + bAction[b]
      const err = q[k] - y[b]
      loss += huberLoss(err, delta)
      dOut[k] = huberGradient(err, delta)
    }
    online.backward(dOut)
    const soft = params.targetUpdate === 'soft'
    const touchedCount = online.touchedCount
    if (soft) {
      // Lazy soft target: the columns this step changes catch up first (see QNetwork.followSoftly).
      for (let k = 0; k < touchedCount; k++) target.catchUp((this.touched[k] = online.touched[k]))
    }
    this.optimizer.step(1 / batch)
    this.gradientSteps++
    if (soft) target.softUpdate(this.touched, touchedCount)
    else if (this.gradientSteps % params.targetSyncEvery === 0) target.copyFrom(online)
    return loss / batch
  }
}
