import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { WorkerPool, type PoolJob } from './worker-pool'
import { tempDir } from '../store/test-helpers'

// A tiny worker: echoes `start`, then `end`; exits abruptly on `crash`.
const WORKER = `
const { parentPort } = require('node:worker_threads')
parentPort.on('message', (m) => {
  if (m.payload.crash) process.exit(3)
  parentPort.postMessage({ type: 'work', name: m.payload.name })
  parentPort.postMessage({ type: 'end', name: m.payload.name })
})`

function workerFile(): string {
  const file = path.join(tempDir('rram-pool-'), 'echo-worker.js')
  fs.writeFileSync(file, WORKER)
  return file
}

type Msg = { type: string; name?: string }

function job(name: string, log: string[], extra: Record<string, unknown> = {}): { job: PoolJob<Msg>; done: Promise<string> } {
  let resolve!: (v: string) => void
  const done = new Promise<string>((r) => (resolve = r))
  return {
    done,
    job: {
      payload: { name, ...extra },
      onStart: () => log.push(`start ${name}`),
      onMessage: (m) => {
        log.push(`${m.type} ${name}`)
        if (m.type === 'end') resolve('end')
      },
      onCrash: (e) => {
        log.push(`crash ${name}`)
        resolve(`crash: ${e.message}`)
      }
    }
  }
}

describe('WorkerPool', () => {
  it('runs a worker’s jobs one after the other, each started before its messages', async () => {
    const pool = new WorkerPool({ size: 1, workerFile: workerFile() })
    const log: string[] = []
    const jobs = ['a', 'b', 'c'].map((n) => job(n, log))
    jobs.forEach((j) => pool.submit(j.job))
    await Promise.all(jobs.map((j) => j.done))
    await pool.close()
    expect(log).toEqual(['start a', 'work a', 'end a', 'start b', 'work b', 'end b', 'start c', 'work c', 'end c'])
  })

  it('starts jobs queued ahead before the waiting ones, in the order they were queued ahead', async () => {
    const pool = new WorkerPool({ size: 1, workerFile: workerFile() })
    const log: string[] = []
    // a runs and b is posted ahead to the worker; c and d wait; e and f, queued ahead, pass them.
    const jobs = ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => job(n, log))
    jobs.forEach((j, k) => pool.submit(j.job, k >= 4))
    await Promise.all(jobs.map((j) => j.done))
    await pool.close()
    expect(log.filter((l) => l.startsWith('start'))).toEqual(['start a', 'start b', 'start e', 'start f', 'start c', 'start d'])
  })

  it('fails only the running job when its worker dies; the job posted ahead runs on a new worker', async () => {
    const pool = new WorkerPool({ size: 1, workerFile: workerFile() })
    const log: string[] = []
    const bad = job('bad', log, { crash: true })
    const next = job('next', log)
    pool.submit(bad.job)
    pool.submit(next.job)
    expect(await bad.done).toMatch(/^crash: the run worker stopped \(exit code 3\)/)
    expect(await next.done).toBe('end')
    await pool.close()
    expect(log.filter((l) => l.endsWith('next'))).toEqual(['start next', 'work next', 'end next'])
  })

  it('withdraws a job that is still in the queue, not one a worker has', async () => {
    const pool = new WorkerPool({ size: 1, workerFile: workerFile() })
    const log: string[] = []
    const [a, b, c] = ['a', 'b', 'c'].map((n) => job(n, log))
    pool.submit(a.job) // running
    pool.submit(b.job) // posted ahead to the worker
    pool.submit(c.job) // waiting in the queue
    expect(pool.withdraw(c.job)).toBe(true)
    expect(pool.withdraw(a.job)).toBe(false)
    await Promise.all([a.done, b.done])
    await pool.close()
    expect(log.some((l) => l.endsWith(' c'))).toBe(false)
  })
})
