import fs from 'node:fs'
import path from 'node:path'
import { failedFile, readBundle, readJobs, shardFile, type JobSubmission } from './bundle'
import { squeueTasks, type QueuedTask } from './slurm-commands'

/**
 * A task's state: `done` (its shard is there), `running`/`pending` (in squeue), `failed` (it ended
 * with an error it reported, in `shards/NNNN.failed.json`), `missing` (not done and no longer queued:
 * cancelled, killed, timed out, lost), `unsubmitted` (the bundle was never submitted: written with
 * --dry-run or where sbatch is not), `unknown` (not done, squeue unreachable).
 * `slurm merge --resubmit` submits the failed, missing and unsubmitted ones.
 */
export type TaskState = 'done' | 'running' | 'pending' | 'failed' | 'missing' | 'unsubmitted' | 'unknown'

export interface TaskStatus {
  task: number
  state: TaskState
  jobId: string | null
  node: string | null
  /** squeue's state or reason ("JobArrayTaskLimit", "CA"), or the error a failed task reported. */
  detail: string | null
}

export interface BundleStatus {
  dir: string
  sweepId: string
  name: string
  hash: string
  runs: number
  shards: number
  jobs: JobSubmission[]
  counts: Record<TaskState, number>
  tasks: TaskStatus[]
  /** Whether squeue answered (else the states come from the files only). */
  queue: { reachable: boolean; error: string | null }
}

const RUNNING = new Set(['R', 'CG', 'CF', 'S', 'ST', 'RS', 'RQ', 'SO', 'SI', 'RV'])
const PENDING = new Set(['PD', 'RD', 'RF', 'RH'])

export async function bundleStatus(dirIn: string, options: { env?: NodeJS.ProcessEnv } = {}): Promise<BundleStatus> {
  const dir = path.resolve(dirIn)
  const { manifest } = readBundle(dir)
  const jobs = readJobs(dir)
  let queued: QueuedTask[] = []
  let queue: BundleStatus['queue'] = { reachable: true, error: null }
  if (jobs.length > 0) {
    try {
      queued = await squeueTasks(
        jobs.map((j) => j.jobId),
        { env: options.env }
      )
    } catch (e) {
      queue = { reachable: false, error: (e as Error).message }
    }
  }
  // A task resubmitted is in several jobs: its latest job (the highest id squeue still knows) tells.
  const latest = new Map<number, QueuedTask>()
  for (const q of queued) {
    const prev = latest.get(q.task)
    if (!prev || Number(q.jobId) > Number(prev.jobId)) latest.set(q.task, q)
  }
  const tasks: TaskStatus[] = manifest.tasks.map((_, task) => {
    if (fs.existsSync(shardFile(dir, task))) return { task, state: 'done', jobId: latest.get(task)?.jobId ?? null, node: null, detail: null }
    const q = latest.get(task)
    if (q && RUNNING.has(q.state)) return { task, state: 'running', jobId: q.jobId, node: q.node || null, detail: q.state }
    if (q && PENDING.has(q.state)) return { task, state: 'pending', jobId: q.jobId, node: null, detail: q.reason || q.state }
    const failed = readFailed(dir, task)
    if (failed) return { task, state: 'failed', jobId: failed.jobId ?? q?.jobId ?? null, node: failed.host ?? null, detail: failed.error ?? null }
    if (jobs.length === 0) return { task, state: 'unsubmitted', jobId: null, node: null, detail: null }
    if (!queue.reachable) return { task, state: 'unknown', jobId: null, node: null, detail: null }
    return { task, state: 'missing', jobId: q?.jobId ?? null, node: null, detail: q ? q.state : 'not in the queue' }
  })
  const counts: Record<TaskState, number> = { done: 0, running: 0, pending: 0, failed: 0, missing: 0, unsubmitted: 0, unknown: 0 }
  for (const t of tasks) counts[t.state]++
  return { dir, sweepId: manifest.sweepId, name: manifest.name, hash: manifest.hash, runs: manifest.runs, shards: manifest.shards, jobs, counts, tasks, queue }
}

function readFailed(dir: string, task: number): { host?: string; jobId?: string; error?: string } | null {
  try {
    return JSON.parse(fs.readFileSync(failedFile(dir, task), 'utf8')) as { host?: string; jobId?: string; error?: string }
  } catch {
    return null
  }
}

/** One line per state with tasks, for the CLI. */
export function formatStatus(s: BundleStatus): string {
  const lines = [`${s.name}: ${s.runs} runs in ${s.shards} tasks (sweep ${s.sweepId}${s.jobs.length ? `, job ${s.jobs.map((j) => j.jobId).join(', ')}` : ', not submitted'})`]
  for (const state of ['done', 'running', 'pending', 'failed', 'missing', 'unsubmitted', 'unknown'] as const) {
    const list = s.tasks.filter((t) => t.state === state)
    if (list.length === 0) continue
    const shown = list
      .slice(0, 20)
      .map((t) => `${t.task}${t.detail && state !== 'done' ? ` (${t.detail.slice(0, 80)})` : ''}`)
      .join(', ')
    lines.push(`  ${state.padEnd(8)} ${String(list.length).padStart(5)}  ${shown}${list.length > 20 ? ', …' : ''}`)
  }
  if (!s.queue.reachable) lines.push(`  (squeue unreachable: ${s.queue.error}; states from the files only)`)
  return lines.join('\n')
}
