// @vitest-environment happy-dom
import { createCanvas } from '@napi-rs/canvas'
import { Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Title, type ChartDataset } from 'chart.js'
import zoomPlugin from 'chartjs-plugin-zoom'
import { describe, expect, it, vi } from 'vitest'
import { chartSvg, printConfig, type PrintableOptions } from './chart-export'

// A browser has Path2D (happy-dom has not), and Chart.js then strokes lines through one unless told
// otherwise: defined before Chart.js loads, as in Chromium. (A stand-in: the SVG context ignores it.)
vi.hoisted(() => {
  const g = globalThis as { Path2D?: unknown }
  g.Path2D ??= class {
    moveTo() {}
    lineTo() {}
    bezierCurveTo() {}
    closePath() {}
    rect() {}
  }
})

// As LineChart.vue registers them: the zoom plugin too, which a print must switch off.
Chart.register(LinearScale, LineController, PointElement, LineElement, Filler, Legend, Title, zoomPlugin)

/** Two learning curves as the Compare view draws them: steps-to-goal per trial, one with a band. */
function config(title: string) {
  const xs = Array.from({ length: 60 }, (_, k) => k + 1)
  const line = (label: string, color: string, f: (x: number) => number): ChartDataset<'line'> =>
    ({ label, data: xs.map((x) => ({ x, y: f(x) })), borderColor: color, backgroundColor: color, borderWidth: 1.5, pointRadius: 0, parsing: false, fill: false }) as ChartDataset<'line'>
  const base: PrintableOptions = {
    scales: { x: { type: 'linear', title: { display: true, text: 'trial' } }, y: { type: 'linear', title: { display: true, text: 'steps to goal' } } },
    plugins: { legend: { labels: { boxWidth: 14 } } }
  }
  const datasets = [line('bio-rram', 'rgb(31, 119, 180)', (x) => 20 + 200 / x), line('q-table', 'rgb(255, 127, 14)', (x) => 25 + 300 / x)]
  return printConfig({ type: 'line', datasets: datasets as ChartDataset[], options: base }, { width: 2100, height: 1200, title }, { x: { min: 1, max: 60 } })
}

describe('chartSvg', () => {
  it('draws a chart as vector SVG at the print size: the series as paths, the title and axis labels as text, no picture', () => {
    const title = 'Steps to goal per trial, grouped by agent'
    const svg = chartSvg(
      config(title),
      { width: 2100, height: 1200, title, inches: { width: 7, height: 4 } },
      {
        document,
        measure: createCanvas(10, 10).getContext('2d') as unknown as CanvasRenderingContext2D
      }
    )
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml')
    const root = doc.documentElement
    expect(root.nodeName).toBe('svg')
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0)
    expect([root.getAttribute('width'), root.getAttribute('height'), root.getAttribute('viewBox')]).toEqual(['7in', '4in', '0 0 2100 1200'])
    const texts = Array.from(doc.getElementsByTagName('text'), (t) => t.textContent)
    expect(texts).toContain(title)
    expect(texts).toEqual(expect.arrayContaining(['trial', 'steps to goal', 'bio-rram', 'q-table']))
    expect(doc.getElementsByTagName('title')[0]?.textContent).toBe(title)
    // Each series is one stroked path in its colour with a point per trial (60 "L"/"M" commands).
    for (const colour of ['rgb(31,119,180)', 'rgb(255,127,14)']) {
      const paths = Array.from(doc.getElementsByTagName('path')).filter((p) => (p.getAttribute('stroke') ?? '').replace(/\s/g, '') === colour)
      const longest = Math.max(0, ...paths.map((p) => (p.getAttribute('d') ?? '').match(/[ML]/g)?.length ?? 0))
      expect(longest, colour).toBeGreaterThanOrEqual(60)
    }
    expect(svg).not.toMatch(/<image\b/)
  })
})
