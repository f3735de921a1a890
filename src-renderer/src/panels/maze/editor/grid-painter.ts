import { CELL_FREE, CELL_GOAL, CELL_PENALTY, CELL_WALL, type Grid } from '@core/env/grid'

/**
 * Draws a grid on a canvas: one pixel per cell in an offscreen bitmap, blown up with nearest-
 * neighbour scaling, so a stroke repaints only its cells and a redraw is one drawImage whatever
 * the grid size (never one DOM node per cell). Overlays (starts, path, preview, hover) on top.
 */
export interface View {
  /** Screen pixels (CSS) per cell. */
  scale: number
  /** Screen position (CSS px) of the top-left corner of cell (0, 0). */
  offsetX: number
  offsetY: number
}

export interface Overlays {
  path?: Int32Array | null
  hover?: number | null
  preview?: number[] | null
  /** Cells to ring (diff view). */
  marked?: Uint8Array | null
}

const WALL: [number, number, number] = [43, 49, 56]
const FREE: [number, number, number] = [255, 255, 255]
const GOAL: [number, number, number] = [46, 157, 87]
const PENALTY_LOW: [number, number, number] = [255, 224, 178]
const PENALTY_HIGH: [number, number, number] = [217, 72, 15]
const LOW_GROUND: [number, number, number] = [120, 98, 80]
const HIGH_GROUND: [number, number, number] = [244, 236, 220]

function mix(a: [number, number, number], b: [number, number, number], t: number): [number, number, number] {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t]
}

export class GridPainter {
  private bitmap: HTMLCanvasElement
  private image: ImageData
  private grid: Grid
  private maxPenalty = 1
  private elevationRange: [number, number] | null = null

  constructor(grid: Grid) {
    this.grid = grid
    this.bitmap = document.createElement('canvas')
    this.image = new ImageData(1, 1)
    this.setGrid(grid)
  }

  /** A new grid (or one changed everywhere): rebuild the whole bitmap. */
  setGrid(grid: Grid): void {
    this.grid = grid
    this.bitmap.width = grid.width
    this.bitmap.height = grid.height
    this.image = new ImageData(grid.width, grid.height)
    this.maxPenalty = 1
    if (grid.penalty) for (let i = 0; i < grid.penalty.length; i++) if (grid.penalty[i] > this.maxPenalty) this.maxPenalty = grid.penalty[i]
    this.elevationRange = null
    if (grid.elevationM) {
      let lo = Infinity
      let hi = -Infinity
      for (const z of grid.elevationM) {
        if (z < lo) lo = z
        if (z > hi) hi = z
      }
      this.elevationRange = [lo, hi > lo ? hi : lo + 1]
    }
    for (let i = 0; i < grid.cells.length; i++) this.colour(i)
    this.bitmap.getContext('2d')!.putImageData(this.image, 0, 0)
  }

  /** Repaint a few cells (a stroke): only their pixels change. */
  updateCells(indices: Iterable<number>): void {
    let r0 = Infinity
    let r1 = -1
    let c0 = Infinity
    let c1 = -1
    const w = this.grid.width
    for (const i of indices) {
      if (i < 0 || i >= this.grid.cells.length) continue
      if (this.grid.penalty && this.grid.penalty[i] > this.maxPenalty) {
        this.setGrid(this.grid)
        return
      }
      this.colour(i)
      const r = (i / w) | 0
      const c = i - r * w
      if (r < r0) r0 = r
      if (r > r1) r1 = r
      if (c < c0) c0 = c
      if (c > c1) c1 = c
    }
    if (r1 < 0) return
    this.bitmap.getContext('2d')!.putImageData(this.image, 0, 0, c0, r0, c1 - c0 + 1, r1 - r0 + 1)
  }

  private colour(i: number): void {
    const { cells, penalty, elevationM } = this.grid
    const k = cells[i]
    let rgb: [number, number, number]
    if (k === CELL_WALL) rgb = WALL
    else if (k === CELL_GOAL) rgb = GOAL
    else if (k === CELL_PENALTY) rgb = mix(PENALTY_LOW, PENALTY_HIGH, Math.min(1, (penalty ? penalty[i] : 0) / this.maxPenalty))
    else rgb = FREE
    if (elevationM && this.elevationRange && (k === CELL_FREE || k === CELL_PENALTY)) {
      // Terrain: ground coloured by height (low = dark, high = pale sand), the slope penalty as a
      // light orange tint on top, so the relief stays readable when most cells carry a penalty.
      const t = (elevationM[i] - this.elevationRange[0]) / (this.elevationRange[1] - this.elevationRange[0])
      rgb = mix(LOW_GROUND, HIGH_GROUND, t)
      if (k === CELL_PENALTY) rgb = mix(rgb, PENALTY_HIGH, 0.45 * Math.min(1, (penalty ? penalty[i] : 0) / this.maxPenalty))
    }
    const d = this.image.data
    d[4 * i] = rgb[0]
    d[4 * i + 1] = rgb[1]
    d[4 * i + 2] = rgb[2]
    d[4 * i + 3] = 255
  }

  /** Draw the grid and overlays on `ctx` (already sized; `dpr` device pixels per CSS pixel). */
  draw(ctx: CanvasRenderingContext2D, view: View, overlays: Overlays, dpr: number): void {
    const { width, height } = this.grid
    const canvas = ctx.canvas
    ctx.setTransform(1, 0, 0, 1, 0, 0)
    ctx.fillStyle = getComputedStyle(canvas).getPropertyValue('--surface-2') || '#eef0f3'
    ctx.fillRect(0, 0, canvas.width, canvas.height)
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
    ctx.imageSmoothingEnabled = false
    const s = view.scale
    ctx.drawImage(this.bitmap, view.offsetX, view.offsetY, width * s, height * s)
    ctx.save()
    ctx.translate(view.offsetX, view.offsetY)
    if (s >= 10) this.drawGridLines(ctx, s)
    if (overlays.marked) this.drawMarked(ctx, s, overlays.marked)
    if (overlays.preview?.length) {
      ctx.fillStyle = 'rgba(47, 111, 223, 0.45)'
      for (const i of overlays.preview) ctx.fillRect((i % width) * s, Math.floor(i / width) * s, s, s)
    }
    if (overlays.path && overlays.path.length > 1) this.drawPath(ctx, s, overlays.path)
    this.drawStarts(ctx, s)
    if (overlays.hover != null && overlays.hover >= 0) {
      ctx.strokeStyle = '#2f6fdf'
      ctx.lineWidth = 2
      ctx.strokeRect((overlays.hover % width) * s + 1, Math.floor(overlays.hover / width) * s + 1, Math.max(1, s - 2), Math.max(1, s - 2))
    }
    ctx.restore()
  }

  private drawGridLines(ctx: CanvasRenderingContext2D, s: number): void {
    const { width, height } = this.grid
    ctx.strokeStyle = 'rgba(0, 0, 0, 0.08)'
    ctx.lineWidth = 1
    ctx.beginPath()
    for (let c = 0; c <= width; c++) {
      ctx.moveTo(c * s + 0.5, 0)
      ctx.lineTo(c * s + 0.5, height * s)
    }
    for (let r = 0; r <= height; r++) {
      ctx.moveTo(0, r * s + 0.5)
      ctx.lineTo(width * s, r * s + 0.5)
    }
    ctx.stroke()
  }

  private drawMarked(ctx: CanvasRenderingContext2D, s: number, marked: Uint8Array): void {
    const w = this.grid.width
    ctx.strokeStyle = '#d2423b'
    ctx.fillStyle = 'rgba(210, 66, 59, 0.35)'
    ctx.lineWidth = Math.max(1.5, s / 6)
    for (let i = 0; i < marked.length; i++) {
      if (!marked[i]) continue
      const x = (i % w) * s
      const y = Math.floor(i / w) * s
      ctx.fillRect(x, y, s, s)
      ctx.strokeRect(x + ctx.lineWidth / 2, y + ctx.lineWidth / 2, s - ctx.lineWidth, s - ctx.lineWidth)
    }
  }

  private drawPath(ctx: CanvasRenderingContext2D, s: number, path: Int32Array): void {
    const w = this.grid.width
    ctx.strokeStyle = 'rgba(47, 111, 223, 0.9)'
    ctx.lineWidth = Math.max(1.5, s * 0.3)
    ctx.lineJoin = 'round'
    ctx.lineCap = 'round'
    ctx.beginPath()
    for (let k = 0; k < path.length; k++) {
      const x = (path[k] % w) * s + s / 2
      const y = Math.floor(path[k] / w) * s + s / 2
      if (k === 0) ctx.moveTo(x, y)
      else ctx.lineTo(x, y)
    }
    ctx.stroke()
  }

  private drawStarts(ctx: CanvasRenderingContext2D, s: number): void {
    const w = this.grid.width
    for (const i of this.grid.starts) {
      const x = (i % w) * s + s / 2
      const y = Math.floor(i / w) * s + s / 2
      ctx.fillStyle = '#2f6fdf'
      ctx.beginPath()
      ctx.arc(x, y, Math.max(3, s * 0.42), 0, Math.PI * 2)
      ctx.fill()
      if (s >= 12) {
        ctx.fillStyle = '#fff'
        ctx.font = `bold ${Math.round(s * 0.55)}px system-ui, sans-serif`
        ctx.textAlign = 'center'
        ctx.textBaseline = 'middle'
        ctx.fillText('S', x, y + 0.5)
      }
    }
  }
}

/** The view that shows the whole grid centred in a box of the given CSS size. */
export function fitView(grid: { width: number; height: number }, boxWidth: number, boxHeight: number): View {
  const scale = Math.max(0.25, Math.min((boxWidth - 16) / grid.width, (boxHeight - 16) / grid.height))
  return { scale, offsetX: (boxWidth - grid.width * scale) / 2, offsetY: (boxHeight - grid.height * scale) / 2 }
}

/** The cell under a CSS point, or -1 outside the grid. */
export function cellAt(grid: { width: number; height: number }, view: View, x: number, y: number): number {
  const col = Math.floor((x - view.offsetX) / view.scale)
  const row = Math.floor((y - view.offsetY) / view.scale)
  if (row < 0 || col < 0 || row >= grid.height || col >= grid.width) return -1
  return row * grid.width + col
}
