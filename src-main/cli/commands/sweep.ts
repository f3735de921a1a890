import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { Services } from '../../services'
import { defaultDbFile } from '../../services/store/default-location'
import { runSweep } from '../../services/runs/sweep-runner'
import { fail } from '../options'
import { readSpecFile } from './run'
import { addSweepSlurmOptions, sweepOnSlurm, type SweepSlurmOptions } from './slurm'

/** `sweep SWEEP.json`: a parameter sweep on the worker pool; prints accuracy and mean steps per cell. */
export function registerSweep(program: Command): void {
  const command = program
    .command('sweep')
    .description('run a parameter sweep (base spec × grid × seeds) on the worker pool, or on a Slurm cluster with --slurm; each cell × seed is a stored run')
    .argument('<sweep>', 'sweep spec (JSON, see docs/experiment-spec.md)')
    .option('--workers <n>', 'worker threads (default: one per core)')
    .option('--db <file>', 'SQLite lab notebook (created if missing); ":memory:" keeps nothing', defaultDbFile())
    .option('--json', 'print { cells: [ { params, seeds, accuracy, meanSteps } ] }')
  addSweepSlurmOptions(command).action(async (file: string, opts: { workers?: string; db: string; json?: boolean } & SweepSlurmOptions) => {
    const raw = readSpecFile(file)
    if (opts.slurm !== undefined) return sweepOnSlurm(file, raw, opts)
    let workers: number | undefined
    if (opts.workers !== undefined) {
      workers = Number(opts.workers)
      if (!Number.isInteger(workers) || workers < 1) fail(`--workers: expected an integer ≥ 1, got "${opts.workers}"`)
    }
    if (opts.db !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(opts.db)), { recursive: true })
    const services = new Services({ dbFile: opts.db, runWorkers: workers })
    const started = Date.now()
    try {
      const progress = sweepProgress(Boolean(process.stderr.isTTY), (s) => process.stderr.write(s))
      const cells = await runSweep(services.runs, services.store, raw, (p) => {
        if (!opts.json) progress(p.runsDone, p.runs)
      })
      if (opts.json) process.stdout.write(JSON.stringify({ cells: cells.map(({ params, seeds, accuracy, meanSteps }) => ({ params, seeds, accuracy, meanSteps })) }) + '\n')
      else {
        process.stderr.write(`${process.stderr.isTTY ? '\n' : ''}${cells.length} cells in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
        for (const c of cells) process.stdout.write(`${JSON.stringify(c.params)}  accuracy ${(100 * c.accuracy).toFixed(0)} %  mean steps ${c.meanSteps.toFixed(1)}  (${c.seeds} seeds)\n`)
      }
      await services.close()
    } catch (e) {
      await services.close()
      fail(`${file}: ${(e as Error).message}`)
    }
  })
}

/**
 * Sweep progress on stderr: on a terminal one line rewritten in place (every 20 runs); in a log
 * (stderr not a TTY) one plain line per tenth of the runs, never a carriage return.
 */
export function sweepProgress(tty: boolean, write: (s: string) => void): (done: number, total: number) => void {
  let lastTenth = -1
  return (done, total) => {
    if (tty) {
      if (done % 20 === 0 || done === total) write(`\r${done}/${total} runs`)
      return
    }
    const tenth = Math.floor((10 * done) / Math.max(1, total))
    if (tenth !== lastTenth) {
      lastTenth = tenth
      write(`${done}/${total} runs\n`)
    }
  }
}
