import os from 'node:os'
import type { RunSummary, TrialRecord } from '../../api/schemas/run'
import type { EventBus } from '../event-bus'
import type { LabStore } from '../store'
import { StoreError } from '../store'
import { SnapshotsRepo, type SnapshotLayerArrays } from '../store/snapshots-repo'
import type { BioRramStateData } from '../../../src-core/agents/bio-rram/state'
import { resolveInitialState } from './initial-state'
import { CONTROL_CANCEL, CONTROL_PAUSE, CONTROL_RUN, type RunJobPayload, type RunWorkerMessage } from './run-messages'
import { parseRunSpec, prepareRunSpec, withStoredMaze, type ParsedRunSpec, type SpecContext } from './spec-adapter'
import { frameEvent, planLaunches, readRunExamples, type LaunchRequest, type RunExample, type RunsServiceOptions, type SpecLaunchRequest } from './launch'
import type { RunSpec } from '../../../src-core/experiment'
import { WorkerPool, runWorkerFile, type PoolJob } from './worker-pool'
import { GroupCommit, type GroupWrite } from './group-commit'
import { nonFiniteField, trialNumberAt, type TrialColumns } from '../store/trial-columns'
import { InputError } from '../errors'

export { nonFiniteField } from '../store/trial-columns'
export type { LaunchRequest, RunsServiceOptions, SpecLaunchRequest } from './launch'

/**
 * Lean (sweep) runs commit together: their status changes and trials wait at most this long, then
 * go to the notebook in one transaction — one commit (one fsync with synchronous = FULL) for dozens
 * of runs instead of three per run. Our default: a crash loses at most this much of a sweep.
 */
const LEAN_COMMIT_MS = 100

interface ActiveRun {
  id: number
  control: Int32Array
  job: PoolJob<RunWorkerMessage>
  trialsPlanned: number
  lastTrial: number
  startedMs: number | null
  pending: TrialRecord[]
  /** Lean batches waiting for the next turn of the event loop. */
  pendingColumns: TrialColumns[]
  lean: boolean
  /** Finished as far as main is concerned; later worker messages are ignored. */
  ended: boolean
  settled: Promise<RunSummary>
  settle(summary: RunSummary): void
}

/**
 * Runs maze experiments on a worker pool: inserts the runs (one per seed, one group), appends each
 * trial as it arrives, stores snapshots, emits `runs.progress` and `runs.frame`, and pauses,
 * resumes or cancels between trials.
 */
export class RunsService {
  readonly snapshots: SnapshotsRepo
  private readonly pool: WorkerPool
  private readonly active = new Map<number, ActiveRun>()
  private readonly frameIntervalMs: number
  private readonly notebookPreset: SpecContext['notebookPreset']
  private readonly storedMaze: RunsServiceOptions['storedMaze']
  private readonly examplesDir: string | undefined
  /** Store writes of lean runs, committed together (see LEAN_COMMIT_MS). */
  private readonly leanCommits: GroupCommit<ActiveRun>

  constructor(
    private readonly store: LabStore,
    private readonly events: EventBus,
    options: RunsServiceOptions = {}
  ) {
    this.snapshots = new SnapshotsRepo(store.db)
    this.leanCommits = new GroupCommit(store.db, LEAN_COMMIT_MS, (runs, e) => this.leanCommitFailed(runs, e))
    this.frameIntervalMs = options.frameIntervalMs ?? 250
    this.notebookPreset = options.notebookPreset
    this.storedMaze = options.storedMaze
    this.examplesDir = options.examplesDir
    this.pool = new WorkerPool({ size: options.workers ?? Math.max(1, os.availableParallelism()), workerFile: options.workerFile ?? runWorkerFile() })
  }

  /**
   * A spec from untrusted JSON (a CLI spec file, a stored run's spec re-run): validate it, insert one
   * run per seed (one group) and queue them. Nothing is stored for an invalid spec.
   */
  start(request: LaunchRequest, ctx: Pick<SpecContext, 'readMazeFile'> = {}): RunSummary[] {
    return this.startParsed(request, this.parse(request.spec, ctx))
  }

  /**
   * runs.start: the spec was parsed at the API's door with the core's schema (not validated again).
   * A notebook maze (`mazeId`) becomes its inline environment; then the spec is made self-contained.
   */
  startSpec(request: SpecLaunchRequest): RunSummary[] {
    const { mazeId, spec, ...rest } = request
    if (mazeId === undefined) return this.startParsed(rest, this.prepare(spec))
    if (!this.storedMaze) throw new InputError('mazeId: this workbench has no maze library', 'mazeId')
    return this.startParsed(rest, this.prepare(withStoredMaze(spec, this.storedMaze(mazeId))))
  }

  /** Validate untrusted JSON and normalize it as `start` does (errors name the path under `fieldPrefix`). */
  parse(spec: unknown, ctx: Pick<SpecContext, 'readMazeFile'> = {}, fieldPrefix = 'spec'): ParsedRunSpec {
    return parseRunSpec(spec, { ...ctx, notebookPreset: this.notebookPreset }, fieldPrefix)
  }

  /** Normalize a spec already validated by the core's schema (the API's door, a sweep's expanded cells). */
  prepare(spec: RunSpec, ctx: Pick<SpecContext, 'readMazeFile'> = {}, fieldPrefix = 'spec'): ParsedRunSpec {
    return prepareRunSpec(spec, { ...ctx, notebookPreset: this.notebookPreset }, fieldPrefix)
  }

  /** The paper's experiments as ready-made specs (examples/*.json), read from disk at each call. */
  examples(): RunExample[] {
    return readRunExamples(this.examplesDir)
  }

  /**
   * `start` with the spec already parsed (`parse`): a sweep parses each cell once for all its seeds
   * (the parse depends on the seed only through the seed itself, which is set per run here).
   */
  startParsed(request: Omit<LaunchRequest, 'spec'>, parsed: ParsedRunSpec): RunSummary[] {
    return this.startMany([{ request, parsed }])[0]
  }

  /**
   * Several launches as one (a sweep's cells × seeds): every run of every request is inserted in one
   * transaction — all or none, and one commit instead of one per run — then queued in order.
   */
  startMany(items: readonly { request: Omit<LaunchRequest, 'spec'>; parsed: ParsedRunSpec }[]): RunSummary[][] {
    // Transfer learning: the named learned state is read (and checked) before anything is stored, once per spec.
    const prepared = planLaunches(items, (spec) => resolveInitialState(spec, this.store.runs, this.snapshots))
    const created = this.store.db.transaction(() =>
      prepared.map(({ request, parsed, base, firstSeed, groupId }) =>
        Array.from({ length: request.seeds }, (_, k) =>
          this.store.runs.create({
            kind: request.kind ?? 'maze',
            name: request.seeds > 1 ? `${request.name} · seed ${firstSeed + k}` : request.name,
            spec: { ...base, seed: firstSeed + k },
            seed: firstSeed + k,
            backend: 'simulated',
            devicePreset: parsed.devicePreset,
            groupId,
            tags: request.tags,
            notes: request.notes,
            status: 'queued',
            agentKind: parsed.agentKind,
            environmentName: parsed.environmentName,
            trialsPlanned: parsed.trials
          })
        )
      )
    )()
    // A run the pool started at once is `running` now (onStart), else still `queued`: no need to read it back.
    return created.map((runs, i) => {
      const { base, parsed, request, initialState } = prepared[i]
      return runs.map((run) => ({
        ...run,
        status: this.launch(run.id, { ...base, seed: run.seed }, parsed.trials, request.lean ?? false, initialState, request.ahead ?? false) ? 'running' : run.status
      }))
    })
  }

  /** Run a stored run's spec again, as a new run, with the same seed or a new one (notebook data: validated again by `start`). */
  rerun(id: number, seed?: number, name?: string): RunSummary {
    const source = this.store.runs.get(id)
    if (source.kind !== 'maze') throw new InputError(`run ${id} is a ${source.kind} run: only maze runs re-run here`, 'id')
    return this.start({ spec: this.store.runs.spec(id), name: name ?? `${source.name} (re-run)`, seeds: 1, seed: seed ?? source.seed, tags: source.tags })[0]
  }

  /** Queue a run on the pool; whether it started at once. */
  private launch(runId: number, spec: RunSpec, trialsPlanned: number, lean: boolean, initialState?: BioRramStateData, ahead = false): boolean {
    const control = new Int32Array(new SharedArrayBuffer(4))
    let settle!: (s: RunSummary) => void
    const settled = new Promise<RunSummary>((resolve) => (settle = resolve))
    const payload: RunJobPayload = { runId, spec, control: control.buffer as SharedArrayBuffer, frameIntervalMs: this.frameIntervalMs, lean, ...(initialState ? { initialState } : {}) }
    const run: ActiveRun = {
      id: runId,
      control,
      trialsPlanned,
      lastTrial: 0,
      startedMs: null,
      pending: [],
      pendingColumns: [],
      lean,
      ended: false,
      settled,
      settle,
      job: {
        payload,
        onStart: () => {
          run.startedMs = Date.now()
          this.write(run, () => this.store.runs.markStatus(run.id, 'running'))
          this.progress(run, 'running')
        },
        onMessage: (m) => this.onMessage(run, m),
        onCrash: (e) => this.finish(run, 'failed', e.message)
      }
    }
    this.active.set(runId, run)
    this.pool.submit(run.job, ahead)
    return run.startedMs !== null
  }

  private onMessage(run: ActiveRun, m: RunWorkerMessage): void {
    if (run.ended) return
    switch (m.type) {
      case 'trial':
        // Reported once stored (flush), never before: a crash must not lose a trial that was reported.
        this.accept(run, m.record)
        break
      case 'trialColumns':
        this.acceptColumns(run, m.columns)
        break
      case 'frame':
        this.emitFrame(run, m.trial, m.layers)
        break
      case 'snapshot':
        this.flush(run)?.()
        if (!run.ended) this.snapshots.add(run.id, m.trial, m.layers)
        break
      case 'paused':
        this.write(run, () => {
          const reported = this.flush(run)
          this.store.runs.markStatus(run.id, 'paused')
          return reported
        })
        this.progress(run, 'paused')
        break
      case 'resumed':
        this.write(run, () => this.store.runs.markStatus(run.id, 'running'))
        this.progress(run, 'running')
        break
      case 'end':
        this.finish(run, m.outcome, m.error ?? null, m.columns)
        break
    }
  }

  /** Queue a trial for storage; a non-finite value fails the run (false). */
  private accept(run: ActiveRun, record: TrialRecord): boolean {
    if (run.ended) return false
    const bad = nonFiniteField(record)
    if (bad) {
      Atomics.store(run.control, 0, CONTROL_CANCEL)
      Atomics.notify(run.control, 0)
      this.finish(run, 'failed', `trial ${record.trial}: ${bad} is not a finite number (a model error; the trials before it are kept)`)
      return false
    }
    run.pending.push(record)
    if (run.pending.length === 1 && run.pendingColumns.length === 0) setImmediate(() => this.flush(run)?.())
    return true
  }

  /** Queue a lean batch (the worker checked its numbers are finite); progress is reported once it is committed. */
  private acceptColumns(run: ActiveRun, columns: TrialColumns): void {
    if (run.ended || columns.count === 0) return
    run.pendingColumns.push(columns)
    if (run.pendingColumns.length === 1 && run.pending.length === 0) {
      if (run.lean) this.write(run, () => this.flush(run))
      else setImmediate(() => this.flush(run)?.())
    }
  }

  /**
   * All trials that arrived in one turn of the event loop go in one transaction; a store failure
   * fails the run. Returns what reports them (`runs.progress`), to be called once the transaction is
   * committed: at once for a full run, after the group commit for a lean one (issue 13, item 6).
   */
  private flush(run: ActiveRun): (() => void) | undefined {
    if (run.pending.length === 0 && run.pendingColumns.length === 0) return undefined
    const batch = run.pending
    const columns = run.pendingColumns
    run.pending = []
    run.pendingColumns = []
    let first = 0
    try {
      if (batch.length > 0) {
        first = batch[0].trial
        this.store.runs.appendTrials(run.id, batch)
      }
      for (const c of columns) {
        first = trialNumberAt(c, 0)
        this.store.runs.appendTrialColumns(run.id, c)
      }
    } catch (e) {
      Atomics.store(run.control, 0, CONTROL_CANCEL)
      Atomics.notify(run.control, 0)
      this.finish(run, 'failed', `storing trial ${first}: ${(e as Error).message}`)
      return undefined
    }
    return this.reporter(run, batch, columns)
  }

  /** Progress for trials now stored: each record (the live chart), then a lean batch's newest trial. */
  private reporter(run: ActiveRun, records: TrialRecord[], columns: TrialColumns[]): () => void {
    return () => {
      for (const record of records) {
        run.lastTrial = Math.max(run.lastTrial, record.trial)
        if (!run.ended) this.progress(run, 'running', record)
      }
      const lastColumns = columns.at(-1)
      if (lastColumns && lastColumns.count > 0) {
        run.lastTrial = Math.max(run.lastTrial, trialNumberAt(lastColumns, lastColumns.count - 1))
        if (!run.ended) this.progress(run, 'running')
      }
    }
  }

  private finish(run: ActiveRun, outcome: 'done' | 'cancelled' | 'failed', error: string | null, last?: TrialColumns): void {
    if (run.ended) return
    run.ended = true
    let records: TrialRecord[] = []
    const store = (): RunSummary => {
      try {
        const batch = run.pending
        const columns = run.pendingColumns
        run.pending = []
        run.pendingColumns = []
        if (batch.length > 0) this.store.runs.appendTrials(run.id, batch)
        for (const c of columns) this.store.runs.appendTrialColumns(run.id, c)
        records = batch
        for (const c of [...columns, ...(last ? [last] : [])]) if (c.count > 0) run.lastTrial = Math.max(run.lastTrial, trialNumberAt(c, c.count - 1))
        // The last batch and the final status in one transaction.
        return this.store.runs.finishWithTrials(run.id, last ?? null, outcome, error)
      } catch (e) {
        return this.store.runs.setStatus(run.id, 'failed', (e as Error).message)
      }
    }
    const settle = (summary: RunSummary) => {
      this.active.delete(run.id)
      // The last trials, stored with the final status (records is set only once they are stored).
      for (const record of records) {
        run.lastTrial = Math.max(run.lastTrial, record.trial)
        this.progress(run, 'running', record)
      }
      this.progress(run, summary.status)
      run.settle(summary)
    }
    if (!run.lean) return settle(store())
    // A lean run settles when its group commit is on disk (whenSettled then reads what is stored).
    this.write(run, () => {
      const summary = store()
      return () => settle(summary)
    })
  }

  /** A store write of a run: at once for a full run; for a lean run queued for the group commit, in order. */
  private write(run: ActiveRun, write: GroupWrite): void {
    if (run.lean) this.leanCommits.queue(run, write)
    else write()?.()
  }

  /** The group commit itself failed (disk full, I/O error): nothing of it is stored; its runs stop as failed. */
  private leanCommitFailed(runs: Set<ActiveRun>, e: Error): void {
    for (const run of runs) {
      Atomics.store(run.control, 0, CONTROL_CANCEL)
      Atomics.notify(run.control, 0)
      run.ended = true
      const summary = this.store.runs.setStatus(run.id, 'failed', `storing the sweep's trials: ${e.message}`)
      this.active.delete(run.id)
      this.progress(run, summary.status)
      run.settle(summary)
    }
  }

  private progress(run: ActiveRun, status: RunSummary['status'], record?: TrialRecord): void {
    const elapsedSeconds = run.startedMs === null ? 0 : (Date.now() - run.startedMs) / 1000
    this.events.emit('runs.progress', {
      runId: run.id,
      trial: run.lastTrial,
      of: run.trialsPlanned,
      status,
      elapsedSeconds,
      ...(record ? { record } : {}),
      ...(run.lean ? { lean: true as const } : {})
    })
  }

  private emitFrame(run: ActiveRun, trial: number, layers: SnapshotLayerArrays[]): void {
    const frame = frameEvent(run.id, trial, layers)
    if (frame) this.events.emit('runs.frame', frame)
  }

  private control(id: number, verb: string): ActiveRun {
    this.leanCommits.commit() // what is read back below is what is stored
    const run = this.active.get(id)
    if (!run) {
      const status = this.store.runs.get(id).status
      throw new StoreError('conflict', `run ${id} is ${status}: only a queued, running or paused run can be ${verb}`, 'id')
    }
    return run
  }

  /** Pause before the next trial. */
  pause(id: number): RunSummary {
    const run = this.control(id, 'paused')
    Atomics.store(run.control, 0, CONTROL_PAUSE)
    return this.store.runs.get(id)
  }

  resume(id: number): RunSummary {
    const run = this.control(id, 'resumed')
    Atomics.store(run.control, 0, CONTROL_RUN)
    Atomics.notify(run.control, 0)
    return this.store.runs.get(id)
  }

  /**
   * Cancel many runs at once (a sweep): queued ones leave the queue, running ones stop before their
   * next trial; runs no longer in progress are skipped. One group commit for all. How many were in progress.
   */
  cancelMany(ids: readonly number[]): number {
    let n = 0
    for (const id of ids) {
      const run = this.active.get(id)
      if (!run || run.ended) continue
      n++
      if (this.pool.withdraw(run.job as unknown as PoolJob<{ type: string }>)) this.finish(run, 'cancelled', null)
      else {
        Atomics.store(run.control, 0, CONTROL_CANCEL)
        Atomics.notify(run.control, 0)
      }
    }
    this.leanCommits.commit()
    return n
  }

  /** Stop before the next trial, keeping the trials so far; status `cancelled`. */
  cancel(id: number): RunSummary {
    const run = this.control(id, 'cancelled')
    if (this.pool.withdraw(run.job as unknown as PoolJob<{ type: string }>)) {
      this.finish(run, 'cancelled', null)
      this.leanCommits.commit()
      return this.store.runs.get(id)
    }
    Atomics.store(run.control, 0, CONTROL_CANCEL)
    Atomics.notify(run.control, 0)
    return this.store.runs.get(id)
  }

  /** Resolves when the run has ended (done, failed or cancelled); at once for a run not in progress. */
  whenSettled(id: number): Promise<RunSummary> {
    return this.active.get(id)?.settled ?? Promise.resolve(this.store.runs.get(id))
  }

  get inProgress(): number[] {
    return [...this.active.keys()]
  }

  async close(): Promise<void> {
    this.leanCommits.commit()
    for (const run of this.active.values()) this.flush(run)
    await this.pool.close()
    // Runs the closing pool stopped end as failed: their last writes too go in, if the notebook is still open.
    this.leanCommits.commit()
  }
}
