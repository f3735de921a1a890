import fs from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'

/** What a pooled worker posts back: any message of the job, and a final `{ type: 'end' }`. */
export interface WorkerMessage {
  type: string
}

export interface PoolJob<M extends WorkerMessage> {
  /** Sent to the worker as `{ type: 'job', payload }`; must be structured-cloneable. */
  payload: unknown
  /** The job left the queue and a worker has it. */
  onStart?(): void
  onMessage(message: M): void
  /** The worker died (uncaught error, terminated) before posting `end`. */
  onCrash(error: Error): void
}

export interface PoolOptions {
  /** Workers started at most; one per core by default. */
  size: number
  /** Entry file of the worker (a built .js, or a .ts run through tsx during development and tests). */
  workerFile: string
}

interface Slot {
  worker: Worker
  /** jobs[0] runs in the worker; jobs[1], when present, waits in the worker's message queue. */
  jobs: PoolJob<WorkerMessage>[]
}

/**
 * Jobs handed to one worker at once. A worker runs its jobs one after the other (synchronously), so a
 * second job posted ahead starts the moment the first ends, without waiting for main to answer the
 * first one's `end` — on 2 cores main is often busy storing the other worker's trials.
 */
const JOBS_PER_WORKER = 2

/**
 * A fixed-size pool of `worker_threads`: jobs wait in a FIFO queue (or ahead of it) and run one at a time per worker
 * (with the next one posted ahead); a worker that crashes fails its running job, puts its waiting one
 * back at the head of the queue, and is replaced. Workers are started lazily and kept for reuse.
 */
export class WorkerPool {
  private readonly slots: Slot[] = []
  private readonly queue: PoolJob<WorkerMessage>[] = []
  /** Jobs queued with `ahead`. */
  private readonly ahead = new WeakSet<PoolJob<WorkerMessage>>()
  private closed = false

  constructor(private readonly options: PoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) throw new RangeError(`workers: expected an integer ≥ 1, got ${options.size}`)
  }

  get size(): number {
    return this.options.size
  }

  /** Jobs waiting for a free worker. */
  get waiting(): number {
    return this.queue.length
  }

  /**
   * Queue a job; it starts as soon as a worker is free. Returns whether it started at once. `ahead`: before
   * the jobs waiting, after those queued ahead earlier (in their order) — for work that waited on others and
   * should not then wait behind a long queue (a transfer run whose source runs have just finished).
   */
  submit<M extends WorkerMessage>(job: PoolJob<M>, ahead = false): boolean {
    if (this.closed) throw new Error('the worker pool is closed')
    const j = job as unknown as PoolJob<WorkerMessage>
    if (ahead) {
      this.ahead.add(j)
      const k = this.queue.findIndex((q) => !this.ahead.has(q))
      this.queue.splice(k < 0 ? this.queue.length : k, 0, j)
    } else this.queue.push(j)
    const before = this.queue.length
    this.pump()
    return this.queue.length < before
  }

  /** Take a job out of the queue before it starts; false when it already started or is unknown. */
  withdraw(job: PoolJob<WorkerMessage>): boolean {
    const k = this.queue.indexOf(job)
    if (k < 0) return false
    this.queue.splice(k, 1)
    return true
  }

  private pump(): void {
    while (this.queue.length > 0) {
      // An idle worker first, then a new one, then one whose next job is not yet posted ahead.
      let slot = this.slots.find((s) => s.jobs.length === 0)
      if (!slot && this.slots.length < this.options.size) slot = this.spawn()
      if (!slot) slot = this.slots.find((s) => s.jobs.length < JOBS_PER_WORKER)
      if (!slot) return
      const job = this.queue.shift()!
      slot.jobs.push(job)
      slot.worker.postMessage({ type: 'job', payload: job.payload })
      if (slot.jobs.length === 1) job.onStart?.()
    }
  }

  private spawn(): Slot {
    const file = this.options.workerFile
    const execArgv = file.endsWith('.ts') ? ['--require', 'tsx/cjs'] : []
    const worker = new Worker(file, { execArgv })
    const slot: Slot = { worker, jobs: [] }
    worker.on('message', (m: WorkerMessage) => {
      const job = slot.jobs[0]
      if (!job) return
      if (m.type === 'end') slot.jobs.shift()
      try {
        job.onMessage(m)
      } finally {
        if (m.type === 'end') {
          slot.jobs[0]?.onStart?.()
          this.pump()
        }
      }
    })
    const onDeath = (error: Error) => {
      const k = this.slots.indexOf(slot)
      if (k >= 0) this.slots.splice(k, 1)
      const [running, ...waiting] = slot.jobs
      slot.jobs = []
      if (!this.closed) this.queue.unshift(...waiting)
      if (running) running.onCrash(error)
      if (!this.closed) this.pump()
    }
    worker.on('error', onDeath)
    worker.on('exit', (code) => onDeath(new Error(`the run worker stopped (exit code ${code})`)))
    this.slots.push(slot)
    return slot
  }

  /** Stop every worker; queued jobs are dropped, running ones crash with "stopped". */
  async close(): Promise<void> {
    this.closed = true
    this.queue.length = 0
    await Promise.all(this.slots.map((s) => s.worker.terminate()))
  }
}

/**
 * The run worker's entry: beside the bundle that imports this module when built (out/main, or
 * out/main/chunks), else the TypeScript source (tests, tsx scripts).
 */
export function runWorkerFile(dir: string = __dirname): string {
  for (const candidate of [path.join(dir, 'run-worker.js'), path.join(dir, '..', 'run-worker.js')]) {
    if (fs.existsSync(candidate)) return candidate
  }
  const source = path.join(dir, 'run-worker.ts')
  if (fs.existsSync(source)) return source
  throw new Error(`the run worker is missing: no run-worker.js near ${dir} (run npm run build)`)
}
