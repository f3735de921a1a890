// I–V characterization figures (issue targets): medians of 5, each with a baseline measured in the
// same run and the ratio to it.
//  1. End-to-end recipe: 1,000 cycles of a ~1,000-point DC sweep through IvService (instrument,
//     streaming, SQLite rows) — baseline: the core simulator alone (simulateSweep), same points.
//  2. Extraction + statistics of those 1,000 cycles (IvService.analysis, reading the rows back) —
//     baseline: the core's extractCycles on the in-memory arrays.
//  3. Pan/zoom of 100 overlaid cycles of ~1,000 points in Chromium against the lab host: frames per
//     second while wheel-zooming — baseline: the same chart with 1 cycle.
// Run: RRAM_OUT_DIR=.out-iv npx electron-vite build && RRAM_OUT_DIR=.out-iv npx tsx scripts/bench-iv.ts
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { extractCycles } from '../src-core/device/extract'
import { simulateSweep } from '../src-core/device/iv-sweep'
import { createDeviceModel } from '../src-core/device/model'
import { DEFAULT_PRESET } from '../src-core/device/presets'
import { RandomStream } from '../src-core/random'
import { InstrumentService } from '../src-main/services/instruments/instrument-service'
import { IvService } from '../src-main/services/iv/iv-service'
import { ivRecipeSchema } from '../src-main/services/iv/recipe-schema'
import { LabStore } from '../src-main/services/store'
import { launchChromium } from '../e2e/support/chromium'
import { OUT_DIR, startHost } from '../e2e/support/lab-host'

const RUNS = 5
// 0 → 2.5 V → 0 → −1.6 V → 0 in 8.2 mV steps: 2·305 + 1 + 2·196 = 1,003 points per cycle.
const STEP_V = 0.0082

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const ms = (x: number) => `${x.toFixed(1)} ms`

async function recipeFigures(): Promise<void> {
  const model = createDeviceModel(DEFAULT_PRESET)
  const sim: number[] = []
  const e2e: number[] = []
  const extractCore: number[] = []
  const analysis: number[] = []
  let points = 0
  for (let r = 0; r < RUNS; r++) {
    let t0 = performance.now()
    const trace = simulateSweep(model, { vMaxV: 2.5, vStopV: -1.6, stepV: STEP_V, iComplianceA: 150e-6, cycles: 1000 }, RandomStream.fromSeed(r + 1))
    sim.push(performance.now() - t0)
    t0 = performance.now()
    extractCycles({ v: trace.v, i: trace.i, cycle: trace.cycle, compliance: trace.compliance }, { vReadV: 0.1 })
    extractCore.push(performance.now() - t0)

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rram-bench-iv-'))
    const store = LabStore.open(path.join(dir, 'lab.sqlite'), 'bench')
    const iv = new IvService({ store, instruments: new InstrumentService(), appVersion: 'bench', preset: () => DEFAULT_PRESET, progress: () => {} })
    t0 = performance.now()
    const s = await iv.start(ivRecipeSchema.parse({ recipe: 'dc-sweep', vStepV: STEP_V, cycles: 1000, seed: r + 1 }))
    const done = await iv.settled(s.id)
    e2e.push(performance.now() - t0)
    points = done.points
    t0 = performance.now()
    iv.analysis(s.id)
    analysis.push(performance.now() - t0)
    store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
  console.log(`1,000 cycles × ${points / 1000} points (${points.toLocaleString()} points)`)
  console.log(`  core simulateSweep (baseline)          ${ms(median(sim))}`)
  console.log(`  recipe end to end (instrument + SQLite) ${ms(median(e2e))}   ratio ${(median(e2e) / median(sim)).toFixed(1)}×`)
  console.log(`  core extractCycles (baseline)          ${ms(median(extractCore))}`)
  console.log(`  session analysis (rows read back + extraction + statistics) ${ms(median(analysis))}   ratio ${(median(analysis) / median(extractCore)).toFixed(1)}×`)
}

async function uiFigures(): Promise<void> {
  if (!fs.existsSync(path.join(OUT_DIR, 'main', 'cli.js'))) throw new Error(`build first (${OUT_DIR})`)
  const host = await startHost()
  const browser = await launchChromium()
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    await page.goto(`${host.url}#/iv`)
    await page.waitForSelector('[data-panel-root="iv"] [data-action="start"]')
    const run = async (cycles: number) => {
      await page.fill('input[data-field="cycles"]', String(cycles))
      await page.fill('input[data-field="vStepV"]', String(STEP_V * 1000))
      await page.click('[data-action="start"]')
      await page.waitForFunction(() => document.querySelector('[data-test="session-status"]')?.textContent === 'done', undefined, { timeout: 120_000 })
      await page.waitForFunction((n) => document.querySelector('[data-test="point-count"]')?.textContent?.includes(`· ${n} cycles`), cycles, { timeout: 60_000 })
    }
    // A string, not a function: tsx would wrap a function's inner helpers in its own __name().
    const FPS_SCRIPT = `(async () => {
      const c = document.querySelector('canvas[aria-label^="I–V curves"]')
      const r = c.getBoundingClientRect()
      const frames = 40
      const next = () => new Promise((res) => requestAnimationFrame(res))
      await next()
      const t0 = performance.now()
      for (let k = 0; k < frames; k++) {
        c.dispatchEvent(new WheelEvent('wheel', { deltaY: k % 2 ? -120 : 120, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true, cancelable: true }))
        await next()
      }
      return frames / ((performance.now() - t0) / 1000)
    })()`
    const fps = async (): Promise<number> => (await page.evaluate(FPS_SCRIPT)) as number
    await run(1)
    const base: number[] = []
    for (let k = 0; k < RUNS; k++) base.push(await fps())
    await run(100)
    const many: number[] = []
    for (let k = 0; k < RUNS; k++) many.push(await fps())
    console.log('Pan/zoom in Chromium (wheel zoom, one redraw per frame; headless frames are capped at the display rate)')
    console.log(`  1 cycle (baseline)        ${median(base).toFixed(1)} frames/s`)
    console.log(`  100 cycles × 1,003 points ${median(many).toFixed(1)} frames/s   ratio ${(median(many) / median(base)).toFixed(2)}×`)
  } finally {
    await browser.close()
    await host.stop()
  }
}

async function main(): Promise<void> {
  await recipeFigures()
  if (!process.argv.includes('--no-ui')) await uiFigures()
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
