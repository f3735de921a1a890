import type { RandomStream } from '../../random'

/** How a grid position becomes the network's input. */
export type StateEncoding = 'one-hot' | 'coordinates'

/** Layer widths of the Q network: [inputs, ...hidden, 8]. One-hot: one input per position; coordinates: 2. */
export function qNetworkSizes(encoding: StateEncoding, positions: number, hiddenLayers: readonly number[]): number[] {
  return [encoding === 'one-hot' ? positions : 2, ...hiddenLayers, 8]
}

/**
 * Trainable parameters (weights + biases) of a fully connected network of these widths:
 * Σ_l (n_l + 1)·n_{l+1}. For one-hot input, one hidden layer H and 8 actions: P·H + H + 8·H + 8.
 * A pure formula: `QNetwork.parameterCount` is the same number, counted on the allocated arrays (tested).
 */
export function parameterCountOf(sizes: readonly number[]): number {
  let n = 0
  for (let l = 0; l + 1 < sizes.length; l++) n += (sizes[l] + 1) * sizes[l + 1]
  return n
}

/**
 * A small fully connected Q network in plain TypeScript, built for minibatches: ReLU hidden layers,
 * linear output of 8 action values. All parameters live in ONE flat Float64Array `theta` (and the
 * gradients in `grad`), so copying to a target network, a soft update or an Adam step is one loop.
 * Weights of layer l are stored [in × out] (the out-values of one input are contiguous), so the first
 * layer under a one-hot input is a table lookup of one column (an embedding) and its gradient touches
 * only the columns of the positions in the minibatch. Inputs are positions; the encoding is applied on
 * the fly (no input vector is built). No allocation after construction.
 */
export class QNetwork {
  readonly sizes: readonly number[]
  readonly theta: Float64Array
  readonly grad: Float64Array
  /** Offsets of layer l's weights and biases in theta. */
  readonly wOff: Int32Array
  readonly bOff: Int32Array
  /** Activations of layer l's output for the last forward batch, [b × sizes[l+1]]. */
  private readonly acts: Float64Array[]
  private readonly deltas: Float64Array[]
  /** Positions of the last forward batch (the input of backward). */
  private readonly inputs: Int32Array
  /** Scratch: the non-zero outputs of one row of the output layer's delta (backward). */
  private readonly nonzero = new Int32Array(8)
  /** 0, 1, 2 … up to the widest layer: every output of a row (backward). */
  private readonly every: Int32Array
  private lastBatch = 0
  /** First-layer columns with a gradient since the last `clearGradients` (one-hot only). */
  readonly touched: Int32Array
  touchedCount = 0
  private readonly touchStamp: Int32Array
  private stamp = 1
  // Lazy soft updates of a one-hot first layer (see `followSoftly`).
  private source: QNetwork | null = null
  private keep = 1
  private softSteps = 0
  private syncedAt: Int32Array = new Int32Array(0)

  constructor(
    readonly encoding: StateEncoding,
    readonly width: number,
    readonly height: number,
    hiddenLayers: readonly number[],
    readonly maxBatch: number
  ) {
    if (hiddenLayers.length < 1 || hiddenLayers.some((n) => !Number.isInteger(n) || n < 1)) {
      throw new RangeError(`hidden layers must be ≥ 1 positive widths, got [${hiddenLayers.join(', ')}]`)
    }
    this.sizes = qNetworkSizes(encoding, width * height, hiddenLayers)
    const layers = this.sizes.length - 1
    this.wOff = new Int32Array(layers)
    this.bOff = new Int32Array(layers)
    let off = 0
    for (let l = 0; l < layers; l++) {
      this.wOff[l] = off
      off += this.sizes[l] * this.sizes[l + 1]
      this.bOff[l] = off
      off += this.sizes[l + 1]
    }
    this.theta = new Float64Array(off)
    this.grad = new Float64Array(off)
    this.acts = []
    this.deltas = []
    for (let l = 0; l < layers; l++) {
      this.acts.push(new Float64Array(maxBatch * this.sizes[l + 1]))
      this.deltas.push(new Float64Array(maxBatch * this.sizes[l + 1]))
    }
    this.inputs = new Int32Array(maxBatch)
    this.every = Int32Array.from({ length: Math.max(...this.sizes.slice(1)) }, (_, i) => i)
    this.touched = new Int32Array(encoding === 'one-hot' ? maxBatch : 0)
    this.touchStamp = new Int32Array(encoding === 'one-hot' ? this.sizes[0] : 0)
  }

  get parameterCount(): number {
    return this.theta.length
  }

  /** He-normal weights (fan-in, for ReLU), zero biases. */
  initialize(rng: RandomStream): void {
    for (let l = 0; l < this.wOff.length; l++) {
      // He-normal over the layer's fan-in, one-hot input included: the initial action values are then
      // small (|Q| ≪ the goal reward), so no position starts out attractive by chance.
      const fanIn = this.sizes[l]
      const scale = Math.sqrt(2 / fanIn)
      const end = this.bOff[l]
      for (let i = this.wOff[l]; i < end; i++) this.theta[i] = scale * rng.normal()
      this.theta.fill(0, this.bOff[l], this.bOff[l] + this.sizes[l + 1])
    }
  }

  copyFrom(other: QNetwork): void {
    this.theta.set(other.theta)
    this.syncedAt.fill(this.softSteps)
  }

  /**
   * Make this network a soft (Polyak) target of `source`: every `softUpdate()` does
   * θ ← θ + τ·(θ_source − θ). Under a one-hot input the first layer is updated lazily and exactly: a
   * column of the source changes only when its position is in a minibatch, so a column k updates
   * behind equals θ_src + (1 − τ)^k·(θ − θ_src), applied when the column is next read or trained.
   * The cost of an update is then independent of the number of positions.
   */
  followSoftly(source: QNetwork, tau: number): void {
    this.source = source
    this.keep = 1 - tau
    this.syncedAt = new Int32Array(this.encoding === 'one-hot' ? this.sizes[0] : 0).fill(this.softSteps)
  }

  /** Bring first-layer column `s` up to date with its source (one-hot soft targets; otherwise no-op). */
  catchUp(s: number): void {
    const src = this.source
    if (src === null || this.syncedAt.length === 0) return
    const k = this.softSteps - this.syncedAt[s]
    if (k === 0) return
    const f = Math.pow(this.keep, k)
    const h = this.sizes[1]
    const col = this.wOff[0] + s * h
    const t = this.theta
    const o = src.theta
    for (let i = col; i < col + h; i++) t[i] = o[i] + f * (t[i] - o[i])
    this.syncedAt[s] = this.softSteps
  }

  /**
   * One soft update. One-hot: call `catchUp` for the source's `touched` columns BEFORE the source's
   * optimizer step and pass them here after it; every other first-layer column catches up when read.
   */
  softUpdate(touched: ArrayLike<number> = [], touchedCount = 0): void {
    const src = this.source
    if (src === null) throw new Error('softUpdate needs followSoftly first')
    const tau = 1 - this.keep
    const t = this.theta
    const o = src.theta
    const lazy = this.syncedAt.length > 0
    const from = lazy ? this.bOff[0] : 0
    for (let i = from; i < t.length; i++) t[i] += tau * (o[i] - t[i])
    this.softSteps++
    if (!lazy) return
    const h = this.sizes[1]
    for (let k = 0; k < touchedCount; k++) {
      const s = touched[k]
      const col = this.wOff[0] + s * h
      for (let i = col; i < col + h; i++) t[i] += tau * (o[i] - t[i])
      this.syncedAt[s] = this.softSteps
    }
  }

  /** Every lazily updated column brought up to date (for tests and inspection). */
  catchUpAll(): void {
    for (let s = 0; s < this.syncedAt.length; s++) this.catchUp(s)
  }

  /**
   * Action values of a batch of positions: row b of the result (8 values) is Q(states[b], ·).
   * The result is a view into internal storage, valid until the next forward. With `only`, row b holds
   * just the value of action only[b] (the others are stale): what a TD update reads of the online network
   * at s and of the target network at s′ under Double DQN, at an eighth of the output layer's cost; the
   * hidden activations, which `backward` needs, are computed in full either way.
   */
  forward(states: ArrayLike<number>, batch: number, only?: ArrayLike<number>): Float64Array {
    if (batch > this.maxBatch) throw new RangeError(`batch ${batch} exceeds ${this.maxBatch}`)
    const { sizes, theta, acts } = this
    const layers = sizes.length - 1
    const h = sizes[1]
    const out0 = acts[0]
    const w0 = this.wOff[0]
    const b0 = this.bOff[0]
    const relu0 = layers > 1
    const colScaleR = 1 / Math.max(1, this.height - 1)
    const colScaleC = 1 / Math.max(1, this.width - 1)
    for (let b = 0; b < batch; b++) {
      const s = states[b]
      this.inputs[b] = s
      const ob = b * h
      if (this.encoding === 'one-hot') {
        if (this.source !== null) this.catchUp(s)
        const col = w0 + s * h
        if (relu0) {
          // ReLU fused into the lookup (a select, not a branch the hidden units' signs would mispredict).
          for (let o = 0; o < h; o++) {
            const v = theta[b0 + o] + theta[col + o]
            out0[ob + o] = v > 0 ? v : 0
          }
          continue
        }
        for (let o = 0; o < h; o++) out0[ob + o] = theta[b0 + o] + theta[col + o]
      } else {
        const x0 = Math.floor(s / this.width) * colScaleR
        const x1 = (s % this.width) * colScaleC
        for (let o = 0; o < h; o++) out0[ob + o] = theta[b0 + o] + x0 * theta[w0 + o] + x1 * theta[w0 + h + o]
      }
      if (relu0) for (let o = 0; o < h; o++) if (out0[ob + o] < 0) out0[ob + o] = 0
    }
    for (let l = 1; l < layers; l++) {
      const nIn = sizes[l]
      const nOut = sizes[l + 1]
      const a = acts[l - 1]
      const out = acts[l]
      const wo = this.wOff[l]
      const bo = this.bOff[l]
      const relu = l < layers - 1
      if (!relu && nOut === 8) {
        if (only) this.outputsOf(a, out, nIn, wo, bo, batch, only)
        else this.outputLayer(a, out, nIn, wo, bo, batch)
        continue
      }
      for (let b = 0; b < batch; b++) {
        const ab = b * nIn
        const ob = b * nOut
        for (let o = 0; o < nOut; o++) out[ob + o] = theta[bo + o]
        for (let i = 0; i < nIn; i++) {
          const ai = a[ab + i]
          if (ai === 0) continue
          const wi = wo + i * nOut
          for (let o = 0; o < nOut; o++) out[ob + o] += ai * theta[wi + o]
        }
        if (relu) for (let o = 0; o < nOut; o++) if (out[ob + o] < 0) out[ob + o] = 0
      }
    }
    this.lastBatch = batch
    return acts[layers - 1]
  }

  /**
   * The linear output layer of 8 action values, sums held in locals: the same products added in the same
   * order as the general loop (bias, then input 0, 1, …), so the values are bit for bit the same, with one
   * array load per product instead of a load and a store of the running sum (the hot loop of training).
   */
  private outputLayer(a: Float64Array, out: Float64Array, nIn: number, wo: number, bo: number, batch: number): void {
    const theta = this.theta
    const c0 = theta[bo]
    const c1 = theta[bo + 1]
    const c2 = theta[bo + 2]
    const c3 = theta[bo + 3]
    const c4 = theta[bo + 4]
    const c5 = theta[bo + 5]
    const c6 = theta[bo + 6]
    const c7 = theta[bo + 7]
    for (let b = 0; b < batch; b++) {
      const ab = b * nIn
      let q0 = c0
      let q1 = c1
      let q2 = c2
      let q3 = c3
      let q4 = c4
      let q5 = c5
      let q6 = c6
      let q7 = c7
      for (let i = 0; i < nIn; i++) {
        const ai = a[ab + i]
        if (ai === 0) continue
        const wi = wo + i * 8
        q0 += ai * theta[wi]
        q1 += ai * theta[wi + 1]
        q2 += ai * theta[wi + 2]
        q3 += ai * theta[wi + 3]
        q4 += ai * theta[wi + 4]
        q5 += ai * theta[wi + 5]
        q6 += ai * theta[wi + 6]
        q7 += ai * theta[wi + 7]
      }
      const ob = b * 8
      out[ob] = q0
      out[ob + 1] = q1
      out[ob + 2] = q2
      out[ob + 3] = q3
      out[ob + 4] = q4
      out[ob + 5] = q5
      out[ob + 6] = q6
      out[ob + 7] = q7
    }
  }

  /** The output layer for one action a row, `only[b]`: the same sum, in the same order, as `outputLayer`'s. */
  private outputsOf(a: Float64Array, out: Float64Array, nIn: number, wo: number, bo: number, batch: number, only: ArrayLike<number>): void {
    const theta = this.theta
    for (let b = 0; b < batch; b++) {
      const ab = b * nIn
      const o = only[b]
      let q = theta[bo + o]
      for (let i = 0; i < nIn; i++) {
        const ai = a[ab + i]
        if (ai !== 0) q += ai * theta[wo + i * 8 + o]
      }
      out[b * 8 + o] = q
    }
  }

  /**
   * Accumulate ∂loss/∂θ into `grad` for the last forward batch, given ∂loss/∂output ([b × 8]).
   * The caller scales (e.g. 1/batch) in the optimizer step.
   */
  backward(dOut: Float64Array): void {
    const { sizes, grad, acts, deltas } = this
    const batch = this.lastBatch
    const layers = sizes.length - 1
    deltas[layers - 1].set(dOut.subarray(0, batch * 8))
    for (let l = layers - 1; l >= 1; l--) {
      const nIn = sizes[l]
      const nOut = sizes[l + 1]
      const a = acts[l - 1]
      const d = deltas[l]
      const below = deltas[l - 1]
      const wo = this.wOff[l]
      const bo = this.bOff[l]
      const last = l === layers - 1
      for (let b = 0; b < batch; b++) {
        const ab = b * nIn
        const db = b * nOut
        let outputs = this.every
        let k = nOut
        if (last) {
          // The output's gradient of a TD loss has one non-zero per row (the action taken): skip the zeros,
          // whose products add nothing (the sums are the same numbers as over every output).
          let n = 0
          for (let o = 0; o < nOut; o++) if (d[db + o] !== 0) this.nonzero[n++] = o
          if (n < nOut) {
            outputs = this.nonzero
            k = n
          }
        }
        this.backwardRow(a, d, below, ab, db, nIn, nOut, wo, bo, outputs, k)
      }
    }
    const h = sizes[1]
    const d0 = deltas[0]
    const w0 = this.wOff[0]
    const b0 = this.bOff[0]
    for (let b = 0; b < batch; b++) {
      const db = b * h
      for (let o = 0; o < h; o++) grad[b0 + o] += d0[db + o]
      const s = this.inputs[b]
      if (this.encoding === 'one-hot') {
        const col = w0 + s * h
        for (let o = 0; o < h; o++) grad[col + o] += d0[db + o]
        if (this.touchStamp[s] !== this.stamp) {
          this.touchStamp[s] = this.stamp
          this.touched[this.touchedCount++] = s
        }
      } else {
        const x0 = Math.floor(s / this.width) / Math.max(1, this.height - 1)
        const x1 = (s % this.width) / Math.max(1, this.width - 1)
        for (let o = 0; o < h; o++) {
          grad[w0 + o] += x0 * d0[db + o]
          grad[w0 + h + o] += x1 * d0[db + o]
        }
      }
    }
  }

  /**
   * One row of a dense layer's backward pass, over the outputs nz[0 … k) of its delta (every output, in order,
   * or the non-zero ones): bias and weight gradients, and the delta of the layer below through the ReLU.
   */
  private backwardRow(a: Float64Array, d: Float64Array, below: Float64Array, ab: number, db: number, nIn: number, nOut: number, wo: number, bo: number, nz: Int32Array, k: number): void {
    const { theta, grad } = this
    for (let j = 0; j < k; j++) grad[bo + nz[j]] += d[db + nz[j]]
    for (let i = 0; i < nIn; i++) {
      const ai = a[ab + i]
      if (ai <= 0) {
        below[ab + i] = 0
        continue
      }
      const wi = wo + i * nOut
      let s = 0
      for (let j = 0; j < k; j++) {
        const o = nz[j]
        grad[wi + o] += ai * d[db + o]
        s += theta[wi + o] * d[db + o]
      }
      below[ab + i] = s
    }
  }

  /** Zero the gradient (one-hot: the dense layers and the touched first-layer columns only). */
  clearGradients(): void {
    if (this.encoding !== 'one-hot') {
      this.grad.fill(0)
      return
    }
    const h = this.sizes[1]
    this.grad.fill(0, this.bOff[0])
    for (let k = 0; k < this.touchedCount; k++) {
      const col = this.wOff[0] + this.touched[k] * h
      this.grad.fill(0, col, col + h)
    }
    this.touchedCount = 0
    this.stamp++
  }
}
