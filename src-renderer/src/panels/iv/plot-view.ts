import { formatPrefixed as prefixed } from '@core/format/si'

/**
 * The I–V canvas plot's geometry: data ranges, axis ticks (linear and log), zoom and pan.
 * On a log axis the view is kept in log10 units; values ≤ 0 are not drawn there.
 */
export interface View {
  x0: number
  x1: number
  /** In log10 units when the y axis is logarithmic. */
  y0: number
  y1: number
}

export interface Tick {
  value: number
  label: string
}

/** Range of x and y (or log10 |y|) over n points, padded by 4 %; a sensible default when empty. */
export function fitView(x: ArrayLike<number>, y: ArrayLike<number>, n: number, logY: boolean): View {
  let x0 = Infinity
  let x1 = -Infinity
  let y0 = Infinity
  let y1 = -Infinity
  for (let k = 0; k < n; k++) {
    const xv = x[k]
    const yv = logY ? (y[k] > 0 ? Math.log10(y[k]) : NaN) : y[k]
    if (!Number.isFinite(xv) || !Number.isFinite(yv)) continue
    if (xv < x0) x0 = xv
    if (xv > x1) x1 = xv
    if (yv < y0) y0 = yv
    if (yv > y1) y1 = yv
  }
  if (!(x1 >= x0)) return logY ? { x0: -1, x1: 1, y0: -9, y1: -3 } : { x0: -1, x1: 1, y0: -1e-4, y1: 1e-4 }
  const pad = (a: number, b: number, min: number) => {
    const span = Math.max(b - a, min)
    const mid = (a + b) / 2
    return [mid - span * 0.52, mid + span * 0.52]
  }
  const [px0, px1] = pad(x0, x1, 1e-3)
  const [py0, py1] = pad(y0, y1, logY ? 1 : Math.max(Math.abs(y1), 1e-12) * 0.1)
  return { x0: px0, x1: px1, y0: py0, y1: py1 }
}

/** Zoom by factor (> 1 zooms in) around the data point (cx, cy). */
export function zoomAt(v: View, factor: number, cx: number, cy: number): View {
  return { x0: cx + (v.x0 - cx) / factor, x1: cx + (v.x1 - cx) / factor, y0: cy + (v.y0 - cy) / factor, y1: cy + (v.y1 - cy) / factor }
}

export function panBy(v: View, dx: number, dy: number): View {
  return { x0: v.x0 + dx, x1: v.x1 + dx, y0: v.y0 + dy, y1: v.y1 + dy }
}

/** "150 µ", "-1.5", "2 m": a number with an SI prefix (the unit is in the axis title). */
export { prefixed }

/** About `target` round ticks (1, 2, 5 × 10^k steps) between a and b. */
export function linearTicks(a: number, b: number, target = 10): Tick[] {
  const span = b - a
  if (!(span > 0)) return []
  const raw = span / target
  const mag = Math.pow(10, Math.floor(Math.log10(raw)))
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag
  const out: Tick[] = []
  for (let t = Math.ceil(a / step) * step; t <= b + step * 1e-9; t += step) {
    const v = Math.abs(t) < step * 1e-9 ? 0 : t
    out.push({ value: v, label: prefixed(Number(v.toPrecision(12))) })
  }
  return out
}

/** Ticks of a log10 axis (view in log10 units): decades, plus 2 and 5 when few decades show. */
export function logTicks(a: number, b: number): Tick[] {
  const out: Tick[] = []
  const decades = b - a
  const mantissas = decades <= 3 ? [1, 2, 5] : [1]
  const every = decades > 12 ? 2 : 1
  for (let d = Math.floor(a); d <= Math.ceil(b); d++) {
    if (d % every !== 0) continue
    for (const m of mantissas) {
      const lv = d + Math.log10(m)
      if (lv >= a && lv <= b) out.push({ value: lv, label: prefixed(m * Math.pow(10, d)) })
    }
  }
  return out
}
