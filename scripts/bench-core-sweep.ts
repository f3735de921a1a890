/**
 * The Table-1 sweep (I_C × V_STOP, examples/table1-sweep.json: 20 cells) at 100 seeds × 180 trials,
 * run through the runs service's worker pool on 1 and then 2 workers (in-memory notebook): wall
 * time of each and the 1 → 2 worker speed-up (target ≥ 1.7 on 2 cores).
 *
 *   npx tsx scripts/bench-core-sweep.ts [--seeds 100] [--trials 180]
 */
import fs from 'node:fs'
import path from 'node:path'
import { Services } from '../src-main/services'
import { runSweep } from '../src-main/services/runs/sweep-runner'

function arg(name: string, fallback: number): number {
  const k = process.argv.indexOf(`--${name}`)
  return k > 0 ? Number(process.argv[k + 1]) : fallback
}
const seeds = arg('seeds', 100)
const trials = arg('trials', 180)
const sweep = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'examples', 'table1-sweep.json'), 'utf8')) as {
  base: Record<string, unknown>
  seeds: { count: number; first: number }
}
sweep.base.trials = trials
sweep.seeds = { count: seeds, first: 1 }

// The built worker (npm run build), as the app runs it; else the TypeScript source through tsx,
// whose per-worker compile time then counts in both timings.
const BUILT = path.resolve(__dirname, '..', process.env.RRAM_OUT_DIR ?? 'out', 'main', 'run-worker.js')
const BUILT_WORKER = fs.existsSync(BUILT) ? BUILT : undefined

async function timed(workers: number): Promise<{ seconds: number; accuracy: number[] }> {
  const services = new Services({ dbFile: ':memory:', runWorkers: workers, runWorkerFile: BUILT_WORKER })
  const t0 = performance.now()
  const cells = await runSweep(services.runs, services.store, sweep)
  const seconds = (performance.now() - t0) / 1000
  await services.runs.close()
  services.close()
  return { seconds, accuracy: cells.map((c) => c.accuracy) }
}

async function main(): Promise<void> {
  const cells = 20
  console.log(`worker: ${BUILT_WORKER ?? 'TypeScript source through tsx (run npm run build for the built worker)'}`)
  console.log(`Table-1 sweep: ${cells} cells × ${seeds} seeds × ${trials} trials = ${(cells * seeds * trials).toLocaleString()} trials`)
  const one = await timed(1)
  console.log(`1 worker : ${one.seconds.toFixed(1)} s`)
  const two = await timed(2)
  console.log(`2 workers: ${two.seconds.toFixed(1)} s`)
  const same = one.accuracy.every((a, k) => a === two.accuracy[k])
  console.log(`speed-up 1 → 2 workers: ${(one.seconds / two.seconds).toFixed(2)}× (target ≥ 1.7); same accuracies on both: ${same}`)
  if (!same) process.exitCode = 1
}
void main()
