import type { QNetwork } from './q-network'

/**
 * Adam (Kingma & Ba 2015; β1 0.9, β2 0.999, ε 1e-8, their defaults) over a QNetwork's flat parameters.
 * Under a one-hot input the first layer is an embedding and is updated lazily, as PyTorch's SparseAdam
 * and TensorFlow's LazyAdam do: only the columns of positions in the minibatch (moments included);
 * every other parameter gets the plain dense update. This keeps a step's cost independent of the
 * number of positions.
 */
export class AdamOptimizer {
  private readonly m: Float64Array
  private readonly v: Float64Array
  private t = 0

  constructor(
    private readonly net: QNetwork,
    readonly learningRate: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-8
  ) {
    this.m = new Float64Array(net.parameterCount)
    this.v = new Float64Array(net.parameterCount)
  }

  /** One update with the accumulated gradient scaled by `scale` (e.g. 1/batch); then clears the gradient. */
  step(scale: number): void {
    this.t++
    const { net } = this
    const lr = (this.learningRate * Math.sqrt(1 - Math.pow(this.beta2, this.t))) / (1 - Math.pow(this.beta1, this.t))
    if (net.encoding === 'one-hot') {
      const h = net.sizes[1]
      for (let k = 0; k < net.touchedCount; k++) {
        const col = net.wOff[0] + net.touched[k] * h
        this.update(col, col + h, scale, lr)
      }
      this.update(net.bOff[0], net.parameterCount, scale, lr)
    } else this.update(0, net.parameterCount, scale, lr)
    net.clearGradients()
  }

  private update(from: number, to: number, scale: number, lr: number): void {
    const { m, v, beta1: b1, beta2: b2, epsilon } = this
    const w = this.net.theta
    const g = this.net.grad
    for (let i = from; i < to; i++) {
      const gi = g[i] * scale
      m[i] = b1 * m[i] + (1 - b1) * gi
      v[i] = b2 * v[i] + (1 - b2) * gi * gi
      w[i] -= (lr * m[i]) / (Math.sqrt(v[i]) + epsilon)
    }
  }
}
