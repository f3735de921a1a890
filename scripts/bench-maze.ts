// Maze editor on a 256×256 grid: how long a paint stroke takes to redraw, in Chromium against the
// real lab host. Median of 5 strokes (each 60 pointer moves across the grid).
//   ours      — the panel's canvas: "maze-redraw" performance entries (pointer-handler work since
//               the last frame + that frame's drawing), and "maze-input-latency" (input event →
//               end of the frame that shows it, waiting for the frame included).
//   baseline  — measured in the same page and run: a full redraw that paints every cell with its
//               own fillRect on a canvas of the same size (what a naive per-cell redraw costs).
// Run: RRAM_OUT_DIR=.out-maze npx tsx scripts/bench-maze.ts   (after a build into that folder)
import fs from 'node:fs'
import path from 'node:path'
import { launchChromium } from '../e2e/support/chromium'
import { startHost } from '../e2e/support/lab-host'

const ROOT = path.resolve(__dirname, '..')
const OUT = path.resolve(ROOT, process.env.RRAM_OUT_DIR ?? 'out')
const STROKES = 5
const SIDE = 256

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(OUT, 'main', 'cli.js'))) throw new Error(`build first (${OUT})`)
  const host = await startHost()
  const browser = await launchChromium()
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    await page.goto(`${host.url}#/maze`)
    const root = page.locator('[data-panel-root="maze"]')
    await root.locator('[data-new-width]').fill(String(SIDE))
    await root.locator('[data-new-height]').fill(String(SIDE))
    await root.locator('[data-action="new-blank"]').click()
    await root.getByText(`${SIDE}×${SIDE} cells`).waitFor()
    const canvas = root.locator('[data-maze-canvas]')
    await page.waitForFunction(() => document.querySelector('[data-maze-canvas]')?.getAttribute('data-view'))
    const [scale, ox, oy] = (await canvas.getAttribute('data-view'))!.split(',').map(Number)
    const box = (await canvas.boundingBox())!
    const at = (row: number, col: number) => ({ x: box.x + ox + (col + 0.5) * scale, y: box.y + oy + (row + 0.5) * scale })

    const strokeRedraw: number[] = []
    const strokeWorst: number[] = []
    const strokeLatency: number[] = []
    for (let k = 0; k < STROKES; k++) {
      await page.evaluate(() => performance.clearMeasures())
      const row = 20 + k * 40
      const a = at(row, 5)
      const b = at(row + 30, SIDE - 6)
      await page.mouse.move(a.x, a.y)
      await page.mouse.down()
      await page.mouse.move(b.x, b.y, { steps: 60 })
      await page.mouse.up()
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
      const { redraw, latency } = await page.evaluate(() => ({
        redraw: performance.getEntriesByName('maze-redraw').map((e) => e.duration),
        latency: performance.getEntriesByName('maze-input-latency').map((e) => e.duration)
      }))
      strokeRedraw.push(median(redraw))
      strokeWorst.push(Math.max(...redraw))
      strokeLatency.push(median(latency))
    }

    // Baseline in the same page: one fillRect per cell over the whole 256×256 grid, same canvas size.
    const baseline = await page.evaluate(
      ({ side, strokes }) => {
        const src = document.querySelector('[data-maze-canvas]') as HTMLCanvasElement
        const c = document.createElement('canvas')
        c.width = src.width
        c.height = src.height
        const ctx = c.getContext('2d')!
        const s = Math.min(c.width, c.height) / side
        const out: number[] = []
        for (let k = 0; k < strokes; k++) {
          const t0 = performance.now()
          for (let r = 0; r < side; r++) {
            for (let q = 0; q < side; q++) {
              ctx.fillStyle = (r * 7 + q * 3 + k) % 5 === 0 ? '#2b3138' : '#ffffff'
              ctx.fillRect(q * s, r * s, s, s)
            }
          }
          ctx.getImageData(0, 0, 1, 1) // make the browser finish the drawing before the clock stops
          out.push(performance.now() - t0)
        }
        return out
      },
      { side: SIDE, strokes: STROKES }
    )

    const ours = median(strokeRedraw)
    const base = median(baseline)
    console.log(`maze editor, ${SIDE}×${SIDE} grid, ${STROKES} strokes of 60 pointer moves (Chromium, lab host)`)
    console.log(`  redraw per frame, ours (median of stroke medians): ${ours.toFixed(2)} ms  [per stroke: ${strokeRedraw.map((x) => x.toFixed(2)).join(', ')}]`)
    console.log(`  worst frame of each stroke:                       ${strokeWorst.map((x) => x.toFixed(2)).join(', ')} ms`)
    console.log(`  input → frame latency (median):                   ${median(strokeLatency).toFixed(2)} ms`)
    console.log(`  baseline, one fillRect per cell (median of ${STROKES}):     ${base.toFixed(2)} ms`)
    console.log(`  ratio ours / baseline: ${(ours / base).toFixed(3)}  (budget: < 16 ms per redraw → ${ours < 16 ? 'met' : 'NOT met'})`)
  } finally {
    await browser.close()
    await host.stop()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
