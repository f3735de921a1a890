/** One line of a LineChart: y[k] at x[k]; NaN leaves a gap. */
export interface ChartSeries {
  label: string
  x: ArrayLike<number>
  y: ArrayLike<number>
  /** CSS colour; `rgb(r, g, b)` lets the band take a translucent copy. */
  color: string
  width?: number
  dashed?: boolean
  /** A band drawn behind the line (e.g. the 95 % bootstrap CI of a group mean). */
  band?: { lo: ArrayLike<number>; hi: ArrayLike<number> }
}

/** Colour-blind-safe palette (Okabe–Ito), as rgb() so bands can be made translucent. */
export const PALETTE = ['rgb(0, 114, 178)', 'rgb(213, 94, 0)', 'rgb(0, 158, 115)', 'rgb(204, 121, 167)', 'rgb(230, 159, 0)', 'rgb(86, 180, 233)', 'rgb(120, 120, 120)', 'rgb(240, 228, 66)']
