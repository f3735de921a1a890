import { parentPort } from 'node:worker_threads'
import { runProtocol } from './protocol'
import { CONTROL_CANCEL, CONTROL_PAUSE, type RunJobPayload, type RunWorkerMessage } from './run-messages'
import { nonFiniteField, TrialColumnsBuilder } from '../store/trial-columns'

/**
 * A run worker: runs one job at a time, trial by trial, posting each trial record, live frames and
 * snapshots. Pause blocks between trials on the shared control word (Atomics.wait); cancel stops
 * before the next trial and keeps what was posted.
 */
const port = parentPort
if (!port) throw new Error('run-worker.ts is a worker_threads entry')
const post = (m: RunWorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer)

function runJob(job: RunJobPayload): void {
  const control = new Int32Array(job.control)
  const spec = job.spec
  let lastFrameMs = -Infinity
  const frameDue = () => Date.now() - lastFrameMs >= job.frameIntervalMs
  // Lean jobs: trials as columns, transferred; the last batch rides on `end` (one message less per run).
  const batch = new TrialColumnsBuilder(job.lean ? Math.min(spec.trials, 4096) : 1)
  let batchSinceMs = Date.now()
  const flush = () => {
    const taken = batch.take()
    if (taken) post({ type: 'trialColumns', columns: taken.columns }, taken.transfer)
    batchSinceMs = Date.now()
  }
  const end = (outcome: 'done' | 'cancelled' | 'failed', error?: string) => {
    const taken = batch.take()
    post({ type: 'end', outcome, ...(error === undefined ? {} : { error }), ...(taken ? { columns: taken.columns } : {}) }, taken?.transfer ?? [])
  }
  try {
    const outcome = runProtocol(spec, {
      lean: job.lean,
      initialState: job.initialState,
      onTrial: (record) => {
        if (!job.lean) return post({ type: 'trial', record })
        if (nonFiniteField(record) !== null) {
          // Main fails the run naming the field, keeping the trials before it.
          flush()
          return post({ type: 'trial', record })
        }
        batch.push(record)
        if (Date.now() - batchSinceMs >= 100) flush()
      },
      onState: (trial, layers, stored) => {
        if (job.lean) return
        const due = frameDue() || trial === spec.trials
        if (!stored && !due) return
        const l = layers()
        if (stored) post({ type: 'snapshot', trial, layers: l })
        if (due) {
          lastFrameMs = Date.now()
          post({ type: 'frame', trial, layers: l })
        }
      },
      shouldStop: () => {
        if (Atomics.load(control, 0) === CONTROL_PAUSE) {
          flush() // a paused run shows every trial done so far
          post({ type: 'paused' })
          while (Atomics.load(control, 0) === CONTROL_PAUSE) Atomics.wait(control, 0, CONTROL_PAUSE)
          if (Atomics.load(control, 0) !== CONTROL_CANCEL) post({ type: 'resumed' })
        }
        return Atomics.load(control, 0) === CONTROL_CANCEL
      }
    })
    end(outcome)
  } catch (e) {
    end('failed', e instanceof Error ? e.message : String(e))
  }
}

port.on('message', (m: { type: string; payload: RunJobPayload }) => {
  if (m.type === 'job') runJob(m.payload)
})
