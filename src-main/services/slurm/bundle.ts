import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { APP_VERSION } from '../../app-info'
import { prepareRunSpec } from '../runs/spec-adapter'
import { sweepCells } from '../runs/sweep-runner'
import { InputError } from '../errors'
import { StoreError } from '../store/errors'

/**
 * A Slurm bundle: a folder on the cluster's shared file system that holds everything the array
 * tasks need — the validated sweep, its hash, which (cell, seed) runs each task makes, the sbatch
 * script — and, as the tasks finish, one shard notebook per task in `shards/`.
 *
 *   DIR/bundle.json    the manifest below
 *   DIR/sweep.json     the sweep as given (what the merged `sweeps` row stores)
 *   DIR/sweep.sbatch   one job array, one task per shard
 *   DIR/jobs.json      every submission: job id, array list, time
 *   DIR/shards/NNNN.sqlite       a finished task's notebook (written to a temporary name, then renamed)
 *   DIR/shards/NNNN.failed.json  a task that ended with an error: the error and its host
 *   DIR/logs/%A_%a.out           the tasks' stdout and stderr
 */
export const BUNDLE_FORMAT = 1

export const sbatchOptionsSchema = z.strictObject({
  partition: z
    .string()
    .regex(/^[\w.,-]+$/, { message: 'expected a partition name like "compute"' })
    .optional(),
  time: z
    .string()
    .regex(/^(\d+-)?\d{1,2}(:\d{2}){0,2}$/, { message: 'expected a Slurm time like 02:00:00 or 1-12:00:00' })
    .optional(),
  memPerCpu: z
    .string()
    .regex(/^\d+[KMGT]?$/, { message: 'expected a memory size like 2G or 1500M' })
    .optional(),
  /** At most this many array tasks at once (sbatch's `%` throttle). */
  throttle: z.number().int().min(1).max(100_000).optional(),
  /** Further sbatch options, each one argument as sbatch takes it (e.g. "--account=lab", "--qos=short"). */
  args: z
    .array(
      z
        .string()
        .regex(/^--?[A-Za-z]/, { message: 'expected an sbatch option starting with - or --' })
        .max(300)
    )
    .max(50)
    .default([])
})
export type SbatchOptions = z.infer<typeof sbatchOptionsSchema>

export const manifestSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  sweepId: z.string().min(1).max(100),
  /** sha256 of the sweep's canonical JSON (keys sorted): what shards and merges are checked against. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string(),
  createdAt: z.string(),
  appVersion: z.string(),
  cells: z.number().int().min(1),
  seedsPerCell: z.number().int().min(1),
  runs: z.number().int().min(1),
  shards: z.number().int().min(1),
  /** Per task, its runs as [cell index, seed]. */
  tasks: z.array(z.array(z.tuple([z.number().int().min(0), z.number().int()]))),
  node: z.string(),
  cli: z.string(),
  sbatch: sbatchOptionsSchema
})
export type BundleManifest = z.infer<typeof manifestSchema>

export interface JobSubmission {
  jobId: string
  /** The --array list submitted ("0-3%2", "1,3"). */
  array: string
  at: string
}

/** JSON with object keys sorted at every level: the same sweep always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`
  return JSON.stringify(value)
}

export function sweepHash(raw: unknown): string {
  return createHash('sha256').update(canonicalJson(raw)).digest('hex')
}

/**
 * Which runs each task makes: the sweep's runs in the local runner's order (seed 1 of every cell,
 * then seed 2, …), dealt round-robin to the tasks — deterministic, and every task gets about the
 * same mix of cells (so the same work when cells differ in cost).
 */
export function planTasks(cells: { index: number; seeds: number[] }[], shards: number): [number, number][][] {
  const tasks: [number, number][][] = Array.from({ length: shards }, () => [])
  const maxSeeds = Math.max(0, ...cells.map((c) => c.seeds.length))
  let i = 0
  for (let s = 0; s < maxSeeds; s++)
    for (const c of cells)
      if (s < c.seeds.length) {
        tasks[i % shards].push([c.index, c.seeds[s]])
        i++
      }
  return tasks
}

/** The shard file of a task: `shards/0007.sqlite`. */
export function shardFile(dir: string, task: number): string {
  return path.join(dir, 'shards', `${String(task).padStart(4, '0')}.sqlite`)
}
export function failedFile(dir: string, task: number): string {
  return path.join(dir, 'shards', `${String(task).padStart(4, '0')}.failed.json`)
}

/** The sweep's title as the local runner names it. */
export function sweepTitle(raw: unknown): string {
  const name = (raw as { name?: unknown }).name
  return typeof name === 'string' && name.trim() ? name.trim().slice(0, 150) : 'sweep'
}

/** Read a bundle's manifest and sweep; a folder without one, or a damaged one, is an error naming the file. */
export function readBundle(dir: string): { manifest: BundleManifest; raw: unknown } {
  const file = path.join(dir, 'bundle.json')
  if (!fs.existsSync(file)) throw new StoreError('not-found', `${dir} holds no Slurm bundle (no bundle.json): write one with \`sweep SWEEP.json --slurm ${dir}\``, 'dir')
  let manifest: BundleManifest
  let raw: unknown
  try {
    manifest = manifestSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')))
    raw = JSON.parse(fs.readFileSync(path.join(dir, 'sweep.json'), 'utf8'))
  } catch (e) {
    throw new InputError(`${file}: not a bundle of this version (${(e as Error).message.split('\n')[0]})`, 'dir')
  }
  if (sweepHash(raw) !== manifest.hash) throw new InputError(`${path.join(dir, 'sweep.json')} does not match the hash in bundle.json: the bundle was edited`, 'dir')
  if (manifest.tasks.length !== manifest.shards) throw new InputError(`${file}: ${manifest.tasks.length} task lists for ${manifest.shards} shards`, 'dir')
  return { manifest, raw }
}

export function readJobs(dir: string): JobSubmission[] {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'jobs.json'), 'utf8')) as JobSubmission[]
  } catch {
    return []
  }
}

/** Write a file whole or not at all: a temporary file beside it, fsync, rename. */
export function writeFileAtomic(file: string, text: string, mode?: number): void {
  const tmp = `${file}.${process.pid}.tmp`
  const fd = fs.openSync(tmp, 'w', mode)
  try {
    fs.writeFileSync(fd, text)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  fs.renameSync(tmp, file)
}

export function recordJob(dir: string, job: JobSubmission): void {
  writeFileAtomic(path.join(dir, 'jobs.json'), JSON.stringify([...readJobs(dir), job], null, 2) + '\n')
}

/** The CLI this process runs from (out/main/cli.js), so the tasks run the same build on this host. */
export function cliEntry(dir: string = __dirname): string {
  for (const candidate of [path.join(dir, 'cli.js'), path.join(dir, '..', 'cli.js'), path.resolve(dir, '..', '..', '..', 'out', 'main', 'cli.js')]) if (fs.existsSync(candidate)) return candidate
  throw new InputError(`the built CLI is missing: no cli.js near ${dir} (run npm run build)`, 'cli')
}

/** A shell word: single-quoted unless plainly safe. */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`
}

/** The --array list of tasks: "0-3", "1,3,7-9", plus the throttle ("%2"). */
export function arrayList(tasks: readonly number[], throttle?: number): string {
  const sorted = [...new Set(tasks)].sort((a, b) => a - b)
  const parts: string[] = []
  for (let i = 0; i < sorted.length;) {
    let j = i
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`)
    i = j + 1
  }
  return parts.join(',') + (throttle ? `%${throttle}` : '')
}

/** The sbatch script of a bundle: one job array; every task runs `slurm shard DIR --task N` with this node and this CLI. */
export function sbatchScript(dir: string, m: BundleManifest): string {
  const o = m.sbatch
  const lines = [
    '#!/bin/bash',
    `# rram-workbench ${m.appVersion}: sweep "${m.name.replace(/[\r\n]/g, ' ')}", ${m.runs} runs in ${m.shards} array tasks`,
    `# sweep ${m.sweepId}, hash ${m.hash}`,
    `#SBATCH --job-name=${shellQuote(`rram-${m.sweepId.slice(0, 8)}`)}`,
    `#SBATCH --array=${arrayList(
      m.tasks.map((_, i) => i),
      o.throttle
    )}`,
    `#SBATCH --output=${shellQuote(path.join(dir, 'logs', '%A_%a.out'))}`,
    '#SBATCH --ntasks=1',
    ...(o.partition ? [`#SBATCH --partition=${o.partition}`] : []),
    ...(o.time ? [`#SBATCH --time=${o.time}`] : []),
    ...(o.memPerCpu ? [`#SBATCH --mem-per-cpu=${o.memPerCpu}`] : []),
    ...o.args.map((a) => `#SBATCH ${a}`),
    '',
    '# The node and the CLI that wrote this bundle (absolute paths: the tasks run the same build).',
    'export ELECTRON_RUN_AS_NODE=1',
    `exec ${shellQuote(m.node)} ${shellQuote(m.cli)} slurm shard ${shellQuote(dir)} --task "$SLURM_ARRAY_TASK_ID"`,
    ''
  ]
  return lines.join('\n')
}

export interface WriteBundleOptions {
  /** Array tasks; default one per run, at most defaultMaxShards. */
  shards?: number
  defaultMaxShards?: number
  sbatch: SbatchOptions
  force?: boolean
  node?: string
  cli?: string
}

/**
 * Validate the sweep, then write its bundle in `dir`. Nothing is written for an invalid sweep. A
 * folder holding another sweep's bundle (or the same sweep dealt to another number of shards) is
 * refused unless `force`, which also removes its shards. The same sweep again keeps its id and its
 * finished shards.
 */
export function writeBundle(dirIn: string, raw: unknown, options: WriteBundleOptions): { dir: string; manifest: BundleManifest; script: string; reused: boolean } {
  const dir = path.resolve(dirIn)
  const cells = sweepCells(raw) // throws an input error naming the field
  // Every cell as the runs service will take it (presets, environments), before anything is written;
  // sweepCells validated each cell's spec with the core's schema.
  for (const c of cells) prepareRunSpec(c.specs[0], {}, `cell ${c.index}`)
  const sbatch = sbatchOptionsSchema.parse(options.sbatch)
  const runs = cells.reduce((a, c) => a + c.specs.length, 0)
  const shards = options.shards ?? Math.min(runs, options.defaultMaxShards ?? 100)
  if (!Number.isInteger(shards) || shards < 1) throw new InputError(`shards: expected an integer ≥ 1, got ${shards}`, 'shards')
  if (shards > runs) throw new InputError(`shards: ${shards} shards for ${runs} runs: at most one shard per run`, 'shards')
  const hash = sweepHash(raw)
  let previous: BundleManifest | null = null
  if (fs.existsSync(path.join(dir, 'bundle.json'))) {
    try {
      previous = readBundle(dir).manifest
    } catch {
      previous = null
    }
    const same = previous !== null && previous.hash === hash && previous.shards === shards
    if (!same && !options.force)
      throw new StoreError(
        'conflict',
        previous && previous.hash === hash
          ? `${dir} holds this sweep's bundle in ${previous.shards} shards, not ${shards}: use another folder, or --force to replace it (its shards are deleted)`
          : `${dir} holds another sweep's bundle${previous ? ` ("${previous.name}")` : ''}: use another folder, or --force to replace it (its shards are deleted)`,
        'dir'
      )
    if (!same) {
      fs.rmSync(path.join(dir, 'shards'), { recursive: true, force: true })
      fs.rmSync(path.join(dir, 'jobs.json'), { force: true })
      previous = null
    }
  } else if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0 && !options.force) {
    throw new StoreError('conflict', `${dir} is not empty and holds no bundle: use an empty or new folder, or --force`, 'dir')
  }
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    sweepId: previous?.sweepId ?? randomUUID(),
    hash,
    name: sweepTitle(raw),
    createdAt: previous?.createdAt ?? new Date().toISOString(),
    appVersion: APP_VERSION,
    cells: cells.length,
    seedsPerCell: cells[0]?.specs.length ?? 1,
    runs,
    shards,
    tasks: planTasks(
      cells.map((c) => ({ index: c.index, seeds: c.specs.map((s) => s.seed) })),
      shards
    ),
    node: path.resolve(options.node ?? process.execPath),
    cli: path.resolve(options.cli ?? cliEntry()),
    sbatch
  }
  fs.mkdirSync(path.join(dir, 'shards'), { recursive: true })
  fs.mkdirSync(path.join(dir, 'logs'), { recursive: true })
  writeFileAtomic(path.join(dir, 'sweep.json'), JSON.stringify(raw, null, 2) + '\n')
  writeFileAtomic(path.join(dir, 'bundle.json'), JSON.stringify(manifest, null, 2) + '\n')
  const script = sbatchScript(dir, manifest)
  writeFileAtomic(path.join(dir, 'sweep.sbatch'), script, 0o755)
  return { dir, manifest, script, reused: previous !== null }
}
