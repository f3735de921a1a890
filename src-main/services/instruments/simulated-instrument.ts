import { RramArray, type InitialCellState } from '../../../src-core/array/array-state'
import { readArrayMap } from '../../../src-core/array/read-map'
import type { DeviceModel } from '../../../src-core/device/types'
import type { RandomStream } from '../../../src-core/random'
import { PROTOCOL_VERSION } from '../serial/protocol'
import { InstrumentError } from './errors'
import { LimitGuard, stricterLimits } from './limits'
import { programSimulated, type ArrayProgramJob, type ArrayProgramOutcome, type ArrayReadMap } from './array-program'
import { runProgramVerify } from './program-verify'
import { countSweepPoints, simulateSweepCycle } from './sweep-cycle'
import type {
  BlockReadResult,
  BlockRegion,
  CellAddress,
  FormRequest,
  Instrument,
  InstrumentIdentity,
  InstrumentLimits,
  ProgramVerifyRequest,
  ProgramVerifyResult,
  PulseResult,
  ReadRequest,
  ReadResult,
  ResetRequest,
  SetRequest,
  SweepOutcome,
  SweepPoint,
  SweepPointBlock,
  SweepRun,
  SweepWaveform
} from './types'
import { SWEEP_BRANCHES } from './types'

export interface SimulatedInstrumentOptions {
  model: DeviceModel
  seed: number
  rows: number
  cols: number
  initialState?: InitialCellState
  /** What the simulated board can do; defaults to the preset's limits and 10 ns…1 s pulses. */
  boardLimits?: InstrumentLimits
  /** The device profile's limits; the stricter of these and the board's are enforced. */
  profileLimits?: InstrumentLimits
  firmwareName?: string
  firmwareVersion?: string
  /** Let other work run every this many sweep points (abort requests, streaming). */
  yieldEveryPoints?: number
}

/** Default board limits of the simulator: the preset's own, with a generous pulse-width range (our default). */
export function simulatorBoardLimits(model: DeviceModel): InstrumentLimits {
  return { vMaxAbsV: model.preset.vMaxAbsV, iComplianceMaxA: model.preset.iComplianceMaxA, pulseWidthMinS: 10e-9, pulseWidthMaxS: 1 }
}

/**
 * The simulated back end: the core's seeded N×M array (src-core/array/array-state.ts) behind the
 * Instrument interface. The board emulator drives this same class, so a recipe gives identical
 * records on either back end for one seed.
 */
export class SimulatedInstrument implements Instrument {
  readonly array: RramArray
  readonly boardLimits: InstrumentLimits
  readonly guard: LimitGuard
  private readonly rng: RandomStream
  private sweeping: { abort: boolean; stop(): void } | null = null
  private closed = false

  constructor(private readonly options: SimulatedInstrumentOptions) {
    // The array's streams: root seed → device-to-device, initial state, operations (its own layout).
    this.array = new RramArray(options.model, {
      rows: options.rows,
      cols: options.cols,
      seed: options.seed,
      ...(options.initialState ? { initialState: options.initialState } : {})
    })
    this.rng = this.array.rng
    this.boardLimits = options.boardLimits ?? simulatorBoardLimits(options.model)
    const limits = options.profileLimits ? stricterLimits(this.boardLimits, options.profileLimits) : this.boardLimits
    this.guard = new LimitGuard(limits, options.rows, options.cols)
  }

  get busy(): boolean {
    return this.sweeping !== null
  }

  async identify(): Promise<InstrumentIdentity> {
    return {
      backend: 'simulated',
      firmwareName: this.options.firmwareName ?? 'rram-workbench simulator',
      firmwareVersion: this.options.firmwareVersion ?? '1.0.0',
      protocolVersion: PROTOCOL_VERSION,
      rows: this.array.rows,
      cols: this.array.cols,
      boardLimits: { ...this.boardLimits },
      limits: { ...this.guard.limits }
    }
  }

  async read(req: ReadRequest): Promise<ReadResult> {
    this.ready()
    this.guard.checkRead(req)
    const iReadA = this.readCurrentA(this.index(req.row, req.col), req.vReadV)
    return { row: req.row, col: req.col, vReadV: req.vReadV, iReadA, gS: iReadA / req.vReadV }
  }

  async readBlock(region: BlockRegion, vReadV: number): Promise<BlockReadResult> {
    this.ready()
    this.guard.checkBlock(region, vReadV)
    const iReadA = new Float64Array(region.rows * region.cols)
    for (let r = 0; r < region.rows; r++) {
      for (let c = 0; c < region.cols; c++) {
        iReadA[r * region.cols + c] = this.readCurrentA(this.index(region.row + r, region.col + c), vReadV)
      }
    }
    return { ...pickRegion(region), vReadV, iReadA }
  }

  async set(req: SetRequest): Promise<PulseResult> {
    this.ready()
    this.guard.checkSet(req)
    const k = this.index(req.row, req.col)
    this.array.set(k, req.vSetV, req.iComplianceA, req.pulseWidthS)
    return this.pulseResult(req, k)
  }

  async reset(req: ResetRequest): Promise<PulseResult> {
    this.ready()
    this.guard.checkReset(req)
    const k = this.index(req.row, req.col)
    this.array.reset(k, req.vStopV, req.pulseWidthS)
    return this.pulseResult(req, k)
  }

  async form(req: FormRequest): Promise<PulseResult> {
    this.ready()
    this.guard.checkForm(req)
    const k = this.index(req.row, req.col)
    this.array.form(k, req.vFormV, req.iComplianceA, req.pulseWidthS)
    return this.pulseResult(req, k)
  }

  async programVerify(req: ProgramVerifyRequest): Promise<ProgramVerifyResult> {
    this.ready()
    this.guard.checkProgramVerify(req)
    const k = this.index(req.row, req.col)
    return runProgramVerify(req, {
      readGS: () => this.readCurrentA(k, req.vReadV) / req.vReadV,
      set: (iComplianceA) => this.array.set(k, req.vSetV, iComplianceA, req.pulseWidthS),
      reset: (vStopV) => this.array.reset(k, vStopV, req.pulseWidthS)
    })
  }

  /** The core's program loop on this die (its own counters advance; `job.counters` are the die's). */
  async programArray(job: ArrayProgramJob): Promise<ArrayProgramOutcome> {
    this.ready()
    return programSimulated(this.array, job.target, job.params, job.report)
  }

  async readMap(vReadV: number, repeats: number): Promise<ArrayReadMap> {
    this.ready()
    // our default read duration for energy bookkeeping: 1 µs.
    const m = readArrayMap(this.array, vReadV, 1e-6, repeats)
    return { gMeanS: m.gMeanS, readNoiseRel: m.readNoiseRel }
  }

  async sweep(cell: CellAddress, waveform: SweepWaveform): Promise<SweepRun> {
    this.ready()
    this.guard.checkSweep(cell, waveform)
    const k = this.index(cell.row, cell.col)
    const perCycle = countSweepPoints(waveform)
    const expectedPoints = perCycle * waveform.cycles
    const yieldEvery = this.options.yieldEveryPoints ?? 256
    let settle!: (o: SweepOutcome) => void
    const outcome = new Promise<SweepOutcome>((resolve) => (settle = resolve))
    const array = this.array
    const rng = this.rng
    let delivered = 0
    let finished = false
    let active: AsyncGenerator<unknown> | null = null
    const finish = () => {
      if (finished) return
      finished = true
      if (this.sweeping === token) this.sweeping = null
      const status = token.abort ? 'aborted' : delivered === expectedPoints ? 'complete' : 'aborted'
      settle({ status, points: delivered, expectedPoints, ...(status === 'aborted' ? { message: 'sweep aborted' } : {}) })
    }
    // Ends the sweep even when nobody is iterating it (queued behind a pending next(), or not started).
    const token = { abort: false, stop: () => (active ? void active.return(undefined) : finish()) }
    this.sweeping = token
    let sinceYield = 0
    /** The cycles as columnar chunks of at most SWEEP_BLOCK_POINTS; paced: let other work run every `yieldEvery` points. */
    async function* chunks(paced: boolean): AsyncGenerator<SweepPointBlock> {
      for (let cycle = 0; cycle < waveform.cycles; cycle++) {
        const trace = simulateSweepCycle(array, k, waveform, rng)
        for (let from = 0; from < trace.length; from += SWEEP_BLOCK_POINTS) {
          if (paced && sinceYield >= yieldEvery) {
            sinceYield = 0
            await new Promise<void>((r) => setImmediate(r))
          }
          if (token.abort) return
          const to = Math.min(trace.length, from + SWEEP_BLOCK_POINTS)
          sinceYield += to - from
          yield {
            firstIndex: delivered,
            length: to - from,
            cycle: new Uint32Array(to - from).fill(cycle),
            branch: trace.branch.subarray(from, to),
            vV: trace.vV.subarray(from, to),
            iA: trace.iA.subarray(from, to),
            compliance: trace.compliance.subarray(from, to)
          }
        }
      }
    }
    const begin = <T>(g: AsyncGenerator<T>): AsyncGenerator<T> => {
      if (active) throw new Error('a sweep can be iterated only once')
      active = g
      return g
    }
    async function* blocks(): AsyncGenerator<SweepPointBlock> {
      try {
        if (token.abort) return
        for await (const b of chunks(true)) {
          delivered += b.length // counted when handed out: an abort during the consumer's turn keeps them
          yield b
          if (token.abort) return
        }
      } finally {
        finish()
      }
    }
    async function* points(): AsyncGenerator<SweepPoint> {
      try {
        if (token.abort) return
        for await (const b of chunks(false)) {
          for (let j = 0; j < b.length; j++) {
            if (++sinceYield >= yieldEvery) {
              sinceYield = 0
              await new Promise<void>((r) => setImmediate(r))
            }
            if (token.abort) return
            const point: SweepPoint = {
              index: delivered,
              cycle: b.cycle[j],
              branch: SWEEP_BRANCHES[b.branch[j]],
              vV: b.vV[j],
              iA: b.iA[j],
              compliance: b.compliance[j] !== 0
            }
            delivered++ // counted when handed out: an abort during the consumer's turn keeps it
            yield point
          }
        }
      } finally {
        finish()
      }
    }
    return { expectedPoints, outcome, blocks: () => begin(blocks()), [Symbol.asyncIterator]: () => begin(points()) }
  }

  async abort(): Promise<void> {
    this.abortRunning()
  }

  /** Stop a running sweep; says whether there was one (the board's ABORT answer). */
  abortRunning(): boolean {
    const token = this.sweeping
    if (!token) return false
    token.abort = true
    // Ends the sweep even when nobody is iterating it (queued behind a pending next()).
    token.stop()
    return true
  }

  async close(): Promise<void> {
    await this.abort()
    this.closed = true
  }

  private index(row: number, col: number): number {
    return row * this.array.cols + col
  }

  /** A noisy read current (A) of cell k, drawn from the array's operation stream. */
  private readCurrentA(k: number, vReadV: number): number {
    return this.array.model.readCurrentA(this.array.gS[k], vReadV, this.rng)
  }

  private ready(): void {
    if (this.closed) throw new InstrumentError('NOT_CONNECTED', 'the simulated instrument was closed')
    if (this.sweeping) throw new InstrumentError('BUSY', 'a sweep is running; abort it or wait for its end')
  }

  private pulseResult(cell: CellAddress, k: number): PulseResult {
    return { row: cell.row, col: cell.col, pulseCount: this.array.pulseCount[k], formed: this.array.formed[k] === 1 }
  }
}

const pickRegion = (r: BlockRegion): BlockRegion => ({ row: r.row, col: r.col, rows: r.rows, cols: r.cols })

/** Most points one simulated sweep block carries (our default: a few cycles of a fine sweep). */
export const SWEEP_BLOCK_POINTS = 4096
