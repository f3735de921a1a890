import {
  DEFAULT_DRIFT,
  binaryThresholdS,
  encodeLog,
  defaultProgramParams,
  logTimes,
  retentionSeries,
  type ProgramMaps,
  type ProgramParams,
  type ProgramTotals,
  type PulseLog,
  type RetentionSeries,
  type TargetMap
} from '../../../src-core/array'
import { createDeviceModel } from '../../../src-core/device/model'
import type { DeviceModel, DevicePreset } from '../../../src-core/device/types'
import { ConflictError, InputError } from '../errors'
import type { ArrayInfo, EncodedMap, ProgramResult, ProgramSpec, ReadMapResult } from '../../api/ops/arrays'
import type { EventBus } from '../event-bus'
import { InstrumentError } from '../instruments/errors'
import type { HostCounters } from '../instruments/array-program'
import type { InstrumentService } from '../instruments/instrument-service'
import { SimulatedInstrument } from '../instruments/simulated-instrument'
import type { Instrument } from '../instruments/types'
import type { LabStore } from '../store'
import { SnapshotsRepo } from '../store/snapshots-repo'
import { ArraysRepo, type MapKind, type StoredArray } from './arrays-repo'
import { bytesOf, encodeMap } from './blob'
import { ProgramResults } from './program-results'
import { buildTarget, targetKind } from './target-source'
import { checkProgramParams } from './program-limits'
import { limitsFromProfile } from '../instruments/limits'
import { LIMITS } from '../../api/limits'

/**
 * An array in use: the instrument that programs and reads it (a simulated die or the board: one
 * interface), its per-cell counters, and for a simulated die the die itself (its state is saved and
 * restored, and retention runs on it).
 */
interface LiveArray {
  model: DeviceModel
  instrument: Instrument
  counters: HostCounters
  die: SimulatedInstrument | null
  /** Board only: the attach opened the board (detach closes it again); otherwise it was already connected. */
  ownsLink: boolean
}

interface Job {
  runId: number
  arrayId: number
  cancel: boolean
  done: Promise<void>
}

export interface ArraysServiceOptions {
  store: LabStore
  events: EventBus
  /** The one owner of the instrument link: a board array uses its board. */
  instruments: InstrumentService
  /** A device preset by name (undefined: the default preset). */
  preset(name: string | undefined): DevicePreset
}

/**
 * Arrays and their programming jobs. A simulated array lives in memory; its used state is saved
 * after every programming job and when the notebook closes, and a restart continues from it (a die
 * never used starts fresh from its seed); a board array is the instrument service's board, held while a
 * job uses it. Each job is a
 * run of kind `array`: its operation log is appended slice by slice, its maps and outcome at the end.
 */
export class ArraysService {
  readonly repo: ArraysRepo
  private readonly snapshots: SnapshotsRepo
  private readonly results: ProgramResults
  private readonly live = new Map<number, LiveArray>()
  private readonly jobs = new Map<number, Job>()
  private closing = false

  constructor(private readonly o: ArraysServiceOptions) {
    this.repo = new ArraysRepo(o.store.db)
    this.results = new ProgramResults(o.store, this.repo)
    this.snapshots = new SnapshotsRepo(o.store.db)
  }

  list(): ArrayInfo[] {
    return this.repo.listArrays().map((a) => this.info(a))
  }

  create(input: { name: string; rows: number; cols: number; seed: number; initialState?: 'pristine' | 'hrs' | 'lrs'; devicePreset?: string; d2dSigma?: number | null }): ArrayInfo {
    const preset = this.o.preset(input.devicePreset)
    const stored = this.repo.createArray({
      name: input.name,
      backend: 'simulated',
      serialPath: null,
      rows: input.rows,
      cols: input.cols,
      devicePreset: preset.name,
      seed: input.seed,
      initialState: input.initialState ?? 'pristine',
      d2dSigma: input.d2dSigma ?? null
    })
    this.liveArray(stored)
    return this.info(stored)
  }

  /**
   * Use the board on `path` as an array: the board already connected there, or connect it through
   * the instrument service (refused while another job holds the instrument).
   */
  async attach(input: { name?: string; path: string; baudRate?: number }): Promise<ArrayInfo> {
    const instruments = this.o.instruments
    let ownsLink = false
    if (instruments.boardPath !== input.path) {
      try {
        await instruments.connect({ backend: `serial:${input.path}`, baudRate: input.baudRate ?? 115200, reconnect: false })
      } catch (e) {
        if (e instanceof InstrumentError && e.code === 'BUSY') throw new ConflictError(`cannot attach the board on ${input.path}: ${e.message}`, 'path')
        throw new InstrumentError('NOT_CONNECTED', `cannot reach a board on ${input.path}: ${(e as Error).message}`, 'path')
      }
      ownsLink = true
    }
    const instrument = instruments.boardInstrument()
    if (!instrument) throw new InstrumentError('NOT_CONNECTED', `the board on ${input.path} went away while attaching`, 'path')
    const id = await instrument.identify()
    const preset = this.o.preset(undefined)
    const stored = this.repo.createArray({
      name: input.name ?? `${id.firmwareName} on ${input.path}`,
      backend: 'serial',
      serialPath: input.path,
      rows: id.rows,
      cols: id.cols,
      devicePreset: preset.name,
      seed: 0,
      initialState: 'board',
      d2dSigma: null
    })
    const n = id.rows * id.cols
    this.live.set(stored.id, {
      model: createDeviceModel(preset),
      instrument,
      counters: { reads: new Uint32Array(n), sets: new Uint32Array(n), resets: new Uint32Array(n) },
      die: null,
      ownsLink
    })
    return this.info(stored)
  }

  /** Forget the board of an array; the board is closed too if the attach opened it and no other array uses it. */
  async detach(id: number): Promise<ArrayInfo> {
    const stored = this.repo.getArray(id)
    this.refuseBusy(id)
    const l = this.live.get(id)
    if (l && !l.die && l.ownsLink && this.o.instruments.boardInstrument() === l.instrument) {
      const shared = [...this.live.entries()].some(([other, o]) => other !== id && o.instrument === l.instrument)
      if (!shared) {
        try {
          await this.o.instruments.disconnect()
        } catch (e) {
          if (e instanceof InstrumentError && e.code === 'BUSY') throw new ConflictError(`cannot close the board of array ${id}: ${e.message}`, 'id')
          throw e
        }
      }
    }
    this.live.delete(id)
    return this.info(stored)
  }

  async read(id: number, repeats = 1, vReadV?: number): Promise<ReadMapResult> {
    const stored = this.repo.getArray(id)
    this.refuseBusy(id)
    const l = this.liveArray(stored)
    const v = vReadV ?? l.model.preset.vReadV
    const { rows, cols } = stored
    // A board is held for the read; a simulated die is the array's own.
    const release = l.die ? () => undefined : this.claimBoard(`a read of array ${id}`)
    let m
    try {
      m = await l.instrument.readMap(v, repeats, l.counters)
    } finally {
      release()
    }
    return {
      arrayId: id,
      rows,
      cols,
      repeats,
      vReadV: v,
      g: encodeMap(rows, cols, m.gMeanS),
      noiseRel: repeats > 1 ? encodeMap(rows, cols, m.readNoiseRel) : null,
      reads: encodeMap(rows, cols, l.counters.reads),
      sets: encodeMap(rows, cols, l.counters.sets),
      resets: encodeMap(rows, cols, l.counters.resets)
    }
  }

  /** Start a programming job; resolves with its run id once the run is stored (the job runs on). */
  program(spec: ProgramSpec): { runId: number } {
    const stored = this.repo.getArray(spec.arrayId)
    this.refuseBusy(stored.id)
    const l = this.liveArray(stored)
    // The array's own limits, before the run is stored (the board's, or its preset's on the simulator).
    checkProgramParams(
      spec.params,
      !l.die ? (l.instrument.limits ?? limitsFromProfile(l.model.preset)) : { ...limitsFromProfile(l.model.preset), pulseWidthMinS: LIMITS.pulseWidthMinS, pulseWidthMaxS: LIMITS.pulseWidthMaxS }
    )
    const params: ProgramParams = { ...defaultProgramParams(l.model.preset, spec.algorithm), ...spec.params }
    const target = buildTarget(spec.target, stored.rows, stored.cols, l.model, this.snapshots)
    if (spec.algorithm === 'binary' && target.levelsS.length !== 2)
      throw new InputError(`binary SET/RESET programs 2 levels; this target has ${target.levelsS.length} (choose a multilevel algorithm)`, 'target.levels')
    // A board job holds the instrument until it ends (I–V sessions and board changes are refused meanwhile).
    const release = l.die ? () => undefined : this.claimBoard(`programming array ${stored.id}`)
    let run: { id: number }
    try {
      run = this.o.store.runs.create({
        kind: 'array',
        name: spec.name ?? `${spec.target.kind} on ${stored.name} (${spec.algorithm})`,
        spec: { ...spec, params, array: { rows: stored.rows, cols: stored.cols, seed: stored.seed, initialState: stored.initialState, d2dSigma: stored.d2dSigma } },
        seed: stored.seed,
        backend: stored.backend === 'serial' ? `serial:${stored.serialPath}` : 'simulated',
        devicePreset: stored.devicePreset
      })
    } catch (e) {
      release()
      throw e
    }
    const job: Job = { runId: run.id, arrayId: stored.id, cancel: false, done: Promise.resolve() }
    this.jobs.set(run.id, job)
    job.done = this.runJob(job, stored, l, target, params, targetKind(spec.target)).finally(() => {
      this.jobs.delete(run.id)
      release()
    })
    return { runId: run.id }
  }

  /** Wait for a job (tests, CLI). */
  async settled(runId: number): Promise<void> {
    await this.jobs.get(runId)?.done
  }

  cancel(runId: number): { runId: number; cancelled: boolean } {
    const job = this.jobs.get(runId)
    if (!job) return { runId, cancelled: false }
    job.cancel = true
    return { runId, cancelled: true }
  }

  private async runJob(job: Job, stored: StoredArray, l: LiveArray, target: TargetMap, params: ProgramParams, kind: string): Promise<void> {
    const cells = stored.rows * stored.cols
    let seq = 0
    const report = (s: { cellFirst: number; cellLast: number; log: PulseLog; totals: ProgramTotals }) => {
      if (this.closing) return false
      if (s.log.length > 0) this.repo.appendLogChunk(job.runId, seq++, s.cellFirst, s.cellLast, s.log.length, encodeLog(s.log))
      this.o.events.emit('arrays.progress', { runId: job.runId, arrayId: stored.id, cellsDone: s.totals.cellsDone, cells, converged: s.totals.converged, status: 'running' })
      return !job.cancel
    }
    try {
      const out = await l.instrument.programArray({ model: l.model, rows: stored.rows, cols: stored.cols, target, params, counters: l.counters, report, cancelled: () => job.cancel || this.closing })
      if (this.closing) return
      this.storeOutcome(job.runId, stored, target, params, kind, out.maps, out.totals)
      const status = out.complete ? 'done' : 'cancelled'
      this.o.store.runs.setStatus(job.runId, status)
      // The die as this job left it survives a restart.
      if (l.die) this.repo.saveState(stored.id, l.die.array.saveState())
      this.o.events.emit('arrays.progress', { runId: job.runId, arrayId: stored.id, cellsDone: out.totals.cellsDone, cells, converged: out.totals.converged, status })
    } catch (e) {
      if (this.closing) return
      const message = e instanceof Error ? e.message : String(e)
      this.o.store.runs.setStatus(job.runId, 'failed', message)
      this.o.events.emit('arrays.progress', { runId: job.runId, arrayId: stored.id, cellsDone: 0, cells, converged: 0, status: 'failed' })
    }
  }

  private storeOutcome(runId: number, stored: StoredArray, target: TargetMap, params: ProgramParams, kind: string, maps: ProgramMaps, totals: ProgramTotals): void {
    const { rows, cols } = stored
    const targetS = Float64Array.from(target.level, (j) => target.levelsS[j])
    this.repo.finishProgram(
      {
        runId,
        arrayId: stored.id,
        algorithm: params.algorithm,
        targetKind: kind,
        levelsS: Array.from(target.levelsS),
        toleranceRel: params.toleranceRel,
        cells: totals.cellsDone,
        converged: totals.converged,
        pulses: totals.pulses,
        reads: totals.reads,
        energyJ: totals.energyJ,
        timeS: totals.timeS
      },
      [
        { kind: 'target_s', rows, cols, dtype: 'f64', data: bytesOf(targetS) },
        { kind: 'g_final_s', rows, cols, dtype: 'f64', data: bytesOf(maps.gFinalS) },
        { kind: 'error_rel', rows, cols, dtype: 'f64', data: bytesOf(maps.errorRel) },
        { kind: 'pulses', rows, cols, dtype: 'u32', data: bytesOf(maps.pulses) },
        { kind: 'failed', rows, cols, dtype: 'u8', data: bytesOf(maps.failed) }
      ]
    )
  }

  // Stored results of programming jobs (read-only): program-results.ts.
  programs(arrayId?: number) {
    return this.results.programs(arrayId)
  }
  result(runId: number): ProgramResult {
    return this.results.result(runId)
  }
  map(runId: number, kind: MapKind): EncodedMap {
    return this.results.map(runId, kind)
  }
  cellLog(runId: number, row: number, col: number) {
    return this.results.cellLog(runId, row, col)
  }

  /** Repeated reads over time per level of a programmed simulated array (drift: our default model). */
  retention(runId: number, timesS?: number[], drift = true, cellsPerLevel = 256): RetentionSeries[] {
    const p = this.repo.program(runId)
    const stored = this.repo.getArray(p.arrayId)
    const l = this.liveArray(stored)
    if (!l.die) throw new InputError('retention series run on simulated arrays only (a board would need real waiting time)', 'runId')
    this.refuseBusy(stored.id)
    const target = this.results.loadTarget(runId, p.levelsS)
    try {
      return retentionSeries(l.die.array, target, binaryThresholdS(target), {
        timesS: timesS ?? logTimes(1, 1e6, 13),
        drift: drift ? DEFAULT_DRIFT : null,
        cellsPerLevel,
        vReadV: l.model.preset.vReadV,
        readSeconds: 1e-6
      })
    } catch (e) {
      throw new InputError((e as Error).message, 'timesS')
    }
  }

  /**
   * Stop every job at its next slice without writing more (the notebook is closing: those runs stay
   * `running` and become `interrupted` at the next open). The boards are the instrument service's to close.
   */
  close(): void {
    this.closing = true
    for (const j of this.jobs.values()) j.cancel = true
    // Each simulated die as it stands (reads since the last job included) for the next session.
    for (const [id, l] of this.live) if (l.die) this.repo.saveState(id, l.die.array.saveState())
    this.live.clear()
  }

  private refuseBusy(arrayId: number): void {
    for (const j of this.jobs.values()) if (j.arrayId === arrayId) throw new ConflictError(`array ${arrayId} is being programmed (run ${j.runId}); cancel it or wait`, 'id')
  }

  /** Hold the board for a job; a conflict (naming the holder) while another job holds it. */
  private claimBoard(holder: string): () => void {
    try {
      return this.o.instruments.claim(holder)
    } catch (e) {
      if (e instanceof InstrumentError && e.code === 'BUSY') throw new ConflictError(e.message, 'id')
      throw e
    }
  }

  /** The live array, dropping a board array whose board is no longer the connected one. */
  private current(id: number): LiveArray | undefined {
    const have = this.live.get(id)
    if (have && !have.die && this.o.instruments.boardInstrument() !== have.instrument) {
      this.live.delete(id)
      return undefined
    }
    return have
  }

  private liveArray(stored: StoredArray): LiveArray {
    const have = this.current(stored.id)
    if (have) return have
    if (stored.backend === 'serial') throw new InstrumentError('NOT_CONNECTED', `the board on ${stored.serialPath} is not connected: attach it again`, 'id')
    const base = this.o.preset(stored.devicePreset)
    const model = createDeviceModel(stored.d2dSigma === null ? base : { ...base, d2dSigma: stored.d2dSigma })
    const initialState = stored.initialState === 'board' ? 'pristine' : stored.initialState
    // The die behind the Instrument interface (programArray runs the core loop on it, which checks its own parameters).
    const die = new SimulatedInstrument({ model, seed: stored.seed, rows: stored.rows, cols: stored.cols, initialState })
    const array = die.array
    const saved = this.repo.loadState(stored.id)
    if (saved) {
      try {
        array.restoreState(saved)
      } catch (e) {
        throw new Error(`array ${stored.id}: its saved state cannot be restored (${(e as Error).message})`)
      }
    }
    const l: LiveArray = { model, instrument: die, counters: { reads: array.reads, sets: array.sets, resets: array.resets }, die, ownsLink: false }
    this.live.set(stored.id, l)
    return l
  }

  private info(a: StoredArray): ArrayInfo {
    return { ...a, attached: this.current(a.id) !== undefined || a.backend === 'simulated' }
  }
}
