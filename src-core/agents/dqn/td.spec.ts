import { describe, expect, it } from 'vitest'
import { ReplayBuffer } from './replay'
import { SumTree } from './sum-tree'
import { huberGradient, huberLoss, tdTargets } from './td'

describe('Double-DQN targets', () => {
  // Row 0: the online net prefers action 2, the target net values action 2 at 0.5 but its own max is 3.
  // Row 1: terminal. Row 2: an n-step row with its own discount γ³.
  const qOnlineNext = Float64Array.from([0, 0, 9, 0, 0, 0, 0, 0, /* row 1 */ 5, 5, 5, 5, 5, 5, 5, 5, /* row 2 */ 1, 0, 0, 0, 0, 0, 0, 2])
  const qTargetNext = Float64Array.from([0, 3, 0.5, 0, 0, 0, 0, 0, /* row 1 */ 7, 7, 7, 7, 7, 7, 7, 7, /* row 2 */ 4, 0, 0, 0, 0, 0, 0, -1])
  const reward = [0.1, 1, -0.03]
  const done = [0, 1, 0]
  const discount = [0.9, 0.9, 0.9 ** 3]

  it('values the online network’s argmax with the target network; terminals do not bootstrap', () => {
    const y = tdTargets(reward, done, qOnlineNext, qTargetNext, discount, 3, true, new Float64Array(3))
    expect(y[0]).toBeCloseTo(0.1 + 0.9 * 0.5, 12) // not 0.1 + 0.9·3 (the max of the target net)
    expect(y[1]).toBe(1)
    expect(y[2]).toBeCloseTo(-0.03 + 0.9 ** 3 * -1, 12) // online argmax is action 7
  })

  it('double = false is the original DQN target r + γ·max Q_target', () => {
    const y = tdTargets(reward, done, qOnlineNext, qTargetNext, discount, 3, false, new Float64Array(3))
    expect(y[0]).toBeCloseTo(0.1 + 0.9 * 3, 12)
    expect(y[2]).toBeCloseTo(-0.03 + 0.9 ** 3 * 4, 12)
  })
})

describe('Huber loss', () => {
  it('is quadratic inside ±δ, linear outside, and its gradient is the clipped error', () => {
    expect(huberLoss(0.5, 1)).toBe(0.125)
    expect(huberLoss(-3, 1)).toBe(2.5)
    expect(huberGradient(0.5, 1)).toBe(0.5)
    expect(huberGradient(-3, 1)).toBe(-1)
    expect(huberGradient(7, 2)).toBe(2)
    // The gradient is the derivative of the loss (central differences), on both sides of δ.
    for (const e of [-2.5, -0.7, 0, 0.3, 1.9]) {
      const h = 1e-6
      expect(huberGradient(e, 1)).toBeCloseTo((huberLoss(e + h, 1) - huberLoss(e - h, 1)) / (2 * h), 6)
    }
  })
})

describe('replay ring buffer', () => {
  it('keeps the newest `capacity` transitions, overwriting the oldest', () => {
    const r = new ReplayBuffer(3)
    for (let t = 0; t < 5; t++) r.push(t, t % 8, t / 10, t + 1, t === 4, 1 + (t % 2))
    expect(r.size).toBe(3)
    // Slots 0 and 1 hold transitions 3 and 4; slot 2 still holds transition 2.
    expect(Array.from(r.state)).toEqual([3, 4, 2])
    expect(Array.from(r.nextState)).toEqual([4, 5, 3])
    expect(Array.from(r.done)).toEqual([0, 1, 0])
    expect(Array.from(r.horizon)).toEqual([2, 1, 1])
    expect(r.reward[1]).toBeCloseTo(0.4, 12)
    expect(() => new ReplayBuffer(0)).toThrow(/positive integer/)
  })

  it('drops transitions by predicate, keeping age order; the next push goes after the newest', () => {
    const r = new ReplayBuffer(4)
    for (let t = 0; t < 6; t++) r.push(t, 0, 0, t + 1, false) // holds 2 3 4 5 (slots 2 3 0 1)
    expect(r.removeWhere(() => false)).toBeNull()
    const kept = r.removeWhere((j) => r.state[j] % 2 === 1) // drop 3 and 5
    expect(kept).toEqual([2, 0]) // old slots of 2 and 4
    expect(r.size).toBe(2)
    r.push(9, 0, 0, 10, false)
    expect(Array.from(r.state.slice(0, r.size))).toEqual([2, 4, 9])
  })
})

describe('sum tree (prioritized replay)', () => {
  it('draws slots in proportion to their priorities', () => {
    const t = new SumTree(5)
    ;[1, 0, 3, 0, 4].forEach((p, i) => t.set(i, p))
    expect(t.total).toBe(8)
    const hits = [0, 0, 0, 0, 0]
    for (let k = 0; k < 800; k++) hits[t.find((k + 0.5) / 100)]++
    expect(hits).toEqual([100, 0, 300, 0, 400])
    t.set(2, 0)
    expect(t.total).toBe(5)
    expect(t.find(1.5)).toBe(4)
  })
})
