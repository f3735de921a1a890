/**
 * Sweeps on Slurm, measured (docs/scale-out.md quotes these):
 *
 *  1. per-task overhead: from the start of `slurm shard`'s process to its first stored trial, and
 *     the task's total, for a 1-run task (outside Slurm and as an array task on the local Slurm);
 *  2. the same sweep (Table-1 grid, --seeds per cell) on the local worker pool (2 workers, the
 *     baseline) and as 2 array tasks of 1 CPU each on the local one-node Slurm (submit → all shards
 *     on disk → merged), and their ratio;
 *  3. the merge rate (runs/s, trial rows/s) of a --merge-runs sweep (default 10,000: the Table-1 grid
 *     at 500 seeds, 20 trials of ≤ --merge-steps steps) from --merge-shards shards into a fresh
 *     notebook, beside the shards' own compute time;
 *  4. the 10⁶-run estimate from those figures.
 *
 *   npm run build && npx tsx scripts/bench-slurm.ts [--seeds 5] [--merge-runs 10000] [--merge-shards 20] [--merge-steps 60]
 *
 * --only-merge skips parts 1 and 2; --keep DIR keeps part 3's shards in DIR for the next run.
 * Part 2 needs root and Debian's Slurm packages (it starts scripts/slurm-local.sh and stops it).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openLabDatabase } from '../src-main/services/store/database'
import { writeBundle } from '../src-main/services/slurm/bundle'
import { mergeShards } from '../src-main/services/slurm/merge'
import { readShardInfo } from '../src-main/services/slurm/shard-runner'

const ROOT = path.resolve(__dirname, '..')
const CLI = path.join(ROOT, process.env.RRAM_OUT_DIR ?? 'out', 'main', 'cli.js')
if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: npm run build first`)
function arg(name: string, fallback: number): number {
  const k = process.argv.indexOf(`--${name}`)
  return k > 0 ? Number(process.argv[k + 1]) : fallback
}
const SEEDS = arg('seeds', 5)
const MERGE_RUNS = arg('merge-runs', 10_000)
const MERGE_SHARDS = arg('merge-shards', 20)
const MERGE_STEPS = arg('merge-steps', 60)
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rram-bench-slurm-'))
const table1 = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', 'table1-sweep.json'), 'utf8')) as Record<string, unknown> & { base: Record<string, unknown>; grid: Record<string, unknown[]> }
const CELLS = Object.values(table1.grid).reduce((a, v) => a * v.length, 1)
const cli = (args: string[], env = process.env) => execFileSync(process.execPath, [CLI, ...args], { cwd: tmp, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`

async function main(): Promise<void> {
  const onlyMerge = process.argv.includes('--only-merge')
  if (!onlyMerge) await partsOneTwo()
  await partThree()
  fs.rmSync(tmp, { recursive: true, force: true })
}

const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const overhead: number[] = []
const overheadCpu: number[] = []

async function partsOneTwo(): Promise<void> {
  // 1. Per-task overhead outside Slurm: a bundle of 1 run per task; task 0 run by hand.
  const one = { ...table1, name: 'overhead', seeds: { count: 1, first: 1 } }
  writeBundle(path.join(tmp, 'overhead'), one, { shards: CELLS, sbatch: { args: [] } })
  const totals: number[] = []
  for (let task = 0; task < 3; task++) {
    cli(['slurm', 'shard', path.join(tmp, 'overhead'), '--task', String(task)])
    const info = readShardInfo(path.join(tmp, 'overhead', 'shards', `${String(task).padStart(4, '0')}.sqlite`))!
    overhead.push(info.firstTrialMs ?? NaN)
    overheadCpu.push(info.firstTrialCpuMs ?? NaN)
    totals.push(info.totalMs)
  }
  console.log(
    `load average now: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')} on ${os.availableParallelism()} CPUs (wall times inflate with it; CPU times do not)`
  )
  console.log(
    `per-task overhead (process start → first trial stored), 1-run task, median of 3: ${med(overhead)} ms wall, ${med(overheadCpu)} ms CPU; whole task (1 run of 20 trials): ${med(totals)} ms wall`
  )

  // 2. Local pool vs 2 tasks on the local Slurm.
  const sweep = { ...table1, name: 'pool vs slurm', seeds: { count: SEEDS, first: 1 } }
  fs.writeFileSync(path.join(tmp, 'sweep.json'), JSON.stringify(sweep))
  let t = performance.now()
  cli(['sweep', 'sweep.json', '--db', 'local.sqlite', '--workers', '2'])
  const localMs = performance.now() - t
  console.log(`\n${CELLS * SEEDS} runs (Table-1 grid × ${SEEDS} seeds): local pool, 2 workers: ${s(localMs)} (baseline)`)
  const haveSlurm = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v sbatch && command -v slurmctld']).status === 0
  if (!haveSlurm) console.log('local Slurm: skipped (needs root and slurmctld, slurmd, slurm-client, munge)')
  else {
    const script = path.join(ROOT, 'scripts', 'slurm-local.sh')
    const dir = execFileSync(script, ['start'], { encoding: 'utf8' }).trim().split('\n').at(-1)!
    try {
      const env = { ...process.env, SLURM_CONF: path.join(dir, 'slurm.conf') }
      t = performance.now()
      cli(['sweep', 'sweep.json', '--slurm', path.join(tmp, 'b2'), '--shards', '2'], env)
      // Polled on the files (a status call is a process start of its own).
      const shardsDir = path.join(tmp, 'b2', 'shards')
      for (;;) {
        const files = fs.readdirSync(shardsDir)
        if (files.filter((f) => /^\d{4}\.sqlite$/.test(f)).length === 2) break
        if (files.some((f) => f.endsWith('.failed.json'))) throw new Error(`a task failed: ${files.join(', ')}`)
        if (performance.now() - t > 300_000) throw new Error('the tasks did not finish in 5 min')
        await sleep(100)
      }
      const doneMs = performance.now() - t
      cli(['slurm', 'merge', path.join(tmp, 'b2'), '--db', 'slurm.sqlite'], env)
      const mergedMs = performance.now() - t
      const infos = [0, 1].map((k) => readShardInfo(path.join(tmp, 'b2', 'shards', `000${k}.sqlite`))!)
      console.log(`2 array tasks on the local Slurm: ${s(doneMs)} submit → both shards on disk, ${s(mergedMs)} with the merge; ${(mergedMs / localMs).toFixed(2)}× the local pool`)
      console.log(`  tasks: ${infos.map((i) => `${i.runs} runs in ${s(i.totalMs)} (first trial at ${i.firstTrialMs} ms)`).join('; ')}`)
    } finally {
      spawnSync(script, ['stop', dir], { stdio: 'inherit' })
    }
  }
}

async function partThree(): Promise<void> {
  // 3. Merge rate: a MERGE_RUNS-run sweep in MERGE_SHARDS shards, run by hand (2 workers each), then merged.
  const seeds = Math.ceil(MERGE_RUNS / CELLS)
  const big = { ...table1, name: 'merge rate', base: { ...table1.base, maxStepsPerTrial: MERGE_STEPS }, seeds: { count: seeds, first: 1 } }
  // --keep DIR: the shards are kept in DIR and reused by the next run with the same options (a merge-only re-measure).
  const keep = process.argv.indexOf('--keep')
  const bdir = keep > 0 ? path.resolve(process.argv[keep + 1]) : path.join(tmp, 'big')
  writeBundle(bdir, big, { shards: MERGE_SHARDS, sbatch: { args: [] } })
  // A task whose shard is there does nothing (as a resubmitted one does).
  for (let task = 0; task < MERGE_SHARDS; task++) cli(['slurm', 'shard', bdir, '--task', String(task), '--workers', '2'])
  const infos = Array.from({ length: MERGE_SHARDS }, (_, k) => readShardInfo(path.join(bdir, 'shards', `${String(k).padStart(4, '0')}.sqlite`))!)
  const computeMs = infos.reduce((a, i) => a + i.totalMs, 0)
  const computeCpuMs = infos.reduce((a, i) => a + i.cpuMs, 0)
  let t = 0
  const shardBytes = fs.readdirSync(path.join(bdir, 'shards')).reduce((a, f) => a + fs.statSync(path.join(bdir, 'shards', f)).size, 0)
  const nb = path.join(tmp, 'merged-big.sqlite')
  const db = openLabDatabase(nb)
  let report: ReturnType<typeof mergeShards>
  let cpu: NodeJS.CpuUsage
  try {
    t = performance.now()
    const c0 = process.cpuUsage()
    report = mergeShards(db, bdir)
    cpu = process.cpuUsage(c0)
  } finally {
    db.close()
  }
  const mergeMs = performance.now() - t
  const mergeCpuMs = (cpu.user + cpu.system) / 1000
  const nbBytes = fs.statSync(nb).size + (fs.existsSync(`${nb}-wal`) ? fs.statSync(`${nb}-wal`).size : 0)
  const runsPerS = report.runsAdded / (mergeMs / 1000)
  const rowsPerS = report.trialsAdded / (mergeMs / 1000)
  console.log(
    `\nmerge: ${report.runsAdded} runs, ${report.trialsAdded} trial rows from ${MERGE_SHARDS} shards (${mb(shardBytes)}) in ${s(mergeMs)} (checks ${s(report.checkMs)} of it): ${Math.round(runsPerS)} runs/s, ${Math.round(rowsPerS)} trial rows/s wall; CPU ${s(mergeCpuMs)}: ${Math.round(report.runsAdded / (mergeCpuMs / 1000))} runs/CPU-s, ${Math.round(report.trialsAdded / (mergeCpuMs / 1000))} rows/CPU-s`
  )
  console.log(
    `  the shards' own tasks (2 workers each): ${s(computeMs)} wall, ${s(computeCpuMs)} CPU in all; merge / compute = ${(mergeMs / computeMs).toFixed(3)} wall, ${(mergeCpuMs / computeCpuMs).toFixed(3)} CPU`
  )
  console.log(`  notebook after the merge: ${mb(nbBytes)}; ${Math.round(shardBytes / report.runsAdded)} B per run in shards, ${Math.round(nbBytes / report.runsAdded)} B per run in the notebook`)

  // 4. 10⁶ runs, on paper.
  const N = 1e6
  const trialsPerRun = report.trialsAdded / report.runsAdded
  console.log(`\n10⁶ runs of ${trialsPerRun} trials (estimate from the figures above):`)
  console.log(
    `  merge ≈ ${(N / runsPerS / 60).toFixed(1)} min; shards ≈ ${(((shardBytes / report.runsAdded) * N) / 1e9).toFixed(2)} GB; notebook grows ≈ ${(((nbBytes / report.runsAdded) * N) / 1e9).toFixed(2)} GB`
  )
  if (overheadCpu.length)
    console.log(
      `  e.g. 1,000 tasks of 1,000 runs (MaxArraySize default 1001: indices 0…1000): per-task overhead ${med(overheadCpu)} ms CPU × 1,000 = ${((med(overheadCpu) * 1000) / 1000).toFixed(0)} CPU-s in all`
    )
}

main().catch((e: unknown) => {
  console.error(e)
  fs.rmSync(tmp, { recursive: true, force: true })
  process.exit(1)
})
