import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import BetterSqlite3 from 'better-sqlite3'
import { APP_VERSION } from '../../app-info'
import { Services } from '..'
import { sweepCells } from '../runs/sweep-runner'
import { SweepsRepo } from '../store/sweeps-repo'
import { InputError } from '../errors'
import { failedFile, readBundle, shardFile, writeFileAtomic, type BundleManifest } from './bundle'

/** What a shard notebook says about itself (table `slurm_shard`, one JSON row): checked by status and merge. */
export interface ShardInfo {
  format: 1
  sweepId: string
  hash: string
  task: number
  runs: number
  trials: number
  /** SLURM_ARRAY_JOB_ID, SLURM_JOB_ID, SLURM_CLUSTER_NAME of the task (null outside Slurm). */
  arrayJobId: string | null
  jobId: string | null
  cluster: string | null
  host: string
  appVersion: string
  node: string
  startedAt: string
  finishedAt: string
  /** From the start of the process to the first trial stored, and to the end (ms). */
  firstTrialMs: number | null
  totalMs: number
  /** CPU time of the process (all threads) at the first trial and at the end (ms): what load on the node does not inflate. */
  firstTrialCpuMs: number | null
  cpuMs: number
}

export const SHARD_INFO_TABLE = 'slurm_shard'

/** The run requests of a sweep's cells, named and grouped as the local runner names them (same groups, so merged runs join the same sweep). */
export function cellRequest(title: string, sweepId: string, cell: { index: number; values: Record<string, unknown> }) {
  const where = Object.entries(cell.values)
    .map(([p, v]) => `${p.split('.').at(-1)}=${JSON.stringify(v)}`)
    .join(', ')
    .slice(0, 120)
  return { name: `${title} · ${where}`, seeds: 1, lean: true, kind: 'sweep' as const, tags: ['sweep'], groupId: `${sweepId}#${cell.index}` }
}

export interface ShardResult {
  file: string
  info: ShardInfo
  skipped: boolean
}

/**
 * One array task: run its (cell, seed) runs on this node's worker pool (SLURM_CPUS_PER_TASK threads,
 * else one) into a fresh notebook under a temporary name, then rename it to `shards/NNNN.sqlite`: a
 * task killed or preempted leaves no shard, only a temporary file the next attempt replaces.
 * A shard already there is kept (a resubmitted task that had finished does nothing).
 */
export async function runShard(dirIn: string, task: number, options: { workers?: number; env?: NodeJS.ProcessEnv; log?: (line: string) => void } = {}): Promise<ShardResult> {
  const env = options.env ?? process.env
  const log = options.log ?? (() => {})
  const dir = path.resolve(dirIn)
  const { manifest, raw } = readBundle(dir)
  if (!Number.isInteger(task) || task < 0 || task >= manifest.shards) throw new InputError(`--task: expected 0 … ${manifest.shards - 1} for this bundle, got ${task}`, 'task')
  const file = shardFile(dir, task)
  if (fs.existsSync(file)) {
    const info = readShardInfo(file)
    if (info && info.hash === manifest.hash) {
      log(`${path.basename(file)} is already there: nothing to do`)
      return { file, info, skipped: true }
    }
  }
  const started = new Date(Date.now() - performance.now()).toISOString()
  const jobId = env.SLURM_JOB_ID ?? null
  const tmp = path.join(dir, 'shards', `.${String(task).padStart(4, '0')}.${jobId ?? process.pid}.tmp.sqlite`)
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true })
  fs.rmSync(failedFile(dir, task), { force: true })
  const workers = options.workers ?? (Number(env.SLURM_CPUS_PER_TASK) || 1)
  try {
    const info = await runInto(tmp, manifest, raw, task, workers, env, started, log)
    finalizeShard(tmp, info)
    fs.renameSync(tmp, file)
    fsyncDir(path.dirname(file))
    log(`${path.basename(file)}: ${info.runs} runs, ${info.trials} trials in ${(info.totalMs / 1000).toFixed(1)} s on ${info.host}`)
    return { file, info, skipped: false }
  } catch (e) {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true })
    writeFileAtomic(failedFile(dir, task), JSON.stringify({ task, host: os.hostname(), jobId, at: new Date().toISOString(), error: (e as Error).message }) + '\n')
    throw e
  }
}

async function runInto(tmp: string, m: BundleManifest, raw: unknown, task: number, workers: number, env: NodeJS.ProcessEnv, startedAt: string, log: (l: string) => void): Promise<ShardInfo> {
  const cells = sweepCells(raw)
  const services = new Services({ dbFile: tmp, runWorkers: workers })
  let firstTrialMs: number | null = null
  let firstTrialCpuMs: number | null = null
  const off = services.events.on('runs.progress', (p) => {
    if (firstTrialMs === null && p.trial >= 1) {
      firstTrialMs = performance.now()
      firstTrialCpuMs = cpuMs()
    }
  })
  try {
    const title = m.name
    // The sweep row, as the local runner writes it: the merge checks it against the bundle.
    new SweepsRepo(services.store.db).create(m.sweepId, title, raw, cells.length, m.seedsPerCell)
    const parsed = new Map<number, ReturnType<typeof services.runs.prepare>>()
    const items = m.tasks[task].map(([cell, seed]) => {
      const c = cells[cell]
      if (!c) throw new InputError(`bundle.json: task ${task} names cell ${cell}, the sweep has ${cells.length}`, 'dir')
      let p = parsed.get(cell)
      if (!p) parsed.set(cell, (p = services.runs.prepare(c.specs[0], {}, `cell ${cell}`))) // expandSweep validated it
      return { request: { ...cellRequest(title, m.sweepId, c), seed }, parsed: p }
    })
    log(`task ${task}: ${items.length} runs on ${workers} worker${workers > 1 ? 's' : ''} (${os.hostname()})`)
    const started = services.runs.startMany(items)
    const ended = await Promise.all(started.map(([run]) => services.runs.whenSettled(run.id)))
    const bad = ended.find((r) => r.status !== 'done')
    if (bad) throw new Error(`run ${bad.name} (seed ${bad.seed}) ${bad.status}${bad.error ? `: ${bad.error}` : ''}`)
    const trials = (services.store.db.prepare('SELECT count(*) FROM trials').pluck().get() as number) ?? 0
    return {
      format: 1,
      sweepId: m.sweepId,
      hash: m.hash,
      task,
      runs: items.length,
      trials,
      arrayJobId: env.SLURM_ARRAY_JOB_ID ?? null,
      jobId: env.SLURM_JOB_ID ?? null,
      cluster: env.SLURM_CLUSTER_NAME ?? null,
      host: os.hostname(),
      appVersion: APP_VERSION,
      node: process.version,
      startedAt,
      finishedAt: new Date().toISOString(),
      firstTrialMs: firstTrialMs === null ? null : Math.round(firstTrialMs),
      totalMs: Math.round(performance.now()),
      firstTrialCpuMs: firstTrialCpuMs === null ? null : Math.round(firstTrialCpuMs),
      cpuMs: Math.round(cpuMs())
    }
  } finally {
    off()
    await services.close()
  }
}

function cpuMs(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

/** Write the shard's own description and make it one self-contained file (no -wal beside it), synced. */
function finalizeShard(file: string, info: ShardInfo): void {
  const db = new BetterSqlite3(file)
  try {
    db.exec(`CREATE TABLE ${SHARD_INFO_TABLE} (info_json TEXT NOT NULL CHECK (json_valid(info_json))) STRICT`)
    db.prepare(`INSERT INTO ${SHARD_INFO_TABLE} (info_json) VALUES (?)`).run(JSON.stringify(info))
    db.pragma('journal_mode = DELETE')
  } finally {
    db.close()
  }
  const fd = fs.openSync(file, 'r+')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r')
    try {
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
  } catch {
    // some file systems refuse fsync on a directory; the rename is still atomic
  }
}

/** A shard's description, or null when the file has none or cannot be read (the merge says why). */
export function readShardInfo(file: string): ShardInfo | null {
  try {
    const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true })
    try {
      const row = db.prepare(`SELECT info_json FROM ${SHARD_INFO_TABLE}`).pluck().get() as string | undefined
      return row ? (JSON.parse(row) as ShardInfo) : null
    } finally {
      db.close()
    }
  } catch {
    return null
  }
}
