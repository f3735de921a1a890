/**
 * UI figures of the Runs panel, against the real lab host in Chromium (median of 5 each):
 *  1. Compare view with 50 runs × 10,000 trials, from navigation to the chart drawn (target < 300 ms),
 *     against a baseline in the same run: the same view with 1 run × 180 trials.
 *  2. The comparison query (runs.series) for 100 runs × 180 trials from SQLite (target < 50 ms),
 *     against a baseline in the same run: a bare prepared SELECT of the same rows.
 *
 *   RRAM_OUT_DIR=.out-runs npx electron-vite build && RRAM_OUT_DIR=.out-runs npx tsx scripts/bench-ui.ts
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { LabStore } from '../src-main/services/store'
import { parseSeriesValues, type TrialRecord } from '../src-main/api/schemas/run'
import { launchChromium } from '../e2e/support/chromium'
import { startHost } from '../e2e/support/lab-host'

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

function seedNotebook(file: string): { big: number[]; small: number[]; tiny: number } {
  const store = LabStore.open(file, 'bench')
  const trial = (k: number, runIndex: number): TrialRecord => {
    const steps = Math.max(5, Math.round(2000 * Math.exp(-k / (40 + runIndex)) + 20 * Math.abs(Math.sin(k * 0.7 + runIndex))))
    return {
      trial: k,
      steps,
      timeUs: steps * 25,
      reachedGoal: steps < 2000,
      pathLength: steps,
      shortestPath: 27,
      spikes: steps,
      ops: { reads: 8 * steps, sets: 2, resets: 1 },
      energyJ: { fire: 1e-12 * steps, integration: 1e-9, controller: 2.5e-8 * steps, programming: 1e-10 }
    }
  }
  const make = (name: string, trials: number, agent: string, i: number) => {
    const run = store.runs.create({
      kind: 'maze',
      name,
      spec: { agent: { kind: agent } },
      seed: i,
      backend: 'simulated',
      status: 'done',
      agentKind: agent,
      environmentName: 'bianchi-maze-1',
      trialsPlanned: trials
    })
    const batch: TrialRecord[] = []
    for (let k = 1; k <= trials; k++) batch.push(trial(k, i))
    store.runs.appendTrials(run.id, batch)
    store.runs.setStatus(run.id, 'done')
    return run.id
  }
  const big = Array.from({ length: 50 }, (_, i) => make(`long ${i}`, 10_000, i % 2 ? 'q-table' : 'bio-rram', i))
  const small = Array.from({ length: 100 }, (_, i) => make(`short ${i}`, 180, 'bio-rram', i))
  const tiny = make('baseline', 180, 'bio-rram', 0)
  store.close()
  return { big, small, tiny }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rram-bench-ui-'))
  const dbFile = path.join(dir, 'lab.sqlite')
  const t0 = performance.now()
  const ids = seedNotebook(dbFile)
  console.log(`notebook: 50 × 10,000 + 101 × 180 trials written in ${((performance.now() - t0) / 1000).toFixed(1)} s`)

  // 2. The comparison query, in-process through the same repository the handler calls.
  const store = LabStore.open(dbFile, 'bench')
  const bare = new BetterSqlite3(dbFile, { readonly: true })
  const select = bare.prepare('SELECT steps FROM trials WHERE run_id = ? ORDER BY trial').pluck()
  const repoMs: number[] = []
  const bareMs: number[] = []
  for (let r = 0; r < 5; r++) {
    let t = performance.now()
    const got = store.runs.series(ids.small, 'steps')
    repoMs.push(performance.now() - t)
    if (got.length !== 100 || got.some((s) => parseSeriesValues(s.values).length !== 180)) throw new Error('series query returned the wrong shape')
    t = performance.now()
    for (const id of ids.small) select.all(id) // rows as JS numbers: what the query replaces
    bareMs.push(performance.now() - t)
  }
  store.close()
  bare.close()
  console.log(
    `comparison query, 100 runs × 180 trials: ${median(repoMs).toFixed(1)} ms (target < 50 ms); bare SELECT ${median(bareMs).toFixed(1)} ms; ratio ${(median(repoMs) / median(bareMs)).toFixed(2)}×`
  )

  // 1. First paint of the compare view in Chromium.
  const host = await startHost({ dbFile })
  const browser = await launchChromium()
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  async function paint(runIds: number[]): Promise<{ paint: number; received: number; requested: number }> {
    await page.goto(`${host.url}#/runs`)
    await page.locator('[data-testid="runs-table"]').waitFor()
    await page.waitForFunction(() => document.querySelectorAll('[data-run-id]').length > 0)
    return page.evaluate(async (list) => {
      performance.clearMarks()
      const t = performance.now()
      location.hash = `#/runs/compare?ids=${list.join(',')}`
      for (;;) {
        await new Promise((r) => requestAnimationFrame(r))
        const c = document.querySelector<HTMLCanvasElement>('[data-testid="compare-view"] canvas')
        if (c && Number(c.dataset.points ?? 0) > 0) {
          const received = performance.getEntriesByName('compare:received').at(-1)?.startTime ?? NaN
          const requested = performance.getEntriesByName('compare:request').at(-1)?.startTime ?? NaN
          return { paint: Number(c.dataset.renderedAt) - t, received: received - t, requested: requested - t }
        }
      }
    }, runIds)
  }
  const bigMs: number[] = []
  const bigReceivedMs: number[] = []
  const bigRequestedMs: number[] = []
  const tinyMs: number[] = []
  for (let r = 0; r < 5; r++) {
    const big = await paint(ids.big)
    bigMs.push(big.paint)
    bigReceivedMs.push(big.received)
    bigRequestedMs.push(big.requested)
    tinyMs.push((await paint([ids.tiny])).paint)
  }
  await browser.close()
  await host.stop()
  console.log(
    `compare view, 50 runs × 10,000 trials to first paint: ${median(bigMs).toFixed(0)} ms (target < 300 ms); 1 run × 180 trials ${median(tinyMs).toFixed(0)} ms; ratio ${(median(bigMs) / median(tinyMs)).toFixed(2)}×; series requested at ${median(bigRequestedMs).toFixed(0)} ms, arrived at ${median(bigReceivedMs).toFixed(0)} ms`
  )
  fs.rmSync(dir, { recursive: true, force: true })
}
void main()
