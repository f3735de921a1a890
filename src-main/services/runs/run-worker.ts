import { parentPort } from 'node:worker_threads'
import { runProtocol } from './protocol'
import { CONTROL_CANCEL, CONTROL_PAUSE, type RunJobPayload, type RunWorkerMessage } from './run-messages'
import type { InterimRunSpec } from './spec-adapter'

/**
 * A run worker: runs one job at a time, trial by trial, posting each trial record, live frames and
 * snapshots. Pause blocks between trials on the shared control word (Atomics.wait); cancel stops
 * before the next trial and keeps what was posted.
 */
const port = parentPort
if (!port) throw new Error('run-worker.ts is a worker_threads entry')
const post = (m: RunWorkerMessage) => port.postMessage(m)

function runJob(job: RunJobPayload): void {
  const control = new Int32Array(job.control)
  const last = (job.spec as InterimRunSpec).trials
  const snapshotAt = new Set([...job.snapshotTrials, last])
  let lastFrameMs = -Infinity
  const frameDue = () => Date.now() - lastFrameMs >= job.frameIntervalMs
  try {
    const outcome = runProtocol(job.spec as InterimRunSpec, job.seed, {
      onTrial: (record) => post({ type: 'trial', record }),
      wantsState: (trial) => snapshotAt.has(trial) || frameDue(),
      onState: (trial, layers) => {
        const l = layers()
        if (snapshotAt.has(trial)) post({ type: 'snapshot', trial, layers: l })
        if (frameDue() || trial === last) {
          lastFrameMs = Date.now()
          post({ type: 'frame', trial, layers: l })
        }
      },
      shouldStop: () => {
        if (Atomics.load(control, 0) === CONTROL_PAUSE) {
          post({ type: 'paused' })
          while (Atomics.load(control, 0) === CONTROL_PAUSE) Atomics.wait(control, 0, CONTROL_PAUSE)
          if (Atomics.load(control, 0) !== CONTROL_CANCEL) post({ type: 'resumed' })
        }
        return Atomics.load(control, 0) === CONTROL_CANCEL
      }
    })
    post({ type: 'end', outcome })
  } catch (e) {
    post({ type: 'end', outcome: 'failed', error: e instanceof Error ? e.message : String(e) })
  }
}

port.on('message', (m: { type: string; payload: RunJobPayload }) => {
  if (m.type === 'job') runJob(m.payload)
})
