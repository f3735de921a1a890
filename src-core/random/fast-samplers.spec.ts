import { describe, expect, it } from 'vitest'
import { xoroshiro128plusFromState as pureRandAt } from 'pure-rand/generator/xoroshiro128plus'
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64'
import { normalCdf } from '../stats'
import { RandomStream } from './stream'

/** xoroshiro128+ on 64-bit BigInts (Blackman & Vigna's reference), from pure-rand's state words. */
function referenceLowWords(words: readonly number[], count: number): number[] {
  const M64 = (1n << 64n) - 1n
  const u = (x: number) => BigInt(x >>> 0)
  let s0 = (u(words[0]) << 32n) | u(words[1])
  let s1 = (u(words[2]) << 32n) | u(words[3])
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (64n - k))) & M64
  const out: number[] = []
  for (let i = 0; i < count; i++) {
    out.push(Number(BigInt.asIntN(32, (s0 + s1) & 0xffffffffn)))
    s1 ^= s0
    s0 = rotl(s0, 24n) ^ s1 ^ ((s1 << 16n) & M64)
    s1 = rotl(s1, 37n)
  }
  return out
}

describe('RandomStream against independent implementations', () => {
  it('uniform() equals pure-rand uniformFloat64 from the same state', () => {
    const r = RandomStream.fromSeed(1234)
    const gen = pureRandAt(r.state().slice(0, 4))
    for (let i = 0; i < 1000; i++) expect(r.uniform()).toBe(uniformFloat64(gen))
  })

  it('normal() is the polar method on those uniforms', () => {
    const r = RandomStream.fromSeed(77)
    const gen = pureRandAt(r.state().slice(0, 4))
    for (let k = 0; k < 200; k++) {
      let u = 0
      let v = 0
      let s = 0
      do {
        u = 2 * uniformFloat64(gen) - 1
        v = 2 * uniformFloat64(gen) - 1
        s = u * u + v * v
      } while (s >= 1 || s === 0)
      const f = Math.sqrt((-2 * Math.log(s)) / s)
      expect(r.normal()).toBe(u * f)
      expect(r.normal()).toBe(v * f)
    }
  })

  it('nextInt32() is the lower half of the 64-bit xoroshiro128+ output (pure-rand next())', () => {
    const r = RandomStream.fromSeed(-99)
    const words = r.state().slice(0, 4)
    const expected = referenceLowWords(words, 500)
    expect(Array.from({ length: 500 }, () => r.nextInt32())).toEqual(expected)
  })

  it('saves, restores and splits at any draw, across the blocks generated ahead', () => {
    const words0 = RandomStream.fromSeed(5).state().slice(0, 4)
    const reference = referenceLowWords(words0, 800)
    for (const n of [0, 1, 255, 256, 257, 700]) {
      const r = RandomStream.fromSeed(5)
      for (let i = 0; i < n; i++) r.nextInt32()
      // The saved state is the generator after n outputs: a restored stream goes on with output n.
      const restored = RandomStream.fromState(r.state())
      expect(Array.from({ length: 20 }, () => restored.nextInt32())).toEqual(reference.slice(n, n + 20))
      // A split jumps from there too (pure-rand's jump of the state after n outputs), and the parent
      // continues from the state jumped twice.
      const at = pureRandAt(r.state().slice(0, 4))
      const child = r.split()
      at.jump()
      expect(child.state().slice(0, 4)).toEqual(at.getState())
      at.jump()
      expect(r.state().slice(0, 4)).toEqual(at.getState())
    }
  })

  it('refuses a malformed saved state, naming the entry', () => {
    expect(() => RandomStream.fromState([1, 2, 3])).toThrow(/4 or 5/)
    expect(() => RandomStream.fromState([1, 2.5, 3, 4])).toThrow(/state\[1\]/)
  })
})

describe('fastNormal (ziggurat)', () => {
  // 4 M draws: enough for the KS test to see a ziggurat that skips its wedge test (distance ≈ 0.0012).
  const n = 4_000_000
  const r = RandomStream.fromSeed(2024)
  const xs = new Float64Array(n)
  for (let i = 0; i < n; i++) xs[i] = r.fastNormal()

  it('has mean 0 and variance 1 within sampling error', () => {
    let sum = 0
    let sq = 0
    for (const x of xs) {
      sum += x
      sq += x * x
    }
    const mean = sum / n
    // σ of the mean is 1/√n ≈ 0.0016, σ of the variance √(2/n) ≈ 0.0022: allow 4 σ.
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(n))
    expect(Math.abs(sq / n - mean * mean - 1)).toBeLessThan(4 * Math.sqrt(2 / n))
  })

  it('follows the normal CDF (Kolmogorov–Smirnov distance below the 1 % critical value)', () => {
    const s = Float64Array.from(xs).sort()
    let d = 0
    for (let i = 0; i < n; i++) {
      const f = normalCdf(s[i])
      d = Math.max(d, Math.abs(f - i / n), Math.abs((i + 1) / n - f))
    }
    expect(d).toBeLessThan(1.63 / Math.sqrt(n))
  })

  it('puts the right mass in the tails, including beyond the base layer edge r ≈ 3.44', () => {
    for (const t of [2, 3, 3.442619855899, 4]) {
      let k = 0
      for (const x of xs) if (Math.abs(x) > t) k++
      const p = 2 * (1 - normalCdf(t))
      // Binomial count: allow 4 σ (+ 2 counts for the rarest band).
      expect(Math.abs(k - n * p)).toBeLessThan(4 * Math.sqrt(n * p * (1 - p)) + 2)
    }
    let beyond = 0
    for (const x of xs) if (x > 4.5) beyond++
    expect(beyond).toBeLessThanOrEqual(30) // P(z > 4.5) = 3.4e-6: about 14 expected
  })

  it('is symmetric: as many deviates above +1 as below −1', () => {
    let up = 0
    let down = 0
    for (const x of xs) {
      if (x > 1) up++
      else if (x < -1) down++
    }
    expect(Math.abs(up - down)).toBeLessThan(4 * Math.sqrt(up + down))
  })

  it('is reproducible and continues exactly after fromState', () => {
    const a = RandomStream.fromSeed(5)
    const b = RandomStream.fromSeed(5)
    for (let i = 0; i < 1000; i++) expect(a.fastNormal()).toBe(b.fastNormal())
    const c = RandomStream.fromState(JSON.parse(JSON.stringify(a.state())) as number[])
    for (let i = 0; i < 1000; i++) expect(c.fastNormal()).toBe(a.fastNormal())
  })

  it('fastUniform stays in [0, 1) with mean 1/2', () => {
    const u = RandomStream.fromSeed(8)
    let sum = 0
    let outside = 0
    for (let i = 0; i < 100_000; i++) {
      const x = u.fastUniform()
      if (!(x >= 0 && x < 1)) outside++
      sum += x
    }
    expect(outside).toBe(0)
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / 100_000))
  })
})
