import { createCanvas } from '@napi-rs/canvas'
import { Chart, registerables, type ChartConfiguration } from 'chart.js'
import { chartJsConfig, drawMatrix, type ChartPanel, type MatrixContext } from '../../../src-core/experiment/figures'

Chart.register(...registerables)

const PANEL_W = 720
const PANEL_H = 440

/** White behind the chart (a PNG is transparent otherwise). */
const whiteBackground = {
  id: 'whiteBackground',
  beforeDraw(chart: Chart) {
    const ctx = chart.ctx
    ctx.save()
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(0, 0, chart.width, chart.height)
    ctx.restore()
  }
}

/** One figure's panels side by side as a PNG, drawn by Chart.js in Node (no browser). */
export function renderFigurePng(panels: ChartPanel[]): Buffer {
  const n = Math.max(1, panels.length)
  const out = createCanvas(PANEL_W * n, PANEL_H)
  const octx = out.getContext('2d')
  octx.fillStyle = '#ffffff'
  octx.fillRect(0, 0, out.width, out.height)
  panels.forEach((panel, k) => {
    const canvas = createCanvas(PANEL_W, PANEL_H)
    const ctx = canvas.getContext('2d')
    if (panel.matrix) {
      drawMatrix(ctx as unknown as MatrixContext, panel, PANEL_W, PANEL_H)
      octx.drawImage(canvas, PANEL_W * k, 0)
    } else {
      const config = chartJsConfig(panel) as unknown as ChartConfiguration
      config.plugins = [whiteBackground]
      const chart = new Chart(ctx as unknown as ConstructorParameters<typeof Chart>[0], config)
      // Copied before destroy(), which clears the canvas.
      octx.drawImage(canvas, PANEL_W * k, 0)
      chart.destroy()
    }
  })
  return out.toBuffer('image/png')
}
