import { BasicPlatform, Chart, Title, type ChartConfiguration, type ChartDataset, type Plugin } from 'chart.js'
import { Context as SvgContext } from 'svgcanvas'

/**
 * Charts as files for papers and reports: the same Chart.js configuration drawn again off screen at
 * a publication size with a title, as a PNG (pixels) or an SVG (paths and text, editable in
 * Inkscape or Illustrator). The SVG comes from svgcanvas, a canvas-2D context that records every
 * call as SVG elements: Chart.js draws into it as into a canvas.
 */

// Every print has a title, whichever plugins the chart on screen registered.
Chart.register(Title)

/** A print of a chart: size in pixels (SVG user units), an optional title, and its size on paper. */
export interface PrintSize {
  width: number
  height: number
  title?: string
  /** Physical size of the SVG (e.g. 7×4 in); without it the SVG is width×height px. */
  inches?: { width: number; height: number }
}

/** The sizes offered: the chart as on screen, or a journal figure (3.5 in one column, 7 in two; PNG at 300 dpi). */
export const PRINT_SIZES: readonly { id: string; label: string; size?: { width: number; height: number; inches: { width: number; height: number } } }[] = [
  { id: 'screen', label: 'as on screen' },
  { id: '1col', label: '3.5×2.5 in (PNG 300 dpi)', size: { width: 1050, height: 750, inches: { width: 3.5, height: 2.5 } } },
  { id: '2col', label: '7×4 in (PNG 300 dpi)', size: { width: 2100, height: 1200, inches: { width: 7, height: 4 } } }
]

/** White behind the chart: a PNG is transparent and an SVG bare otherwise. */
export const whiteBackground: Plugin = {
  id: 'whiteBackground',
  beforeDraw(c) {
    c.ctx.save()
    c.ctx.fillStyle = '#ffffff'
    c.ctx.fillRect(0, 0, c.width, c.height)
    c.ctx.restore()
  }
}

/** The parts of a chart's options a print changes (LineChart.vue's and XyChart.vue's `options`). */
interface AxisOptions {
  ticks?: Record<string, unknown>
  title?: Record<string, unknown>
  [k: string]: unknown
}
export interface PrintableOptions {
  scales?: Record<string, AxisOptions>
  plugins?: { legend?: { labels?: Record<string, unknown>; [k: string]: unknown }; [k: string]: unknown }
  [k: string]: unknown
}
/** A chart to print: its type, datasets, options and own plugins (as given to `new Chart`). */
export interface PrintableChart {
  type: 'line' | 'scatter'
  datasets: ChartDataset[]
  options: PrintableOptions
  plugins?: Plugin[]
}
type Range = { min: number; max: number }

/**
 * The configuration of a print: type and line widths for paper (or as on screen), the title on top in bold, each axis on the range given (the one on screen), no zoom, no
 * tooltip, no animation, white background.
 */
export function printConfig(chart: PrintableChart, size: PrintSize, ranges: Record<string, Range | null> = {}): ChartConfiguration {
  // On paper (a size in inches): ticks and legend at 7.5 pt, axis titles 8 pt, the title 10 pt, lines
  // 0.9 pt, whatever the width (journals ask for 6–10 pt type; our default). As on screen: as at 900 px.
  const k = size.inches ? (0.8 * size.width) / size.inches.width / 96 : Math.max(1, size.width / 900)
  const font = (px: number) => ({ size: Math.round(px * k) })
  const scales = Object.fromEntries(
    Object.entries(chart.options.scales ?? {}).map(([id, a]) => {
      const range = ranges[id]
      return [id, { ...a, ...(range ? { min: range.min, max: range.max } : {}), ticks: { ...(a.ticks ?? {}), font: font(12) }, title: { ...(a.title ?? {}), font: font(13) } }]
    })
  )
  // Lines and markers scaled as the type is.
  const datasets = chart.datasets.map((d) => {
    const out: Record<string, unknown> = { ...d }
    for (const key of ['borderWidth', 'pointRadius'] as const) if (typeof out[key] === 'number') out[key] = (out[key] as number) * k
    return out as unknown as ChartDataset
  })
  const plugins = chart.options.plugins ?? {}
  return {
    type: chart.type,
    data: { datasets },
    options: {
      ...chart.options,
      animation: false,
      // Room for the last x tick label, which is centred on the plot's right edge.
      layout: { padding: { right: Math.round(12 * k), left: Math.round(4 * k) } },
      responsive: false,
      devicePixelRatio: 1,
      scales,
      plugins: {
        ...plugins,
        legend: { ...(plugins.legend ?? {}), labels: { ...(plugins.legend?.labels ?? {}), font: font(12), boxWidth: Math.round(14 * k) } },
        // Off, not merely unset: the zoom plugin would listen for pointer events on the print's (fake) canvas.
        zoom: false,
        tooltip: { enabled: false },
        title: { display: !!size.title, text: size.title ?? '', font: { ...font(16), weight: 'bold' } }
      }
    } as unknown as ChartConfiguration['options'], // `zoom: false` (Chart.js's way to switch a plugin off) is not in the zoom plugin's types
    plugins: [...(chart.plugins ?? []), whiteBackground]
  }
}

/** The print as a PNG data URL. */
export function chartPng(config: ChartConfiguration, size: PrintSize): string {
  const canvas = document.createElement('canvas')
  canvas.width = size.width
  canvas.height = size.height
  const chart = new Chart(canvas, config)
  try {
    return canvas.toDataURL('image/png')
  } finally {
    chart.destroy()
  }
}

/** Where the SVG is built: the page's document, and a 2D context that measures text (tests pass their own). */
export interface SvgEnvironment {
  document: Document
  measure?: CanvasRenderingContext2D
}

/**
 * The print as an SVG document (a string): every line, band, tick and label is a vector element
 * (`path`, `text`), nothing is a picture. Chart.js runs on its DOM-less platform and draws into the
 * recording context; the file says its physical size (width="7in") over a viewBox in pixels.
 */
export function chartSvg(config: ChartConfiguration, size: PrintSize, env: SvgEnvironment = { document }): string {
  const ctx = new SvgContext({ width: size.width, height: size.height, document: env.document, ...(env.measure ? { ctx: env.measure } : {}) })
  // Lines with `segment` options are drawn point by point on the context; without, Chart.js strokes
  // a cached Path2D, which the recording context cannot read (the curves would be missing).
  const datasets = config.data.datasets.map((d) => ({ ...d, segment: (d as { segment?: object }).segment ?? {} }))
  // BasicPlatform: Chart.js takes the context as is (the recording context is its own canvas).
  const chart = new Chart({ getContext: () => ctx, width: size.width, height: size.height } as unknown as HTMLCanvasElement, {
    ...config,
    data: { ...config.data, datasets },
    platform: BasicPlatform
  })
  try {
    const svg = ctx.getSvg()
    // svgcanvas writes text-decoration="undefined" where the canvas has no underline.
    for (const t of Array.from(svg.querySelectorAll('[text-decoration="undefined"]'))) t.removeAttribute('text-decoration')
    svg.setAttribute('viewBox', `0 0 ${size.width} ${size.height}`)
    if (size.inches) {
      svg.setAttribute('width', `${size.inches.width}in`)
      svg.setAttribute('height', `${size.inches.height}in`)
    }
    if (size.title) {
      const title = env.document.createElementNS('http://www.w3.org/2000/svg', 'title')
      title.textContent = size.title
      svg.insertBefore(title, svg.firstChild)
    }
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ctx.getSerializedSvg(true)
  } finally {
    chart.destroy()
  }
}
