import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3, { type Database } from 'better-sqlite3'
import { AuditLog } from '../store/audit-log'
import { StoreError } from '../store/errors'
import { readBundle, shardFile, sweepHash, type BundleManifest } from './bundle'
import { readShardInfo, type ShardInfo } from './shard-runner'

export interface MergeReport {
  sweepId: string
  name: string
  /** Tasks whose shard was checked and is in the notebook now (merged by this call or before). */
  tasksMerged: number[]
  /** Tasks with no shard yet. */
  tasksMissing: number[]
  runsAdded: number
  trialsAdded: number
  /** Runs of the shards already in the notebook (an earlier merge): left as they are. */
  runsAlreadyMerged: number
  /** Time checking the shards, and in all (ms). */
  checkMs: number
  ms: number
}

/** Trial rows per INSERT statement (as the runs repository does): one statement call per 50 rows. */
const ROWS_PER_INSERT = 50

interface CheckedShard {
  task: number
  file: string
  info: ShardInfo
}

/**
 * Check one shard before anything is written: SQLite's integrity check, the schema version, its
 * description (the sweep's id and hash, the task), and its runs — exactly the task's (cell, seed)
 * runs, each done with all its planned trials. A failure names the file.
 */
function checkShard(file: string, task: number, m: BundleManifest, schemaVersion: number): CheckedShard {
  const name = path.join('shards', path.basename(file))
  const refuse = (why: string): never => {
    const oneLine = why.replace(/\s*\n\s*/g, '; ').slice(0, 300)
    throw new StoreError('corrupt', `${name}: ${oneLine}; nothing was merged (delete the file and resubmit its task with \`slurm merge --resubmit\`)`, 'shards')
  }
  let db: Database
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true })
  } catch (e) {
    return refuse(`cannot be opened (${(e as Error).message})`)
  }
  try {
    let check: unknown
    let version: number
    try {
      check = db.pragma('integrity_check', { simple: true })
      version = db.pragma('user_version', { simple: true }) as number
    } catch (e) {
      return refuse(`is not a readable SQLite file (${(e as Error).message})`)
    }
    if (check !== 'ok') refuse(`failed SQLite's integrity check (${String(check).slice(0, 200)})`)
    if (version !== schemaVersion) refuse(`has schema version ${version}, the notebook ${schemaVersion}: merge with the version of rram-workbench that ran the tasks`)
    const info = readShardInfo(file)
    if (!info) refuse('has no shard description (not written by `slurm shard`)')
    if (info!.hash !== m.hash || info!.sweepId !== m.sweepId)
      throw new StoreError('conflict', `${name} belongs to another sweep (hash ${info!.hash.slice(0, 12)}…, this bundle's ${m.hash.slice(0, 12)}…); nothing was merged`, 'shards')
    if (info!.task !== task) refuse(`was written by task ${info!.task}, not ${task}`)
    const expected = new Set(m.tasks[task].map(([cell, seed]) => `${m.sweepId}#${cell}|${seed}`))
    const runs = db
      .prepare(`SELECT r.group_id AS g, r.seed AS seed, r.status AS status, r.trials_planned AS planned, (SELECT count(*) FROM trials t WHERE t.run_id = r.id) AS n FROM runs r`)
      .all() as { g: string; seed: number; status: string; planned: number | null; n: number }[]
    if (runs.length !== expected.size) refuse(`holds ${runs.length} runs, its task has ${expected.size}`)
    for (const r of runs) {
      if (!expected.delete(`${r.g}|${r.seed}`)) refuse(`holds a run (group ${r.g}, seed ${r.seed}) its task does not make`)
      if (r.status !== 'done') refuse(`its run of group ${r.g}, seed ${r.seed} is ${r.status}`)
      if (r.planned !== null && r.n !== r.planned) refuse(`its run of group ${r.g}, seed ${r.seed} has ${r.n} of ${r.planned} trials`)
    }
    return { task, file, info: info! }
  } finally {
    db.close()
  }
}

/** The columns of a table, from the notebook's own schema (identifiers, never input). */
function columns(db: Database, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).filter((c) => c !== 'id')
}

/**
 * Merge a bundle's finished shards into the lab notebook as one sweep (the id the bundle gave it):
 * every shard is checked first, then the sweep row, the runs (tagged `slurm`, their notes naming the
 * cluster, job and host) and their trials go in in one transaction, with one audit entry holding the
 * provenance. Runs already merged are skipped, so merging twice adds nothing.
 */
export function mergeShards(db: Database, dirIn: string, options: { actor?: string } = {}): MergeReport {
  const t0 = performance.now()
  const dir = path.resolve(dirIn)
  const { manifest: m, raw } = readBundle(dir)
  const schemaVersion = db.pragma('user_version', { simple: true }) as number
  const present: number[] = []
  const tasksMissing: number[] = []
  m.tasks.forEach((_, task) => (fs.existsSync(shardFile(dir, task)) ? present : tasksMissing).push(task))
  const existing = db.prepare('SELECT spec_json FROM sweeps WHERE id = ?').pluck().get(m.sweepId) as string | undefined
  if (existing !== undefined && sweepHash(JSON.parse(existing)) !== m.hash)
    throw new StoreError('conflict', `the notebook's sweep ${m.sweepId} has another spec than this bundle; nothing was merged`, 'dir')
  const merged = new Set(db.prepare(`SELECT group_id || '|' || seed FROM runs WHERE group_id >= ? || '#' AND group_id < ? || '$'`).pluck().all(m.sweepId, m.sweepId) as string[])
  // A shard whose runs are all in the notebook already is not read again (merging in rounds stays cheap).
  let runsAlreadyMerged = 0
  const toRead = present.filter((task) => {
    const done = m.tasks[task].every(([cell, seed]) => merged.has(`${m.sweepId}#${cell}|${seed}`))
    if (done) runsAlreadyMerged += m.tasks[task].length
    return !done
  })
  const shards = toRead.map((task) => checkShard(shardFile(dir, task), task, m, schemaVersion))
  const checkMs = Math.round(performance.now() - t0)

  const runCols = columns(db, 'runs').filter((c) => c !== 'notes' && c !== 'tags_json')
  const trialCols = columns(db, 'trials').filter((c) => c !== 'run_id')
  const insertRun = db.prepare(`INSERT INTO runs (${runCols.join(', ')}, notes, tags_json) VALUES (${runCols.map(() => '?').join(', ')}, ?, ?)`)
  const rowSql = `(?, ${trialCols.map(() => '?').join(', ')})`
  const insertTrials = (rows: number) => db.prepare(`INSERT INTO trials (run_id, ${trialCols.join(', ')}) VALUES ${new Array(rows).fill(rowSql).join(', ')}`)
  const insertFull = insertTrials(ROWS_PER_INSERT)
  const width = trialCols.length + 1
  const audit = new AuditLog(db)
  let runsAdded = 0
  let trialsAdded = 0
  const provenance: { task: number; cluster: string | null; arrayJobId: string | null; jobId: string | null; host: string; runs: number }[] = []

  db.transaction(() => {
    if (existing === undefined)
      db.prepare('INSERT INTO sweeps (id, name, spec_json, cells, seeds, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(m.sweepId, m.name, JSON.stringify(raw), m.cells, m.seedsPerCell, m.createdAt)
    for (const s of shards) {
      const src = new BetterSqlite3(s.file, { readonly: true, fileMustExist: true })
      try {
        const where = `slurm: cluster ${s.info.cluster ?? '?'}, job ${s.info.arrayJobId ?? '?'}_${s.task} (${s.info.jobId ?? '?'}), host ${s.info.host}`
        const newId = new Map<number, number>()
        let added = 0
        for (const row of src
          .prepare(`SELECT id, ${runCols.join(', ')}, notes, tags_json FROM runs ORDER BY id`)
          .raw()
          .iterate() as IterableIterator<unknown[]>) {
          const values = row.slice(1, 1 + runCols.length)
          const key = `${values[runCols.indexOf('group_id')] as string}|${values[runCols.indexOf('seed')] as number}`
          if (merged.has(key)) {
            runsAlreadyMerged++
            continue
          }
          const notes = [row[1 + runCols.length] as string, where].filter(Boolean).join('\n')
          const tags = [...new Set([...(JSON.parse(row[2 + runCols.length] as string) as string[]), 'slurm'])]
          newId.set(row[0] as number, Number(insertRun.run(...values, notes, JSON.stringify(tags)).lastInsertRowid))
          merged.add(key)
          added++
        }
        if (added > 0) {
          const params = new Array<unknown>(ROWS_PER_INSERT * width)
          let n = 0
          for (const row of src
            .prepare(`SELECT run_id, ${trialCols.join(', ')} FROM trials ORDER BY run_id, trial`)
            .raw()
            .iterate() as IterableIterator<unknown[]>) {
            const id = newId.get(row[0] as number)
            if (id === undefined) continue
            row[0] = id
            for (let k = 0; k < width; k++) params[n * width + k] = row[k]
            if (++n === ROWS_PER_INSERT) {
              insertFull.run(params)
              n = 0
            }
            trialsAdded++
          }
          if (n > 0) insertTrials(n).run(params.slice(0, n * width))
          provenance.push({ task: s.task, cluster: s.info.cluster, arrayJobId: s.info.arrayJobId, jobId: s.info.jobId, host: s.info.host, runs: added })
        }
        runsAdded += added
      } finally {
        src.close()
      }
    }
    if (runsAdded > 0) audit.record(options.actor ?? 'slurm merge', 'merge', 'sweep', m.sweepId, { bundle: dir, hash: m.hash, runs: runsAdded, trials: trialsAdded, shards: provenance })
  })()

  return { sweepId: m.sweepId, name: m.name, tasksMerged: present, tasksMissing, runsAdded, trialsAdded, runsAlreadyMerged, checkMs, ms: Math.round(performance.now() - t0) }
}
