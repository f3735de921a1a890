/**
 * The DQN agent as it was before the Double-DQN rewrite (commit 7ed5421: `dqn.ts`, `mlp.ts`,
 * `replay.ts`), kept verbatim for `dqn.bench.ts` only, so the bench can time the SAME network
 * before and after in one run. Not used by the workbench.
 */
import { CELL_GOAL, CELL_PENALTY, CELL_WALL, neighbour, type Grid } from '../../env/grid'
import type { RandomStream } from '../../random'
import { greedyDirection } from '../q-table/greedy'
import { epsilonForTrial, type BaselineRewards, type EpsilonSchedule } from '../rewards'
import { checkLayoutSize, newCounters, type Agent, type TrialOptions, type TrialOutcome } from '../types'

export interface LegacyDqnParams {
  input: 'one-hot' | 'coordinates'
  hiddenLayers: number[]
  learningRate: number
  discount: number
  replayCapacity: number
  batchSize: number
  warmupTransitions: number
  trainEvery: number
  targetSyncEvery: number
  huberDelta: number
  exploration: EpsilonSchedule
  rewards: BaselineRewards
}

/**
 * A small fully connected network in plain TypeScript: ReLU hidden layers, linear output.
 * Weights of layer l are row-major [out × in]. Forward keeps the activations of the last input so
 * `backward` can accumulate gradients; zero inputs are skipped (one-hot encodings stay cheap).
 */
class Mlp {
  readonly weights: Float64Array[]
  readonly biases: Float64Array[]
  readonly gradWeights: Float64Array[]
  readonly gradBiases: Float64Array[]
  /** activations[0] = input, activations[l+1] = output of layer l (after ReLU for hidden layers). */
  private readonly activations: Float64Array[]
  private readonly deltas: Float64Array[]
  /** The one input that is 1 when the last forward was `forwardOneHot` (the rest 0), else −1. */
  private hot = -1

  constructor(readonly sizes: readonly number[]) {
    if (sizes.length < 2 || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
      throw new RangeError(`layer sizes must be ≥ 2 positive integers, got [${sizes.join(', ')}]`)
    }
    const layers = sizes.length - 1
    this.weights = []
    this.biases = []
    this.gradWeights = []
    this.gradBiases = []
    this.activations = [new Float64Array(sizes[0])]
    this.deltas = []
    for (let l = 0; l < layers; l++) {
      this.weights.push(new Float64Array(sizes[l + 1] * sizes[l]))
      this.biases.push(new Float64Array(sizes[l + 1]))
      this.gradWeights.push(new Float64Array(sizes[l + 1] * sizes[l]))
      this.gradBiases.push(new Float64Array(sizes[l + 1]))
      this.activations.push(new Float64Array(sizes[l + 1]))
      this.deltas.push(new Float64Array(sizes[l + 1]))
    }
  }

  /** Trainable parameters (weights + biases). */
  get parameterCount(): number {
    let n = 0
    for (let l = 0; l < this.weights.length; l++) n += this.weights[l].length + this.biases[l].length
    return n
  }

  /** He-normal initialisation (fan-in), zero biases. */
  initialize(rng: RandomStream): void {
    for (let l = 0; l < this.weights.length; l++) {
      const scale = Math.sqrt(2 / this.sizes[l])
      const w = this.weights[l]
      for (let i = 0; i < w.length; i++) w[i] = scale * rng.normal()
      this.biases[l].fill(0)
    }
  }

  copyFrom(other: Mlp): void {
    for (let l = 0; l < this.weights.length; l++) {
      this.weights[l].set(other.weights[l])
      this.biases[l].set(other.biases[l])
    }
  }

  /** Output for input x (a view into internal storage, valid until the next forward). */
  forward(x: ArrayLike<number>): Float64Array {
    const input = this.activations[0]
    for (let i = 0; i < input.length; i++) input[i] = x[i]
    this.hot = -1
    return this.forwardFrom(0)
  }

  /**
   * `forward` of the one-hot input e_index, without writing or scanning the whole input: the first
   * layer is its bias plus one weight column. The same numbers as `forward` (b + w·1 is b + w).
   */
  forwardOneHot(index: number): Float64Array {
    const input = this.activations[0]
    if (!(index >= 0 && index < input.length)) throw new RangeError(`one-hot index ${index} outside 0…${input.length - 1}`)
    if (this.hot >= 0) input[this.hot] = 0
    else input.fill(0)
    input[index] = 1
    this.hot = index
    const nIn = this.sizes[0]
    const nOut = this.sizes[1]
    const out = this.activations[1]
    const w = this.weights[0]
    const b = this.biases[0]
    for (let o = 0; o < nOut; o++) out[o] = b[o] + w[o * nIn + index]
    if (this.weights.length > 1) for (let o = 0; o < nOut; o++) if (out[o] < 0) out[o] = 0
    return this.forwardFrom(1)
  }

  /** Layers from `first` on, over activations[first]. */
  private forwardFrom(first: number): Float64Array {
    const layers = this.weights.length
    for (let l = first; l < layers; l++) {
      const nIn = this.sizes[l]
      const nOut = this.sizes[l + 1]
      const a = this.activations[l]
      const out = this.activations[l + 1]
      const w = this.weights[l]
      out.set(this.biases[l])
      for (let i = 0; i < nIn; i++) {
        const ai = a[i]
        if (ai === 0) continue
        for (let o = 0; o < nOut; o++) out[o] += w[o * nIn + i] * ai
      }
      if (l < layers - 1) for (let o = 0; o < nOut; o++) if (out[o] < 0) out[o] = 0
    }
    return this.activations[layers]
  }

  /** Accumulate ∂loss/∂parameters for the last forward, given ∂loss/∂output. */
  backward(dOutput: ArrayLike<number>): void {
    const layers = this.weights.length
    const top = this.deltas[layers - 1]
    for (let o = 0; o < top.length; o++) top[o] = dOutput[o]
    for (let l = layers - 1; l >= 0; l--) {
      const nIn = this.sizes[l]
      const nOut = this.sizes[l + 1]
      const delta = this.deltas[l]
      const a = this.activations[l]
      const w = this.weights[l]
      const gw = this.gradWeights[l]
      const gb = this.gradBiases[l]
      for (let o = 0; o < nOut; o++) gb[o] += delta[o]
      if (l === 0 && this.hot >= 0) {
        // One-hot input: one column of the first layer's weights gets a gradient (δ·1 = δ).
        const i = this.hot
        for (let o = 0; o < nOut; o++) gw[o * nIn + i] += delta[o]
      } else {
        for (let i = 0; i < nIn; i++) {
          const ai = a[i]
          if (ai === 0) continue
          for (let o = 0; o < nOut; o++) gw[o * nIn + i] += delta[o] * ai
        }
      }
      if (l > 0) {
        const below = this.deltas[l - 1]
        for (let i = 0; i < nIn; i++) {
          // ReLU derivative: zero where the activation was clipped.
          if (a[i] <= 0) {
            below[i] = 0
            continue
          }
          let s = 0
          for (let o = 0; o < nOut; o++) s += w[o * nIn + i] * delta[o]
          below[i] = s
        }
      }
    }
  }

  zeroGradients(): void {
    for (let l = 0; l < this.weights.length; l++) {
      this.gradWeights[l].fill(0)
      this.gradBiases[l].fill(0)
    }
  }
}

/** Adam (Kingma & Ba 2015) over an Mlp's parameters, with its usual defaults β1 0.9, β2 0.999, ε 1e-8. */
class Adam {
  private readonly m: Float64Array[] = []
  private readonly v: Float64Array[] = []
  private t = 0

  constructor(
    private readonly net: Mlp,
    readonly learningRate: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-8
  ) {
    for (let l = 0; l < net.weights.length; l++) {
      this.m.push(new Float64Array(net.weights[l].length + net.biases[l].length))
      this.v.push(new Float64Array(net.weights[l].length + net.biases[l].length))
    }
  }

  /** One update with the accumulated gradients scaled by `scale` (e.g. 1/batch). */
  step(scale: number): void {
    this.t++
    const { beta1: b1, beta2: b2, epsilon } = this
    const lr = (this.learningRate * Math.sqrt(1 - Math.pow(b2, this.t))) / (1 - Math.pow(b1, this.t))
    for (let l = 0; l < this.net.weights.length; l++) {
      const w = this.net.weights[l]
      const b = this.net.biases[l]
      const gw = this.net.gradWeights[l]
      const gb = this.net.gradBiases[l]
      const m = this.m[l]
      const v = this.v[l]
      const nw = w.length
      // Weights, then biases (moments stored after the weights'): two plain loops, no branch per element.
      for (let i = 0; i < nw; i++) {
        const g = gw[i] * scale
        m[i] = b1 * m[i] + (1 - b1) * g
        v[i] = b2 * v[i] + (1 - b2) * g * g
        w[i] -= (lr * m[i]) / (Math.sqrt(v[i]) + epsilon)
      }
      for (let j = 0; j < b.length; j++) {
        const i = nw + j
        const g = gb[j] * scale
        m[i] = b1 * m[i] + (1 - b1) * g
        v[i] = b2 * v[i] + (1 - b2) * g * g
        b[j] -= (lr * m[i]) / (Math.sqrt(v[i]) + epsilon)
      }
    }
  }
}

/**
 * A ring buffer of transitions (state, action, reward, next state, done). States are stored as
 * position indices and encoded on demand, so a transition costs 17 bytes whatever the input encoding.
 */
class LegacyReplayBuffer {
  readonly state: Int32Array
  readonly action: Uint8Array
  readonly reward: Float64Array
  readonly nextState: Int32Array
  readonly done: Uint8Array
  private head = 0
  size = 0

  constructor(readonly capacity: number) {
    this.state = new Int32Array(capacity)
    this.action = new Uint8Array(capacity)
    this.reward = new Float64Array(capacity)
    this.nextState = new Int32Array(capacity)
    this.done = new Uint8Array(capacity)
  }

  push(s: number, a: number, r: number, s2: number, done: boolean): void {
    const i = this.head
    this.state[i] = s
    this.action[i] = a
    this.reward[i] = r
    this.nextState[i] = s2
    this.done[i] = done ? 1 : 0
    this.head = i + 1 === this.capacity ? 0 : i + 1
    if (this.size < this.capacity) this.size++
  }
}

/**
 * Deep Q-learning: an MLP maps the encoded position to eight action values; transitions go to a
 * replay buffer; minibatch TD targets come from a target network copied every `targetSyncEvery`
 * gradient steps; Huber loss; Adam. One agent time step = one action. Memory elements = trainable
 * parameters of the online network.
 */
export class LegacyDqnAgent implements Agent {
  readonly kind = 'dqn' as const
  readonly memoryElements: number
  readonly architecture: string
  readonly counters = newCounters()
  readonly online: Mlp
  readonly target: Mlp
  private readonly optimizer: Adam
  private readonly replay: LegacyReplayBuffer
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
    readonly params: LegacyDqnParams,
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
    this.replay = new LegacyReplayBuffer(params.replayCapacity)
    this.encoded = new Float64Array(inputs)
    this.next = new Int32Array(n * 8)
    for (let i = 0; i < n; i++) for (let d = 0; d < 8; d++) this.next[i * 8 + d] = neighbour(grid, i, d)
    this.memoryElements = this.online.parameterCount
    this.architecture =
      `MLP ${sizes.join('→')} (ReLU hidden, linear out; ${params.input} input), ` + `${this.memoryElements} trainable parameters; target network and replay of ${params.replayCapacity}`
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
