import type { BioRramStateData } from '../../../src-core/agents/bio-rram/state'
import type { RunSpec } from '../../../src-core/experiment'
import type { TrialRecord } from '../../api/schemas/run'
import type { SnapshotLayerArrays } from '../store/snapshots-repo'
import type { TrialColumns } from '../store/trial-columns'

/** Commands main writes into a run's shared control word; the worker reads it between trials. */
export const CONTROL_RUN = 0
export const CONTROL_PAUSE = 1
export const CONTROL_CANCEL = 2

export interface RunJobPayload {
  runId: number
  /** The validated, self-contained spec (see spec-adapter.ts), its seed set to this run's: typed, never re-checked by the worker. */
  spec: RunSpec
  /** Int32Array(1) over it: CONTROL_RUN | CONTROL_PAUSE | CONTROL_CANCEL. */
  control: SharedArrayBuffer
  /** Live frames (path and maps) at most this often, ms. */
  frameIntervalMs: number
  /** Sweep cells: no live frames, no snapshots (trial records only). */
  lean: boolean
  /** Transfer learning: the learned state the spec's `initialState` names, resolved by main. */
  initialState?: BioRramStateData
}

export type RunWorkerMessage =
  | { type: 'trial'; record: TrialRecord }
  /**
   * Lean jobs: trial records as columns (buffers transferred), one batch per ~100 ms of work; the rest
   * rides on `end`. The worker checked every number is finite: a record that is not comes alone as `trial`.
   */
  | { type: 'trialColumns'; columns: TrialColumns }
  | { type: 'frame'; trial: number; layers: SnapshotLayerArrays[] }
  | { type: 'snapshot'; trial: number; layers: SnapshotLayerArrays[] }
  | { type: 'paused' }
  | { type: 'resumed' }
  | { type: 'end'; outcome: 'done' | 'cancelled' | 'failed'; error?: string; columns?: TrialColumns }
