// Drawing a 1024×1024 conductance map in the Array panel (canvas ImageData, one pixel per cell),
// in Debian Chromium against the real lab host, against a plain baseline measured in the same run:
// the same 1024×1024 values drawn with one fillRect per cell on a canvas.
// Build first (npm run build, or RRAM_OUT_DIR=.out-array npx electron-vite build), then:
//   RRAM_OUT_DIR=.out-array npx tsx scripts/bench-array.ts
import { launchChromium } from '../e2e/support/chromium'
import { startHost } from '../e2e/support/lab-host'
import { ArrayPage } from '../e2e/pages/array'

const SIDE = 1024
const RUNS = 5

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[s.length >> 1]
}

async function main(): Promise<void> {
  const host = await startHost()
  const browser = await launchChromium()
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
    const arrays = new ArrayPage(page, host.url, host.token)
    await arrays.open()
    await arrays.api('arrays.create', { name: 'bench 1024', rows: SIDE, cols: SIDE, seed: 1, initialState: 'hrs' })
    await page.reload()
    await arrays.open()
    const canvas = arrays.root.locator('[data-map="Conductance (read)"] canvas.map')

    const ours: number[] = []
    for (let r = 0; r < RUNS + 1; r++) {
      await page.evaluate(() => document.querySelector('[data-map="Conductance (read)"] canvas.map')?.setAttribute('data-draw-ms', 'pending'))
      await arrays.root.locator('[data-action="read"]').click()
      await page.waitForFunction(
        () => {
          const v = document.querySelector('[data-map="Conductance (read)"] canvas.map')?.getAttribute('data-draw-ms')
          return v && v !== 'pending' && v !== '0.00'
        },
        undefined,
        { timeout: 60_000 }
      )
      const ms = Number(await canvas.getAttribute('data-draw-ms'))
      if (r > 0) ours.push(ms) // the first draw warms up the JIT
    }

    const baseline: number[] = await page.evaluate(
      ({ side, runs }) => {
        const values = new Float32Array(side * side)
        for (let k = 0; k < values.length; k++) values[k] = 1e-6 * (1 + (99 * ((k * 2654435761) % 1000)) / 1000)
        const c = document.createElement('canvas')
        c.width = 420
        c.height = 420
        document.body.appendChild(c)
        const ctx = c.getContext('2d')!
        const cell = 420 / side
        const lo = Math.log(1e-6)
        const span = Math.log(1e-4) - lo
        const out: number[] = []
        for (let r = 0; r < runs + 1; r++) {
          const t0 = performance.now()
          for (let row = 0; row < side; row++)
            for (let col = 0; col < side; col++) {
              const t = (Math.log(values[row * side + col]) - lo) / span
              ctx.fillStyle = `hsl(${Math.round(260 - 200 * t)}, 70%, 45%)`
              ctx.fillRect(col * cell, row * cell, cell, cell)
            }
          ctx.getImageData(0, 0, 1, 1) // wait for the drawing to finish
          if (r > 0) out.push(performance.now() - t0)
        }
        c.remove()
        return out
      },
      { side: SIDE, runs: RUNS }
    )
    const mOurs = median(ours)
    const mBase = median(baseline)
    console.log(`Drawing a ${SIDE}×${SIDE} conductance map in Chromium, median of ${RUNS}:`)
    console.log(`  baseline (one fillRect per cell):        ${mBase.toFixed(1)} ms`)
    console.log(`  Array panel heat map (ImageData, LUT):   ${mOurs.toFixed(1)} ms  (${(mBase / mOurs).toFixed(1)}× faster; target < 200 ms: ${mOurs < 200 ? 'met' : 'NOT met'})`)
    console.log(`  runs: ours ${ours.map((x) => x.toFixed(1)).join(', ')}; baseline ${baseline.map((x) => x.toFixed(0)).join(', ')}`)
  } finally {
    await browser.close()
    await host.stop()
  }
}

void main().catch((e) => {
  console.error(e)
  process.exit(1)
})
