import type { ChartPanel } from './charts'

/** The palette of both renderers (Tableau 10, the Runs panel's own). */
export const FIGURE_PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f']

/**
 * Labels of a log axis: decades only over a wide range (1, 10, 100 … or 1e-9 …: Chart.js's 2…9 ticks
 * in between collide), also 2 and 5 × each decade when the data span at most two decades.
 */
export function logTickLabel(value: number, mantissas: readonly number[] = [1]): string {
  if (!(value > 0)) return ''
  const m = value / 10 ** Math.floor(Math.log10(value) + 1e-9)
  if (!mantissas.some((x) => Math.abs(m - x) < 1e-6)) return ''
  return value >= 1e-2 && value < 1e7 ? value.toLocaleString('en') : value.toExponential(0)
}

function logTicks(values: number[]): Record<string, unknown> {
  const pos = values.filter((v) => v > 0)
  const decades = pos.length ? Math.log10(Math.max(...pos) / Math.min(...pos)) : 0
  const mantissas = decades <= 2 ? [1, 2, 5] : [1]
  return { autoSkip: false, maxRotation: 0, callback: (value: number | string) => logTickLabel(Number(value), mantissas) }
}

/**
 * A line panel as a Chart.js configuration (plain data, so src-core stays free of Chart.js): the
 * Paper view and the `--out` PNGs pass it to `new Chart(…)` unchanged. Matrix panels are drawn by drawMatrix.
 */
export function chartJsConfig(panel: ChartPanel, options: { animation?: boolean } = {}): Record<string, unknown> {
  const xs = panel.lines.flatMap((l) => l.points.map((p) => p.x))
  const ys = panel.lines.flatMap((l) => l.points.flatMap((p) => (p.y === null ? [] : [p.y])))
  return {
    type: 'line',
    data: {
      datasets: panel.lines.map((l) => ({
        label: l.label,
        data: l.points,
        borderColor: FIGURE_PALETTE[l.colour % FIGURE_PALETTE.length],
        backgroundColor: FIGURE_PALETTE[l.colour % FIGURE_PALETTE.length],
        borderDash: l.paper ? [6, 4] : [],
        borderWidth: l.paper ? 1.5 : 2,
        pointRadius: l.points.length > 40 ? 0 : 3,
        spanGaps: false,
        tension: 0
      }))
    },
    options: {
      responsive: false,
      animation: options.animation ?? false,
      parsing: true,
      plugins: {
        title: { display: true, text: panel.title },
        legend: { position: 'bottom', labels: { boxWidth: 14, font: { size: 11 } } }
      },
      scales: {
        x: { type: panel.xLog ? 'logarithmic' : 'linear', title: { display: true, text: panel.xLabel }, ...(panel.xLog ? { ticks: logTicks(xs) } : {}) },
        y: {
          type: panel.yLog ? 'logarithmic' : 'linear',
          title: { display: true, text: panel.yLabel },
          ...(panel.yLog ? { ticks: logTicks(ys) } : {}),
          ...(panel.yMin !== undefined ? { min: panel.yMin } : {}),
          ...(panel.yMax !== undefined ? { max: panel.yMax } : {})
        }
      }
    }
  }
}

/** The part of a 2D canvas context drawMatrix uses (the browser's and @napi-rs/canvas's both fit). */
export interface MatrixContext {
  fillStyle: unknown
  font: string
  textAlign: string
  textBaseline: string
  fillRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number): void
}

/** Accuracy 0 → 1 as white → blue (Tableau blue); null cells grey. */
export function matrixColour(v: number | null): string {
  if (v === null) return '#dddddd'
  const t = Math.min(1, Math.max(0, v))
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t)
  return `rgb(${mix(255, 31)}, ${mix(255, 119)}, ${mix(255, 180)})`
}

/** A matrix panel (accuracy map): one cell per (x, y) with its value in %, axes labelled. */
export function drawMatrix(ctx: MatrixContext, panel: ChartPanel, width: number, height: number): void {
  const m = panel.matrix
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, width, height)
  ctx.fillStyle = '#333333'
  ctx.font = 'bold 13px sans-serif'
  ctx.textAlign = 'center'
  ctx.textBaseline = 'top'
  ctx.fillText(panel.title, width / 2, 6)
  if (!m || m.x.length === 0 || m.y.length === 0) return
  const left = 56
  const top = 30
  const bottom = 40
  const cw = (width - left - 10) / m.x.length
  const ch = (height - top - bottom) / m.y.length
  ctx.font = '11px sans-serif'
  ctx.textBaseline = 'middle'
  for (let j = 0; j < m.y.length; j++) {
    // Highest y at the top, as on a plot.
    const row = m.y.length - 1 - j
    for (let i = 0; i < m.x.length; i++) {
      const v = m.value[row][i]
      ctx.fillStyle = matrixColour(v)
      ctx.fillRect(left + i * cw + 1, top + j * ch + 1, cw - 2, ch - 2)
      ctx.fillStyle = v !== null && v > 0.6 ? '#ffffff' : '#333333'
      ctx.fillText(v === null ? '–' : `${Math.round(100 * v)}`, left + (i + 0.5) * cw, top + (j + 0.5) * ch)
    }
    ctx.fillStyle = '#333333'
    ctx.textAlign = 'right'
    ctx.fillText(String(m.y[row]), left - 6, top + (j + 0.5) * ch)
    ctx.textAlign = 'center'
  }
  ctx.textBaseline = 'top'
  for (let i = 0; i < m.x.length; i++) ctx.fillText(String(m.x[i]), left + (i + 0.5) * cw, height - bottom + 4)
  ctx.fillText(`${panel.xLabel}  (cells: accuracy %)`, left + (width - left) / 2, height - 18)
  ctx.textAlign = 'left'
  ctx.fillText(panel.yLabel, 4, top - 14)
}
