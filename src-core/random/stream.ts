import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus'
import { ZIG_K, ZIG_W, zigguratSlow, type Int32Source } from './ziggurat'

// Module-local aliases: under CommonJS-style transforms (tsx, vite-node) an imported binding is a
// getter on the module object, paid on every draw of the hot path.
const K = ZIG_K
const W = ZIG_W
const slow = zigguratSlow

/** 2^-26 and 2^-53: pure-rand's uniformFloat64 scales. */
const SCALE26 = 1.4901161193847656e-8
const SCALE53 = 1.1102230246251565e-16
/** 2^-32. */
const SCALE32 = 2.3283064365386963e-10
/** Outputs generated ahead per refill (see `RandomStream.buf`). */
const BLOCK = 256

const MASK64 = (1n << 64n) - 1n

/**
 * The xoroshiro128+ state [s01, s00, s11, s10] (pure-rand's word order) from a 32-bit seed: the first two
 * outputs of SplitMix64 (Steele, Lea & Flood 2014; Vigna's reference splitmix64.c) started at the seed.
 * Once per stream, so BigInt's cost does not matter. SplitMix64's outputs are a bijection of its state,
 * so the state is never all zero.
 */
function splitMix64State(seed: number): number[] {
  let x = BigInt.asUintN(32, BigInt(seed))
  const next = (): bigint => {
    x = (x + 0x9e3779b97f4a7c15n) & MASK64
    let z = x
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64
    return z ^ (z >> 31n)
  }
  const s0 = next()
  const s1 = next()
  const hi = (v: bigint): number => Number(BigInt.asIntN(32, v >> 32n))
  const lo = (v: bigint): number => Number(BigInt.asIntN(32, v))
  return [hi(s0), lo(s0), hi(s1), lo(s1)]
}

/** One xoroshiro128+ step of the words [s01, s00, s11, s10] in place (pure-rand's word order). */
function step(w: Int32Array): void {
  const s01 = w[0]
  const s00 = w[1]
  const s11 = w[2]
  const s10 = w[3]
  const a0 = s10 ^ s00
  const a1 = s11 ^ s01
  w[1] = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16)
  w[0] = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16))
  w[3] = (a1 << 5) ^ (a0 >>> 27)
  w[2] = (a0 << 5) ^ (a1 >>> 27)
}

/**
 * A seeded, splittable random stream with saveable state.
 * Every stochastic function of src-core takes one of these; nothing calls Math.random.
 *
 * The generator is xoroshiro128+ (seeded by SplitMix64, see `fromSeed`; stepped and jumped exactly as
 * pure-rand's, whose state words `state()` keeps), stepped here a block of outputs ahead: a hot loop pays no call through a
 * generator object and no stored-state update per draw.
 * `uniform`, `int` and `normal` give the same values as pure-rand's `uniformFloat64` and the polar
 * method on it. `fastNormal` and `fastUniform` spend one step each (the 32-bit word pure-rand's
 * `next()` returns; the upper half of the 64-bit output would cost a 64-bit carry, 3× the step).
 */
export class RandomStream implements Int32Source {
  private spareNormal = NaN

  /**
   * xoroshiro128+ state in pure-rand's word order [s01, s00, s11, s10]: s0 = (s01:s00),
   * s1 = (s11:s10), high:low — the state after the outputs in `buf`. Typed arrays, not number
   * fields: a word outside V8's small-integer range (31 bits) kept in a field is a heap number.
   */
  private readonly w = new Int32Array(4)
  /** The state before `buf`'s first output: `state()` steps it forward by `pos`. */
  private readonly base = new Int32Array(4)
  /**
   * Outputs are generated BLOCK at a time in one loop whose state stays in registers, and handed out
   * one by one: ≈ 2× faster per draw than stepping a stored state per call. The sequence is the
   * same, output for output; `pos` outputs of `buf` are used.
   */
  private readonly buf = new Int32Array(BLOCK)
  private pos = 0

  private constructor(s01: number, s00: number, s11: number, s10: number) {
    this.w[0] = s01
    this.w[1] = s00
    this.w[2] = s11
    this.w[3] = s10
    this.refill()
  }

  /**
   * A stream from a 32-bit integer seed. The seed is spread over the 128-bit state by SplitMix64, as
   * xoroshiro's authors prescribe (Blackman & Vigna 2018, prng.di.unimi.it): pure-rand's
   * `xoroshiro128plus(seed)` puts the seed in the state as it is, so the streams of seeds 1, 2, 3 … are
   * GF(2)-linear images of each other (bit 0 of o(a)⊕o(b)⊕o(a⊕b)⊕o(0) is always 0, draw after draw, even
   * after a split) and the first draws of small seeds are ≈ 1 — replicates over seeds were not independent.
   */
  static fromSeed(seed: number): RandomStream {
    if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`)
    return RandomStream.fromWords(splitMix64State(seed | 0))
  }

  /** Restore a stream from `state()`; it continues exactly where the saved one was. */
  static fromState(state: readonly number[]): RandomStream {
    if (state.length < 4 || state.length > 5) throw new RangeError(`state must have 4 or 5 numbers, got ${state.length}`)
    for (let i = 0; i < 4; i++) {
      if (!Number.isInteger(state[i])) throw new RangeError(`state[${i}] must be a 32-bit integer, got ${state[i]}`)
    }
    const s = RandomStream.fromWords(state)
    s.spareNormal = state.length > 4 && state[4] !== null ? state[4] : NaN
    return s
  }

  private static fromWords(w: readonly number[]): RandomStream {
    return new RandomStream(w[0] | 0, w[1] | 0, w[2] | 0, w[3] | 0)
  }

  /** The full state (generator words + cached normal deviate), JSON-serializable. */
  state(): number[] {
    const w = this.words()
    return [w[0], w[1], w[2], w[3], this.spareNormal]
  }

  /** The generator words after the last output handed out (not after the block generated ahead). */
  private words(): Int32Array {
    const w = Int32Array.from(this.base)
    for (let i = 0; i < this.pos; i++) step(w)
    return w
  }

  /**
   * An independent sub-stream: a copy of this generator jumped 2^64 steps ahead.
   * This stream is advanced too, so successive splits never overlap.
   */
  split(): RandomStream {
    const now = this.words()
    const gen = xoroshiro128plusFromState([now[0], now[1], now[2], now[3]])
    gen.jump()
    const child = RandomStream.fromWords(gen.getState())
    gen.jump()
    const w = gen.getState()
    this.w.set([w[0], w[1], w[2], w[3]])
    this.refill() // the outputs generated ahead belonged to the state before the jump
    return child
  }

  /**
   * One generator step: the low 32 bits of the 64-bit output as a signed integer, as pure-rand's
   * `next()`. Its few lowest bits are xoroshiro128+'s weakest, so samplers here take their coarse
   * choices from the top bits.
   */
  nextInt32(): number {
    if (this.pos === BLOCK) this.refill()
    return this.buf[this.pos++]
  }

  /** The next BLOCK outputs, the state in locals (registers) throughout. */
  private refill(): void {
    const w = this.w
    this.base.set(w)
    let s01 = w[0]
    let s00 = w[1]
    let s11 = w[2]
    let s10 = w[3]
    const buf = this.buf
    for (let i = 0; i < BLOCK; i++) {
      buf[i] = (s00 + s10) | 0
      const a0 = s10 ^ s00
      const a1 = s11 ^ s01
      const n00 = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16)
      s01 = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16))
      s00 = n00
      s10 = (a1 << 5) ^ (a0 >>> 27)
      s11 = (a0 << 5) ^ (a1 >>> 27)
    }
    w[0] = s01
    w[1] = s00
    w[2] = s11
    w[3] = s10
    this.pos = 0
  }

  /** Uniform in [0, 1), 53 bits (two steps; equal to pure-rand's uniformFloat64). */
  uniform(): number {
    const a = this.nextInt32() & 0x3ffffff
    const b = this.nextInt32() & 0x7ffffff
    return a * SCALE26 + b * SCALE53
  }

  /** Uniform in [0, 1) with 32 bits of resolution from one step: tie-breaking and other coarse choices. */
  fastUniform(): number {
    return (this.nextInt32() >>> 0) * SCALE32
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n)
  }

  /** Standard normal deviate (Marsaglia polar method, caching the pair's second value). */
  normal(): number {
    if (this.spareNormal === this.spareNormal) {
      const v = this.spareNormal
      this.spareNormal = NaN
      return v
    }
    let u = 0
    let v = 0
    let s = 0
    do {
      u = 2 * this.uniform() - 1
      v = 2 * this.uniform() - 1
      s = u * u + v * v
    } while (s >= 1 || s === 0)
    const f = Math.sqrt((-2 * Math.log(s)) / s)
    this.spareNormal = v * f
    return u * f
  }

  /**
   * Standard normal deviate by the ziggurat (Marsaglia & Tsang 2000; see ziggurat.ts): usually one
   * step, one table look-up and one multiply. A different sequence from `normal()` (which stays the
   * polar method, so results drawn with it do not change); values are quantized to 2^−24 of a layer
   * width (< 2.1e-7), far below any device spread.
   */
  fastNormal(): number {
    const h = this.nextInt32()
    const i = h >>> 25
    const j = (h << 7) >> 7
    // Math.abs, not a sign test: the sign is a coin toss, and a branch on it is mispredicted half the time.
    if (Math.abs(j) < K[i]) return j * W[i]
    return slow(this, h)
  }

  /** Log-normal deviate with the given median and log-space standard deviation sigma. */
  logNormal(median: number, sigma: number): number {
    return sigma === 0 ? median : median * Math.exp(sigma * this.normal())
  }
}
