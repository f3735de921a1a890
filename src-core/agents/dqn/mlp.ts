import type { RandomStream } from '../../random'

/**
 * A small fully connected network in plain TypeScript: ReLU hidden layers, linear output.
 * Weights of layer l are row-major [out × in]. Forward keeps the activations of the last input so
 * `backward` can accumulate gradients; zero inputs are skipped (one-hot encodings stay cheap).
 */
export class Mlp {
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
export class Adam {
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
