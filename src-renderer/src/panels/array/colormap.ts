/**
 * Colour scales for array maps, drawn into ImageData (one pixel per cell, scaled by the canvas):
 * never one DOM node per cell. Pure functions so the benchmark and tests can call them.
 */
export type MapScale = 'log' | 'linear' | 'diverging' | 'binary'

// Viridis control points (matplotlib's perceptually uniform map), interpolated to 256 entries.
const VIRIDIS = [
  [68, 1, 84],
  [72, 40, 120],
  [62, 74, 137],
  [49, 104, 142],
  [38, 130, 142],
  [31, 158, 137],
  [53, 183, 121],
  [109, 205, 89],
  [180, 222, 44],
  [253, 231, 37]
]
// Blue–white–red for signed errors.
const DIVERGING = [
  [33, 102, 172],
  [103, 169, 207],
  [209, 229, 240],
  [247, 247, 247],
  [253, 219, 199],
  [239, 138, 98],
  [178, 24, 43]
]

function lut(points: number[][]): Uint8Array {
  const out = new Uint8Array(256 * 3)
  for (let i = 0; i < 256; i++) {
    const x = (i / 255) * (points.length - 1)
    const j = Math.min(points.length - 2, Math.floor(x))
    const f = x - j
    for (let c = 0; c < 3; c++) out[i * 3 + c] = Math.round(points[j][c] + f * (points[j + 1][c] - points[j][c]))
  }
  return out
}

export const VIRIDIS_LUT = lut(VIRIDIS)
export const DIVERGING_LUT = lut(DIVERGING)

export interface ScaleRange {
  min: number
  max: number
}

/** The range a scale shows: finite values (positive ones for log); diverging is symmetric about 0. */
export function autoRange(values: ArrayLike<number>, scale: MapScale): ScaleRange {
  let min = Infinity
  let max = -Infinity
  for (let k = 0; k < values.length; k++) {
    const v = values[k]
    if (!Number.isFinite(v) || (scale === 'log' && !(v > 0))) continue
    if (v < min) min = v
    if (v > max) max = v
  }
  if (!Number.isFinite(min)) return scale === 'log' ? { min: 1e-6, max: 1e-4 } : { min: 0, max: 1 }
  if (scale === 'diverging') {
    const a = Math.max(Math.abs(min), Math.abs(max)) || 1
    return { min: -a, max: a }
  }
  if (scale === 'binary') return { min: 0, max: 1 }
  if (max === min) return scale === 'log' ? { min: min / 2, max: max * 2 } : { min: min - 0.5, max: max + 0.5 }
  return { min, max }
}

/** Position 0…1 of a value on the scale (NaN for values the scale cannot show). */
export function scalePosition(v: number, scale: MapScale, r: ScaleRange): number {
  if (!Number.isFinite(v)) return NaN
  if (scale === 'log') {
    if (!(v > 0)) return NaN
    return (Math.log(v) - Math.log(r.min)) / (Math.log(r.max) - Math.log(r.min))
  }
  return (v - r.min) / (r.max - r.min)
}

const NAN_RGB = [200, 200, 200]
const FAILED_RGB = [210, 66, 59]

/** Paint cols×rows values into `out` (RGBA, one pixel per cell). */
export function paintMap(values: ArrayLike<number>, scale: MapScale, r: ScaleRange, out: Uint8ClampedArray): void {
  const table = scale === 'diverging' ? DIVERGING_LUT : VIRIDIS_LUT
  const n = values.length
  const logMin = Math.log(r.min)
  const span = scale === 'log' ? Math.log(r.max) - logMin : r.max - r.min
  for (let k = 0, o = 0; k < n; k++, o += 4) {
    const v = values[k]
    if (scale === 'binary') {
      const rgb = v ? FAILED_RGB : VIRIDIS_ENDS
      out[o] = rgb[0]
      out[o + 1] = rgb[1]
      out[o + 2] = rgb[2]
      out[o + 3] = 255
      continue
    }
    let t = scale === 'log' ? (v > 0 ? (Math.log(v) - logMin) / span : NaN) : (v - r.min) / span
    if (t !== t) {
      out[o] = NAN_RGB[0]
      out[o + 1] = NAN_RGB[1]
      out[o + 2] = NAN_RGB[2]
      out[o + 3] = 255
      continue
    }
    t = t < 0 ? 0 : t > 1 ? 1 : t
    const i = ((t * 255 + 0.5) | 0) * 3
    out[o] = table[i]
    out[o + 1] = table[i + 1]
    out[o + 2] = table[i + 2]
    out[o + 3] = 255
  }
}
const VIRIDIS_ENDS = [230, 236, 241]

/** Nice tick values for a colour bar: decades (and 2, 5) on a log scale, 5 steps on a linear one. */
export function colorBarTicks(scale: MapScale, r: ScaleRange): number[] {
  if (scale === 'binary') return [0, 1]
  if (scale === 'log') {
    const ticks: number[] = []
    for (let e = Math.floor(Math.log10(r.min)); e <= Math.ceil(Math.log10(r.max)); e++)
      for (const m of [1, 2, 5]) {
        const v = m * 10 ** e
        if (v >= r.min * 0.999 && v <= r.max * 1.001) ticks.push(v)
      }
    return ticks.length >= 2 ? ticks : [r.min, r.max]
  }
  return Array.from({ length: 5 }, (_, j) => r.min + ((r.max - r.min) * j) / 4)
}
