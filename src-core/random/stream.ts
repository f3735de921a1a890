import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus'
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64'
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator'

/**
 * A seeded, splittable random stream with saveable state.
 * Every stochastic function of src-core takes one of these; nothing calls Math.random.
 * Backed by pure-rand's xoroshiro128+ (jumpable, so `split` gives non-overlapping sub-streams).
 */
export class RandomStream {
  private spareNormal = NaN

  private constructor(private readonly gen: JumpableRandomGenerator) {}

  /** A stream from a 32-bit integer seed. */
  static fromSeed(seed: number): RandomStream {
    if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`)
    return new RandomStream(xoroshiro128plus(seed | 0))
  }

  /** Restore a stream from `state()`; it continues exactly where the saved one was. */
  static fromState(state: readonly number[]): RandomStream {
    const s = new RandomStream(xoroshiro128plusFromState(state.slice(0, 4)))
    s.spareNormal = state.length > 4 ? state[4] : NaN
    return s
  }

  /** The full state (generator words + cached normal deviate), JSON-serializable. */
  state(): number[] {
    return [...this.gen.getState(), this.spareNormal]
  }

  /**
   * An independent sub-stream: a copy of this generator jumped 2^64 steps ahead.
   * This stream is advanced too, so successive splits never overlap.
   */
  split(): RandomStream {
    const child = this.gen.clone() as JumpableRandomGenerator
    child.jump()
    this.gen.jump()
    this.gen.jump()
    return new RandomStream(child)
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return uniformFloat64(this.gen)
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(uniformFloat64(this.gen) * n)
  }

  /** Standard normal deviate (Marsaglia polar method, caching the pair's second value). */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const v = this.spareNormal
      this.spareNormal = NaN
      return v
    }
    let u = 0
    let v = 0
    let s = 0
    do {
      u = 2 * uniformFloat64(this.gen) - 1
      v = 2 * uniformFloat64(this.gen) - 1
      s = u * u + v * v
    } while (s >= 1 || s === 0)
    const f = Math.sqrt((-2 * Math.log(s)) / s)
    this.spareNormal = v * f
    return u * f
  }

  /** Log-normal deviate with the given median and log-space standard deviation sigma. */
  logNormal(median: number, sigma: number): number {
    return sigma === 0 ? median : median * Math.exp(sigma * this.normal())
  }
}
