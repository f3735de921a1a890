import { CELL_GOAL, CELL_PENALTY, CELL_WALL, neighbour, type Grid } from '../../env/grid'
import type { RandomStream } from '../../random'
import { ZetaDuration } from '../q-table/explore'
import { greedyDirection } from '../q-table/greedy'
import { epsilonForTrial } from '../rewards'
import { checkLayoutSize, newCounters, type Agent, type TrialOptions, type TrialOutcome } from '../types'
import type { DqnParams } from './params'
import { AdamOptimizer } from './adam'
import { QNetwork } from './q-network'
import { ReplayBuffer } from './replay'
import { SumTree } from './sum-tree'
import { argmax8, huberGradient, huberLoss, tdTargets } from './td'

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
  /** Double DQN: the online network's best action at each row's s′. */
  private readonly bBest: Uint8Array
  private readonly y: Float64Array
  private readonly dOut: Float64Array
  private readonly bDiscount: Float64Array
  private readonly bSlot: Int32Array
  private readonly bWeight: Float64Array
  /** Prioritized replay: the priorities^α of the replay's slots (null when disabled). */
  private readonly priorities: SumTree | null
  private maxPriority = 1
  /** γ^k for k = 0 … nStep. */
  private readonly gammaPow: Float64Array
  // The current trial's last transitions not yet stored (n-step returns), oldest first.
  private readonly winS: Int32Array
  private readonly winA: Uint8Array
  private readonly winR: Float64Array
  private readonly winMoved: Uint8Array
  private winCount = 0
  /** Per (position, direction) tried: 0 never, 1 it moved the agent, 2 it bumped (change detection). */
  private readonly seen: Uint8Array
  /** Visits per position in learning trials (count-based exploration). */
  private readonly visits: Uint32Array
  /** The trial of the last detected change (0: none); ε restarts from there. */
  private changeTrial = 0
  /** The first learning trial that reached the goal (0: none yet). */
  private goalTrial = 0
  /** Trials in which a change was detected (exploration restarted). */
  readonly changeTrials: number[] = []
  /** Contradictions seen so far (each one a (position, direction) whose outcome changed). */
  changesDetected = 0
  private readonly one = new Int32Array(1)
  private readonly masked = new Float64Array(8)
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
    this.bSlot = new Int32Array(B)
    this.bWeight = new Float64Array(B).fill(1)
    this.priorities = params.prioritizedReplay.enabled ? new SumTree(params.replayCapacity) : null
    this.gammaPow = Float64Array.from({ length: params.nStep + 1 }, (_, k) => Math.pow(params.discount, k))
    this.winS = new Int32Array(params.nStep)
    this.winA = new Uint8Array(params.nStep)
    this.winR = new Float64Array(params.nStep)
    this.winMoved = new Uint8Array(params.nStep)
    this.qOnlineNext = new Float64Array(B * 8)
    this.bBest = new Uint8Array(B)
    this.y = new Float64Array(B)
    this.dOut = new Float64Array(B * 8)
    const n = grid.width * grid.height
    this.seen = new Uint8Array(n * 8)
    this.visits = new Uint32Array(n)
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
    // An evaluation (greedy) trial acts ε-greedily with the small evaluation ε and learns nothing.
    let eps = greedy ? params.evaluationEpsilon : this.epsilon()
    const counting = params.countExploration.enabled
    const beta = params.countExploration.bonus
    // Directed until the goal is found (again, after a detected change); then the usual εz runs refine the path.
    const directed = counting && params.countExploration.directed && (this.goalTrial === 0 || !params.countExploration.untilGoal)
    if (recordPath && this.path.length < maxSteps + 1) this.path = new Int32Array(maxSteps + 1)
    let s = options.start
    if (!greedy && counting) this.visits[s]++
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
      let exploiting = false
      if (repeat > 0) {
        a = explored
        repeat--
      } else if (eps > 0 && rng.uniform() < eps) {
        // Evaluation: one uniformly random direction (Mnih et al. 2015), not an exploratory run.
        if (greedy) a = rng.int(8)
        else if (directed) a = this.leastVisited(s)
        else {
          a = explored = rng.int(8)
          repeat = this.duration.draw(rng) - 1
        }
      } else {
        a = this.greedyAction(s)
        exploiting = true
      }
      const t = next[s * 8 + a]
      let r = rewards.step
      let s2 = s
      let done = false
      const bumped = t < 0 || cells[t] === CELL_WALL
      if (!greedy && this.observe(s, a, bumped, exploiting)) eps = Math.max(eps, this.epsilon())
      if (bumped) {
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
        if (counting) {
          const n = ++this.visits[s2]
          if (beta > 0) r += beta / Math.sqrt(n)
        }
        this.remember(s, a, r, s2, done, !bumped)
        this.agentSteps++
        if (replay.size >= params.warmupTransitions && this.agentSteps % params.trainEvery === 0) this.trainStep()
      }
      s = s2
      if (done) {
        reached = true
        if (!greedy && this.goalTrial === 0) this.goalTrial = this.trial
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
  private remember(s: number, a: number, r: number, s2: number, done: boolean, moved: boolean): void {
    const n = this.params.nStep
    this.winS[this.winCount] = s
    this.winA[this.winCount] = a
    this.winR[this.winCount] = r
    this.winMoved[this.winCount] = moved ? 1 : 0
    this.winCount++
    if (done) this.flush(s2, true)
    else if (this.winCount === n) {
      this.store(0, s2, false)
      this.winS.copyWithin(0, 1)
      this.winA.copyWithin(0, 1)
      this.winR.copyWithin(0, 1)
      this.winMoved.copyWithin(0, 1)
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
    const slot = this.replay.push(this.winS[i], this.winA[i], ret, last, done, this.winCount - i, this.winMoved[i] === 1)
    this.priorities?.set(slot, this.maxPriority)
  }

  /** The greedy direction at `s`, skipping the ones last seen to bump there (unless all of them did). */
  private greedyAction(s: number): number {
    const q = this.actionValues(s)
    if (!this.params.changeDetection.maskBumps) return greedyDirection(q, 0, this.rng)
    const v = this.masked
    let open = 0
    for (let d = 0; d < 8; d++) {
      const bump = this.seen[s * 8 + d] === 2
      v[d] = bump ? -Infinity : q[d]
      if (!bump) open++
    }
    return greedyDirection(open > 0 ? v : q, 0, this.rng)
  }

  /**
   * Counter-based exploration (Thrun 1992): the direction whose outcome position has been visited least —
   * the neighbour it leads to, or `s` itself for a direction last seen to bump — ties drawn at random.
   */
  private leastVisited(s: number): number {
    const { next, seen, visits } = this
    let best = 0
    let bestN = Infinity
    let ties = 0
    for (let d = 0; d < 8; d++) {
      const t = next[s * 8 + d]
      const n = t < 0 || seen[s * 8 + d] === 2 ? visits[s] : visits[t]
      if (n < bestN) {
        bestN = n
        best = d
        ties = 1
      } else if (n === bestN && this.rng.int(++ties) === 0) best = d
    }
    return best
  }

  /** ε the next learning trial starts with (before any detected change within it). */
  epsilonOfNextTrial(): number {
    return this.epsilon(this.trial + 1)
  }

  /** ε of a trial (the running one by default): the schedule, or the restart after a detected change if that is larger. */
  private epsilon(trial = this.trial): number {
    const { exploration, changeDetection } = this.params
    const { countExploration } = this.params
    // Until the first goal, the schedule holds its first value; it then runs from the trial after that goal.
    const eps =
      countExploration.enabled && countExploration.decayFromFirstGoal
        ? this.goalTrial === 0
          ? exploration.epsilonStart
          : epsilonForTrial(exploration, trial - this.goalTrial)
        : epsilonForTrial(exploration, trial)
    if (this.changeTrial === 0) return eps
    return Math.max(eps, changeDetection.epsilon * Math.pow(exploration.epsilonDecay, trial - this.changeTrial))
  }

  /**
   * Record what trying `a` at `s` did. If it contradicts what the agent saw there before (a move where it
   * bumped, or a bump where it moved), the world changed: restart exploration and drop the stored
   * transitions that the new observation contradicts. Returns true on a contradiction.
   */
  private observe(s: number, a: number, bumped: boolean, exploiting: boolean): boolean {
    const cd = this.params.changeDetection
    const k = s * 8 + a
    const o = bumped ? 2 : 1
    const before = this.seen[k]
    this.seen[k] = o
    if (!cd.enabled || before === 0 || before === o) return false
    this.changesDetected++
    // A new change: the learned (greedy) choice contradicted — a wall where the learned path went, or the
    // reverse — at least `quietTrials` trials after the last restart. Contradictions found by exploration do not restart.
    if (exploiting && (this.changeTrial === 0 || this.trial - this.changeTrial > cd.quietTrials)) {
      this.changeTrial = this.trial
      this.changeTrials.push(this.trial)
      if (this.params.countExploration.enabled) {
        // A new maze for the counts too: explore it afresh, ε held again until its goal is reached.
        this.visits.fill(0)
        this.goalTrial = 0
      }
    }
    if (cd.dropContradicted) {
      const { replay } = this
      const oldMoved = bumped ? 1 : 0
      const kept = replay.removeWhere((j) => replay.state[j] === s && replay.action[j] === a && replay.firstMoved[j] === oldMoved)
      const tree = this.priorities
      if (tree && kept) {
        // The kept transitions moved to new slots: their priorities move with them.
        const p = kept.map((j) => tree.get(j))
        tree.clear()
        for (let j = 0; j < p.length; j++) tree.set(j, p[j])
      }
    }
    return true
  }

  /** One minibatch gradient step on the Huber loss of Double-DQN TD errors; returns the mean loss. */
  trainStep(): number {
    const { replay, rng, params, online, target, bState, bNext, bAction, bReward, bDone, dOut, y } = this
    const batch = Math.min(params.batchSize, replay.size)
    const tree = this.priorities
    const { bSlot, bWeight } = this
    if (tree) {
      // Stratified proportional draws and importance weights (Schaul et al. 2016, algorithm 1).
      const total = tree.total
      const beta = params.prioritizedReplay.beta
      let maxW = 0
      for (let b = 0; b < batch; b++) {
        const j = tree.find(((b + rng.uniform()) * total) / batch)
        bSlot[b] = j
        bWeight[b] = Math.pow((replay.size * tree.get(j)) / total, -beta)
        if (bWeight[b] > maxW) maxW = bWeight[b]
      }
      for (let b = 0; b < batch; b++) bWeight[b] /= maxW
    } else for (let b = 0; b < batch; b++) bSlot[b] = rng.int(replay.size)
    for (let b = 0; b < batch; b++) {
      const j = bSlot[b]
      bState[b] = replay.state[j]
      bNext[b] = replay.nextState[j]
      bAction[b] = replay.action[j]
      bReward[b] = replay.reward[j]
      bDone[b] = replay.done[j]
      this.bDiscount[b] = this.gammaPow[replay.horizon[j]]
    }
    // Targets first (they overwrite the forward scratch), then the online forward the gradient needs.
    // Double DQN reads one target value a row, at the online network's argmax (tdTargets takes the same one).
    let qTargetNext: Float64Array
    if (params.double) {
      const qn = online.forward(bNext, batch)
      for (let i = 0; i < batch * 8; i++) this.qOnlineNext[i] = qn[i]
      for (let b = 0; b < batch; b++) this.bBest[b] = argmax8(this.qOnlineNext, b * 8)
      qTargetNext = target.forward(bNext, batch, this.bBest)
    } else qTargetNext = target.forward(bNext, batch)
    tdTargets(bReward, bDone, this.qOnlineNext, qTargetNext, this.bDiscount, batch, params.double, y)
    // The loss reads Q(s, a) of the action taken only.
    const q = online.forward(bState, batch, bAction)
    const delta = params.huberDelta
    let loss = 0
    dOut.fill(0)
    for (let b = 0; b < batch; b++) {
      const k = b * 8 + bAction[b]
      const err = q[k] - y[b]
      loss += huberLoss(err, delta)
      dOut[k] = bWeight[b] * huberGradient(err, delta)
      if (tree) {
        const p = Math.pow(Math.abs(err) + 1e-6, params.prioritizedReplay.alpha)
        tree.set(bSlot[b], p)
        if (p > this.maxPriority) this.maxPriority = p
      }
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
