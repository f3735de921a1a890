import { describe, expect, it } from 'vitest'
import { RandomStream } from '../../random'
import { Adam, Mlp } from './mlp'

/** loss = Σ_o c_o · y_o for fixed random c: its gradient w.r.t. the output is c. */
function lossOf(net: Mlp, x: Float64Array, c: Float64Array): number {
  const y = net.forward(x)
  let s = 0
  for (let o = 0; o < y.length; o++) s += c[o] * y[o]
  return s
}

describe('Mlp', () => {
  it('a one-hot forward and its gradient equal the dense ones to the bit, whatever came before', () => {
    const rng = RandomStream.fromSeed(3)
    const dense = new Mlp([9, 6, 4])
    dense.initialize(rng)
    for (const b of dense.biases) for (let i = 0; i < b.length; i++) b[i] = 0.1 * rng.normal()
    const hot = new Mlp([9, 6, 4])
    hot.copyFrom(dense)
    const c = Float64Array.from({ length: 4 }, () => rng.normal())
    const x = new Float64Array(9)
    for (const index of [4, 0, 8, 4]) {
      x.fill(0)
      x[index] = 1
      dense.zeroGradients()
      hot.zeroGradients()
      expect(Array.from(hot.forwardOneHot(index))).toEqual(Array.from(dense.forward(x)))
      dense.backward(c)
      hot.backward(c)
      for (let l = 0; l < 2; l++) {
        expect(Array.from(hot.gradWeights[l])).toEqual(Array.from(dense.gradWeights[l]))
        expect(Array.from(hot.gradBiases[l])).toEqual(Array.from(dense.gradBiases[l]))
      }
    }
    // A dense forward after one-hot ones leaves no stale input behind.
    const y = Float64Array.from({ length: 9 }, () => rng.normal())
    expect(Array.from(hot.forward(y))).toEqual(Array.from(dense.forward(y)))
    expect(() => hot.forwardOneHot(9)).toThrow(/one-hot index 9 outside 0…8/)
  })

  it('backpropagated gradients match central finite differences for every parameter', () => {
    const rng = RandomStream.fromSeed(7)
    const net = new Mlp([5, 7, 6, 3])
    net.initialize(rng)
    for (const b of net.biases) for (let i = 0; i < b.length; i++) b[i] = 0.1 * rng.normal()
    const x = Float64Array.from({ length: 5 }, () => rng.normal())
    x[2] = 0 // a zero input exercises the sparse skip
    const c = Float64Array.from({ length: 3 }, () => rng.normal())
    net.zeroGradients()
    lossOf(net, x, c)
    net.backward(c)
    const h = 1e-6
    let checked = 0
    for (let l = 0; l < net.weights.length; l++) {
      for (const [params, grads] of [
        [net.weights[l], net.gradWeights[l]],
        [net.biases[l], net.gradBiases[l]]
      ] as const) {
        for (let i = 0; i < params.length; i++) {
          const keep = params[i]
          params[i] = keep + h
          const up = lossOf(net, x, c)
          params[i] = keep - h
          const down = lossOf(net, x, c)
          params[i] = keep
          const numeric = (up - down) / (2 * h)
          expect(Math.abs(grads[i] - numeric)).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric)))
          checked++
        }
      }
    }
    expect(checked).toBe(net.parameterCount)
  })

  it('counts weights and biases as trainable parameters', () => {
    expect(new Mlp([900, 32, 8]).parameterCount).toBe(900 * 32 + 32 + 32 * 8 + 8)
  })

  it('Adam fits a small regression: the loss falls by two orders of magnitude', () => {
    const rng = RandomStream.fromSeed(3)
    const net = new Mlp([2, 16, 1])
    net.initialize(rng)
    const opt = new Adam(net, 0.01)
    const xs = Array.from({ length: 32 }, () => Float64Array.of(rng.uniform(), rng.uniform()))
    const target = (x: Float64Array) => 0.5 * x[0] - 0.3 * x[1] + 0.2
    const mse = () => xs.reduce((s, x) => s + (net.forward(x)[0] - target(x)) ** 2, 0) / xs.length
    const before = mse()
    const d = new Float64Array(1)
    for (let it = 0; it < 2000; it++) {
      net.zeroGradients()
      for (const x of xs) {
        d[0] = 2 * (net.forward(x)[0] - target(x))
        net.backward(d)
      }
      opt.step(1 / xs.length)
    }
    expect(mse()).toBeLessThan(before / 100)
  })

  it('rejects bad layer sizes', () => {
    expect(() => new Mlp([3])).toThrow(/layer sizes/)
    expect(() => new Mlp([3, 0, 2])).toThrow(/layer sizes/)
  })
})
