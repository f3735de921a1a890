import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { openLabDatabase } from '../../services/store/database'
import { writeBundle, type SbatchOptions } from '../../services/slurm/bundle'
import { mergeShards } from '../../services/slurm/merge'
import { runShard } from '../../services/slurm/shard-runner'
import { bundleStatus, formatStatus } from '../../services/slurm/status'
import { resubmitMissing, submitBundle } from '../../services/slurm/submit'
import { defaultDbFile } from '../../services/store/default-location'
import { fail } from '../options'

/** The sweep command's Slurm options (`sweep SWEEP.json --slurm DIR …`). */
export interface SweepSlurmOptions {
  slurm?: string
  shards?: string
  partition?: string
  time?: string
  memPerCpu?: string
  throttle?: string
  sbatchArg: string[]
  dryRun?: boolean
  force?: boolean
}

/** Most tasks a bundle gets unless --shards says otherwise (and never more than its runs). */
export const DEFAULT_MAX_SHARDS = 100

const collect = (value: string, previous: string[]): string[] => [...previous, value]

/** Add the Slurm options to the sweep command. */
export function addSweepSlurmOptions(command: Command): Command {
  return command
    .option('--slurm <dir>', 'write a Slurm bundle in DIR (on the shared file system) and submit it as one job array instead of running here (docs/scale-out.md)')
    .option('--shards <n>', `with --slurm: array tasks, one shard notebook each (default: one per run, at most ${DEFAULT_MAX_SHARDS})`)
    .option('--partition <p>', 'with --slurm: sbatch --partition')
    .option('--time <hh:mm:ss>', 'with --slurm: sbatch --time, per task')
    .option('--mem-per-cpu <m>', 'with --slurm: sbatch --mem-per-cpu (e.g. 2G)')
    .option('--throttle <k>', "with --slurm: at most K tasks at once (the array's %K)")
    .option('--sbatch-arg <arg>', 'with --slurm: one more sbatch option, e.g. --sbatch-arg=--account=lab (repeatable)', collect, [])
    .option('--dry-run', 'with --slurm: write the bundle and print the sbatch script; submit nothing')
    .option('--force', 'with --slurm: replace a bundle of another sweep in DIR (its shards are deleted)')
}

function positiveInt(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1) fail(`${name}: expected an integer ≥ 1, got "${text}"`)
  return n
}

/** `sweep SWEEP.json --slurm DIR`: validate, write the bundle, submit (or print the script with --dry-run). */
export async function sweepOnSlurm(file: string, raw: unknown, opts: SweepSlurmOptions): Promise<void> {
  const dir = path.resolve(opts.slurm!)
  const shards = positiveInt('--shards', opts.shards)
  const sbatch: SbatchOptions = { partition: opts.partition, time: opts.time, memPerCpu: opts.memPerCpu, throttle: positiveInt('--throttle', opts.throttle), args: opts.sbatchArg }
  let written: ReturnType<typeof writeBundle>
  try {
    written = writeBundle(dir, raw, { shards, sbatch, force: opts.force, defaultMaxShards: DEFAULT_MAX_SHARDS })
  } catch (e) {
    const err = e as Error & { field?: string; issues?: { path: PropertyKey[]; message: string }[] }
    if (err.issues) {
      const key = String(err.issues[0].path[0])
      fail(`--${key === 'args' ? 'sbatch-arg' : key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}: ${err.issues[0].message}`)
    }
    fail(`${file}: ${err.message}`)
  }
  const m = written.manifest
  if (opts.dryRun) {
    process.stderr.write(`wrote ${dir}: ${m.runs} runs in ${m.shards} tasks; submit with: sbatch ${path.join(dir, 'sweep.sbatch')}\n`)
    process.stdout.write(written.script)
    return
  }
  try {
    const job = await submitBundle(dir)
    process.stderr.write(`submitted job array ${job.jobId} (--array=${job.array}): ${m.runs} runs in ${m.shards} tasks; follow with: rram-workbench slurm status ${dir}\n`)
    process.stdout.write(`${job.jobId}\n`)
  } catch (e) {
    fail(`${(e as Error).message}; the bundle is written: submit it on the cluster's login node with sbatch ${path.join(dir, 'sweep.sbatch')}`)
  }
}

/** `slurm shard|status|merge`: the array tasks' entry point, and what the user runs on the login node. */
export function registerSlurm(program: Command): void {
  const slurm = program.command('slurm').description('sweeps on a Slurm cluster: the array task, its status, merging its shards (docs/scale-out.md)')

  slurm
    .command('shard')
    .description('run one array task of a bundle into DIR/shards/NNNN.sqlite (what sweep.sbatch runs)')
    .argument('<dir>', 'the bundle folder')
    .requiredOption('--task <n>', 'the task index (SLURM_ARRAY_TASK_ID)')
    .option('--workers <n>', 'worker threads (default: SLURM_CPUS_PER_TASK, else 1)')
    .action(async (dir: string, opts: { task: string; workers?: string }) => {
      const task = Number(opts.task)
      if (!Number.isInteger(task) || task < 0) fail(`--task: expected an integer ≥ 0, got "${opts.task}"`)
      try {
        await runShard(dir, task, { workers: positiveInt('--workers', opts.workers), log: (l) => process.stderr.write(l + '\n') })
      } catch (e) {
        fail(`task ${task}: ${(e as Error).message}`)
      }
    })

  slurm
    .command('status')
    .description('tasks done, running, pending, failed, missing or unsubmitted (squeue where reachable, and the shard files)')
    .argument('<dir>', 'the bundle folder')
    .option('--json', 'print the status as JSON')
    .action(async (dir: string, opts: { json?: boolean }) => {
      try {
        const s = await bundleStatus(dir)
        process.stdout.write((opts.json ? JSON.stringify(s) : formatStatus(s)) + '\n')
      } catch (e) {
        fail((e as Error).message)
      }
    })

  slurm
    .command('merge')
    .description('check the finished shards and merge them into the notebook as one sweep (twice adds nothing)')
    .argument('<dir>', 'the bundle folder')
    .option('--db <file>', 'SQLite lab notebook (created if missing)', defaultDbFile())
    .option('--resubmit', 'then (re)submit only the failed, missing and unsubmitted tasks (sbatch --array=LIST)')
    .option('--json', 'print the merge report as JSON')
    .action(async (dir: string, opts: { db: string; resubmit?: boolean; json?: boolean }) => {
      if (!fs.existsSync(path.join(dir, 'bundle.json'))) fail(`${dir} holds no Slurm bundle (no bundle.json)`)
      let report: ReturnType<typeof mergeShards>
      try {
        fs.mkdirSync(path.dirname(path.resolve(opts.db)), { recursive: true })
        const db = openLabDatabase(opts.db)
        try {
          report = mergeShards(db, dir)
        } finally {
          db.close()
        }
      } catch (e) {
        fail((e as Error).message)
      }
      let resubmitted: Awaited<ReturnType<typeof resubmitMissing>> = null
      if (opts.resubmit) {
        try {
          resubmitted = await resubmitMissing(dir)
        } catch (e) {
          fail(`merged ${report.runsAdded} runs, then: ${(e as Error).message}`)
        }
      }
      if (opts.json) process.stdout.write(JSON.stringify({ ...report, resubmitted }) + '\n')
      else {
        const { tasksMerged: done, tasksMissing: missing } = report
        process.stdout.write(
          `${report.name}: ${done.length} of ${done.length + missing.length} shards in ${opts.db}; added ${report.runsAdded} runs, ${report.trialsAdded} trials` +
            (report.runsAlreadyMerged ? ` (${report.runsAlreadyMerged} runs were already merged)` : '') +
            ` in ${(report.ms / 1000).toFixed(2)} s\n`
        )
        if (missing.length) process.stdout.write(`not finished: tasks ${missing.join(', ')}\n`)
        if (resubmitted) process.stdout.write(`resubmitted tasks ${resubmitted.tasks.join(', ')} as job ${resubmitted.jobId}\n`)
        else if (opts.resubmit) process.stdout.write('nothing to resubmit\n')
      }
    })
}
