/**
 * Tables and slow path of the ziggurat standard-normal sampler (Marsaglia & Tsang, "The Ziggurat
 * Method for Generating Random Variables", J. Stat. Softw. 5(8), 2000: RNOR with 128 layers).
 *
 * One 32-bit draw h feeds the fast path: its top 7 bits pick the layer i, the other 25 bits are a
 * signed integer j ∈ [−2^24, 2^24) (so the layer index is not reused in the value — Doornik 2005's
 * remark on the original RNOR — and the generator's weak lowest bits only touch j's last digits). About 98.8 % of draws return j·W[i] after one comparison; the rest
 * go through `zigguratSlow` (wedge test with an exp, or the tail beyond r by Marsaglia's method).
 */

/** Right edge of the base layer (Marsaglia & Tsang 2000, 128 layers). */
const R = 3.442619855899
/** Area of each layer (Marsaglia & Tsang 2000, 128 layers). */
const V = 9.91256303526217e-3
/** Scale of the 25-bit signed integer j: |j| < 2^24. */
const M = 16777216

/** Acceptance bounds of the fast path: |j| < K[i] ⇒ j·W[i] lies inside the layer's rectangle. */
export const ZIG_K = new Float64Array(128)
/** x of a unit step of j in layer i (x_i / 2^24). */
export const ZIG_W = new Float64Array(128)
/** exp(−x_i²/2) at each layer's right edge. */
const F = new Float64Array(128)

{
  let dn = R
  let tn = dn
  const q = V / Math.exp(-0.5 * dn * dn)
  ZIG_K[0] = (dn / q) * M
  ZIG_K[1] = 0
  ZIG_W[0] = q / M
  ZIG_W[127] = dn / M
  F[0] = 1
  F[127] = Math.exp(-0.5 * dn * dn)
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(V / dn + Math.exp(-0.5 * dn * dn)))
    ZIG_K[i + 1] = (dn / tn) * M
    tn = dn
    F[i] = Math.exp(-0.5 * dn * dn)
    ZIG_W[i] = dn / M
  }
}

/** F, exported for the C reference loop of the bio-RRAM rule (scripts/c-reference), which reads V8's bits. */
export const ZIG_F: Float64Array = F

/** A source of 32-bit integers (one generator step each). */
export interface Int32Source {
  nextInt32(): number
}

/** Uniform in (0, 1) from one 32-bit draw (never 0, so its log is finite). */
function openUniform(src: Int32Source): number {
  return ((src.nextInt32() >>> 0) + 0.5) * 2.3283064365386963e-10
}

/** The rare rejections of the fast path, continuing from the draw h that was rejected. */
export function zigguratSlow(src: Int32Source, h: number): number {
  for (;;) {
    const i = h >>> 25
    const j = (h << 7) >> 7
    const x = j * ZIG_W[i]
    if (i === 0) {
      // The tail beyond R (Marsaglia 1964): x = −ln(u1)/R, accept if −2·ln(u2) > x².
      let t = 0
      let y = 0
      do {
        t = -Math.log(openUniform(src)) / R
        y = -Math.log(openUniform(src))
      } while (y + y < t * t)
      return j > 0 ? R + t : -R - t
    }
    // Wedge between the rectangle and the density: accept with the density's own probability.
    if (F[i] + openUniform(src) * (F[i - 1] - F[i]) < Math.exp(-0.5 * x * x)) return x
    h = src.nextInt32()
    const i2 = h >>> 25
    const j2 = (h << 7) >> 7
    if (Math.abs(j2) < ZIG_K[i2]) return j2 * ZIG_W[i2]
  }
}
