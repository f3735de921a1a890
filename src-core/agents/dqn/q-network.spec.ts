import { describe, expect, it } from 'vitest'
import { RandomStream } from '../../random'
import { AdamOptimizer } from './adam'
import { parameterCountOf, QNetwork, type StateEncoding } from './q-network'

/** loss = Σ_b Σ_o c[b,o]·Q(s_b)_o: its gradient w.r.t. the output is c. */
function lossOf(net: QNetwork, states: Int32Array, c: Float64Array): number {
  const q = net.forward(states, states.length)
  let s = 0
  for (let i = 0; i < states.length * 8; i++) s += c[i] * q[i]
  return s
}

describe('QNetwork', () => {
  // 'dense': every output weighted; 'td': a TD loss's shape — one action a row (rows 0, 1, 3), two in row 2,
  // none in one row — which backward takes by its sparse path.
  const tdMask = (i: number) => (i === 3 || i === 8 + 6 || i === 16 + 1 || i === 16 + 5 ? 1 : 0)
  for (const [encoding, shape] of [
    ['one-hot', 'dense'],
    ['coordinates', 'dense'],
    ['one-hot', 'td'],
    ['coordinates', 'td']
  ] as [StateEncoding, 'dense' | 'td'][]) {
    it(`${encoding}, ${shape} output gradient: minibatch gradients match central finite differences for every parameter`, () => {
      const rng = RandomStream.fromSeed(7)
      const net = new QNetwork(encoding, 4, 3, [6, 5], 4)
      net.initialize(rng)
      for (let i = 0; i < net.theta.length; i++) net.theta[i] += 0.05 * rng.normal() // non-zero biases
      const states = Int32Array.of(5, 0, 11, 5) // a repeated position accumulates twice
      const c = Float64Array.from({ length: 32 }, (_, i) => rng.normal() * (shape === 'td' ? tdMask(i) : 1))
      lossOf(net, states, c)
      net.backward(c)
      const h = 1e-6
      for (let i = 0; i < net.theta.length; i++) {
        const keep = net.theta[i]
        net.theta[i] = keep + h
        const up = lossOf(net, states, c)
        net.theta[i] = keep - h
        const down = lossOf(net, states, c)
        net.theta[i] = keep
        const numeric = (up - down) / (2 * h)
        expect(Math.abs(net.grad[i] - numeric)).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric)))
      }
    })
  }

  it('a forward of one action a row gives exactly the full forward value of that action', () => {
    for (const [encoding, hidden] of [
      ['one-hot', [16]],
      ['coordinates', [6, 5]]
    ] as [StateEncoding, number[]][]) {
      const rng = RandomStream.fromSeed(5)
      const net = new QNetwork(encoding, 5, 4, hidden, 6)
      net.initialize(rng)
      for (let i = 0; i < net.theta.length; i++) net.theta[i] += 0.05 * rng.normal() // non-zero biases
      const states = Int32Array.of(0, 7, 19, 7, 3, 12)
      const actions = Uint8Array.of(0, 7, 3, 4, 1, 6)
      const full = net.forward(states, 6).slice()
      const one = net.forward(states, 6, actions)
      for (let b = 0; b < 6; b++) expect(one[b * 8 + actions[b]]).toBe(full[b * 8 + actions[b]])
    }
  })

  it('counts (inputs + 1) × outputs per layer, the same as the formula', () => {
    const net = new QNetwork('one-hot', 30, 30, [64], 32)
    expect(net.parameterCount).toBe(900 * 64 + 64 + 64 * 8 + 8)
    expect(parameterCountOf([900, 64, 8])).toBe(net.parameterCount)
    expect(new QNetwork('coordinates', 30, 30, [64, 64], 1).parameterCount).toBe(parameterCountOf([2, 64, 64, 8]))
  })

  it('Adam fits fixed targets on a few positions; lazy updates leave positions outside the batch alone', () => {
    const rng = RandomStream.fromSeed(3)
    const net = new QNetwork('one-hot', 5, 5, [16], 3)
    net.initialize(rng)
    const opt = new AdamOptimizer(net, 0.01)
    const states = Int32Array.of(1, 7, 12)
    const untouched = net.theta.slice(net.wOff[0] + 20 * 16, net.wOff[0] + 21 * 16)
    const target = (b: number, a: number) => (b - 1) * 0.5 + a * 0.1
    const mse = () => {
      const q = net.forward(states, 3)
      let s = 0
      for (let i = 0; i < 24; i++) s += (q[i] - target(Math.floor(i / 8), i % 8)) ** 2
      return s / 24
    }
    const before = mse()
    const d = new Float64Array(24)
    for (let it = 0; it < 500; it++) {
      const q = net.forward(states, 3)
      for (let i = 0; i < 24; i++) d[i] = 2 * (q[i] - target(Math.floor(i / 8), i % 8))
      net.backward(d)
      opt.step(1 / 3)
    }
    expect(mse()).toBeLessThan(before / 100)
    expect(Array.from(net.theta.slice(net.wOff[0] + 20 * 16, net.wOff[0] + 21 * 16))).toEqual(Array.from(untouched))
    expect(net.grad.every((g) => g === 0)).toBe(true) // the step cleared the gradient
  })

  it('rejects bad layer widths and oversize batches', () => {
    expect(() => new QNetwork('one-hot', 3, 3, [], 1)).toThrow(/hidden layers/)
    expect(() => new QNetwork('one-hot', 3, 3, [0], 1)).toThrow(/hidden layers/)
    expect(() => new QNetwork('one-hot', 3, 3, [4], 2).forward(Int32Array.of(0, 1, 2), 3)).toThrow(/batch 3 exceeds 2/)
  })
})

describe('soft target network', () => {
  it('lazy one-hot updates equal dense Polyak averaging of every parameter', () => {
    const rng = RandomStream.fromSeed(11)
    const make = () => new QNetwork('one-hot', 6, 5, [8], 4)
    const online = make()
    online.initialize(rng)
    const lazy = make()
    lazy.copyFrom(online)
    lazy.followSoftly(online, 0.1)
    const dense = lazy.theta.slice()
    const opt = new AdamOptimizer(online, 0.01)
    const touched = new Int32Array(4)
    const d = Float64Array.from({ length: 32 }, () => rng.normal())
    for (let step = 0; step < 40; step++) {
      const states = Int32Array.from({ length: 4 }, () => rng.int(30))
      online.forward(states, 4)
      online.backward(d)
      const n = online.touchedCount
      for (let k = 0; k < n; k++) lazy.catchUp((touched[k] = online.touched[k]))
      opt.step(0.25)
      lazy.softUpdate(touched, n)
      for (let i = 0; i < dense.length; i++) dense[i] += 0.1 * (online.theta[i] - dense[i])
      if (step % 7 === 0) lazy.forward(Int32Array.of(rng.int(30)), 1) // a read catches one column up
    }
    lazy.catchUpAll()
    for (let i = 0; i < dense.length; i++) expect(lazy.theta[i]).toBeCloseTo(dense[i], 12)
  })
})
