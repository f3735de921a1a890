import { describe, expect, it } from 'vitest'
import { RandomStream } from './stream'

describe('RandomStream', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = RandomStream.fromSeed(42)
    const b = RandomStream.fromSeed(42)
    const c = RandomStream.fromSeed(43)
    const xa = Array.from({ length: 20 }, () => a.uniform())
    expect(Array.from({ length: 20 }, () => b.uniform())).toEqual(xa)
    expect(Array.from({ length: 20 }, () => c.uniform())).not.toEqual(xa)
  })

  it('resumes exactly from saved state, including a cached normal deviate', () => {
    const a = RandomStream.fromSeed(7)
    a.normal() // leaves a spare normal cached
    const saved = JSON.parse(JSON.stringify(a.state())) as number[]
    const b = RandomStream.fromState(saved)
    expect(Array.from({ length: 10 }, () => b.normal())).toEqual(Array.from({ length: 10 }, () => a.normal()))
  })

  it('splits into streams that do not repeat each other', () => {
    const root = RandomStream.fromSeed(1)
    const s1 = root.split()
    const s2 = root.split()
    const x1 = Array.from({ length: 50 }, () => s1.uniform())
    const x2 = Array.from({ length: 50 }, () => s2.uniform())
    expect(x1).not.toEqual(x2)
  })

  it('draws standard normals with mean ≈ 0 and variance ≈ 1', () => {
    const r = RandomStream.fromSeed(3)
    const n = 200_000
    let sum = 0
    let sq = 0
    for (let i = 0; i < n; i++) {
      const x = r.normal()
      sum += x
      sq += x * x
    }
    const mean = sum / n
    expect(Math.abs(mean)).toBeLessThan(0.01)
    expect(Math.abs(sq / n - mean * mean - 1)).toBeLessThan(0.02)
  })

  it('keeps uniform draws in [0,1) and int draws in [0,n)', () => {
    const r = RandomStream.fromSeed(9)
    for (let i = 0; i < 10_000; i++) {
      const u = r.uniform()
      expect(u >= 0 && u < 1).toBe(true)
      const k = r.int(8)
      expect(Number.isInteger(k) && k >= 0 && k < 8).toBe(true)
    }
  })

  it('seeds the state with SplitMix64 (the reference sequence from seed 0)', () => {
    // Vigna's splitmix64.c from x = 0 gives 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4: s0 and s1, high:low words.
    const w = RandomStream.fromSeed(0).state().slice(0, 4)
    const hex = (hi: number, lo: number): string => (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0')
    expect([hex(w[0], w[1]), hex(w[2], w[3])]).toEqual(['e220a8397b1dcdaf', '6e789e6aa1b965f4'])
  })

  it('gives independent streams to related seeds (runs over seeds 1…N are independent replicates)', () => {
    // An unmixed seed makes the states of seeds a, b, a⊕b and 0 add to zero over GF(2), and xoroshiro's
    // lowest output bit is linear in the state: that bit of o(a)⊕o(b)⊕o(a⊕b)⊕o(0) was 0 every time, before
    // and after a split. Independent streams make it a fair coin.
    const N = 64
    for (const split of [false, true]) {
      const o = Array.from({ length: N }, (_, s) => {
        const r = RandomStream.fromSeed(s)
        const c = split ? r.split() : r
        return Array.from({ length: 4 }, () => c.nextInt32())
      })
      let ones = 0
      let n = 0
      for (let a = 1; a < N; a++) {
        for (let b = a + 1; b < N; b++) {
          if ((a ^ b) >= N) continue
          for (let k = 0; k < 4; k++) {
            ones += (o[a][k] ^ o[b][k] ^ o[a ^ b][k] ^ o[0][k]) & 1
            n++
          }
        }
      }
      // n ≈ 5,900 coin tosses: sd 0.0065, so ±0.03 is more than 4 sd.
      expect(Math.abs(ones / n - 0.5)).toBeLessThan(0.03)
    }
  })

  it('does not start small seeds near 1: the first draws of seeds 1…1000 are uniform', () => {
    const first = Array.from({ length: 1000 }, (_, i) => RandomStream.fromSeed(i + 1).uniform())
    const mean = first.reduce((a, b) => a + b, 0) / first.length
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.04) // sd of the mean 0.009
    expect(first.filter((u) => u > 0.99).length).toBeLessThan(30) // 10 expected; all 1000 were > 0.99 before
  })
})
