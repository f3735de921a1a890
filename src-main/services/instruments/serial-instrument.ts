import { SerialLink, type SerialLinkOptions } from '../serial/link'
import { MAX_PAYLOAD_BYTES } from '../serial/frame'
import * as msg from '../serial/messages'
import { OP } from '../serial/protocol'
import { isSerialPortPath } from '../serial/ports'
import { programByRequests, readMapByRequests, type ArrayProgramJob, type ArrayProgramOutcome, type ArrayReadMap, type HostCounters } from './array-program'
import { InstrumentError } from './errors'
import { LimitGuard, stricterLimits } from './limits'
import { StreamedSweep } from './streamed-sweep'
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
  SweepRun,
  SweepWaveform
} from './types'

export interface SerialInstrumentOptions extends SerialLinkOptions {
  /** The device profile's limits; the stricter of these and the board's HELLO limits are enforced. */
  profileLimits?: InstrumentLimits
  /** Longest silence between a sweep's event frames before it ends `interrupted`, ms. */
  sweepIdleTimeoutMs?: number
  /** Time the board may take per program-and-verify pulse, ms (the request's timeout grows with maxPulses). */
  programVerifyPulseMs?: number
}

/**
 * The serial back end: a controller board behind a SerialLink. Every request is checked against
 * the limits in force before it is encoded, so a refused request never reaches the wire; writes
 * to one cell are serialized (one outstanding write per cell).
 */
export class SerialInstrument implements Instrument {
  readonly link: SerialLink
  private guard: LimitGuard | null = null
  private readonly cellLocks = new Map<number, Promise<unknown>>()
  private readonly sweepIdleTimeoutMs: number

  private constructor(private readonly options: SerialInstrumentOptions) {
    this.link = new SerialLink(options)
    this.sweepIdleTimeoutMs = options.sweepIdleTimeoutMs ?? 3000
    this.link.on('hello', (hello) => {
      const limits = options.profileLimits ? stricterLimits(hello.limits, options.profileLimits) : hello.limits
      this.guard = new LimitGuard(limits, hello.rows, hello.cols)
    })
  }

  /** Open the port and handshake; rejects with a clear reason if the board cannot be reached. */
  static async connect(options: SerialInstrumentOptions): Promise<SerialInstrument> {
    // Only serial devices (or links to one) are opened; the refusal reads the same whether or not the file exists.
    if (!isSerialPortPath(options.path))
      throw new InstrumentError('BAD_REQUEST', `${options.path.slice(0, 200)} is not a serial port (a /dev/tty*, /dev/serial/*, /dev/pts/* device, COMn, or a link to one)`, 'path')
    const inst = new SerialInstrument(options)
    await inst.link.open()
    return inst
  }

  /** The limits in force (the stricter of the board's and the profile's), once the board has said HELLO. */
  get limits(): InstrumentLimits | null {
    return this.guard ? { ...this.guard.limits } : null
  }

  private get limitGuard(): LimitGuard {
    if (!this.guard) throw new InstrumentError('NOT_CONNECTED', 'no board has answered HELLO yet')
    return this.guard
  }

  async identify(): Promise<InstrumentIdentity> {
    const hello = this.link.hello
    if (!hello) throw new InstrumentError('NOT_CONNECTED', 'no board has answered HELLO yet')
    return {
      backend: 'serial',
      firmwareName: hello.firmwareName,
      firmwareVersion: hello.firmwareVersion,
      protocolVersion: hello.version,
      rows: hello.rows,
      cols: hello.cols,
      boardLimits: { ...hello.limits },
      limits: { ...this.limitGuard.limits }
    }
  }

  async read(req: ReadRequest): Promise<ReadResult> {
    this.limitGuard.checkRead(req)
    const { payload } = await this.link.request(OP.READ, msg.readRequest.encode(req))
    return msg.readResponse.decode(payload)
  }

  async readBlock(region: BlockRegion, vReadV: number): Promise<BlockReadResult> {
    this.limitGuard.checkBlock(region, vReadV)
    const maxPayload = Math.min(this.link.hello?.maxPayloadBytes ?? MAX_PAYLOAD_BYTES, MAX_PAYLOAD_BYTES)
    const cap = Math.floor((maxPayload - msg.READ_BLOCK_HEADER_BYTES) / 8)
    const out = new Float64Array(region.rows * region.cols)
    const colsPerChunk = Math.min(region.cols, cap)
    const rowsPerChunk = Math.max(1, Math.floor(cap / colsPerChunk))
    for (let r0 = 0; r0 < region.rows; r0 += rowsPerChunk) {
      for (let c0 = 0; c0 < region.cols; c0 += colsPerChunk) {
        const part = { row: region.row + r0, col: region.col + c0, rows: Math.min(rowsPerChunk, region.rows - r0), cols: Math.min(colsPerChunk, region.cols - c0) }
        const { payload } = await this.link.request(OP.READ_BLOCK, msg.readBlockRequest.encode({ ...part, vReadV }))
        const got = msg.readBlockResponse.decode(payload)
        if (got.rows !== part.rows || got.cols !== part.cols) throw new InstrumentError('PROTOCOL', 'READ_BLOCK answer does not match the block asked for')
        for (let r = 0; r < part.rows; r++) out.set(got.iReadA.subarray(r * part.cols, (r + 1) * part.cols), (r0 + r) * region.cols + c0)
      }
    }
    return { row: region.row, col: region.col, rows: region.rows, cols: region.cols, vReadV, iReadA: out }
  }

  async set(req: SetRequest): Promise<PulseResult> {
    this.limitGuard.checkSet(req)
    return this.write(req, OP.SET, msg.setRequest.encode(req))
  }

  async reset(req: ResetRequest): Promise<PulseResult> {
    this.limitGuard.checkReset(req)
    return this.write(req, OP.RESET, msg.resetRequest.encode(req))
  }

  async form(req: FormRequest): Promise<PulseResult> {
    this.limitGuard.checkForm(req)
    return this.write(req, OP.FORM, msg.formRequest.encode(req))
  }

  async programVerify(req: ProgramVerifyRequest): Promise<ProgramVerifyResult> {
    this.limitGuard.checkProgramVerify(req)
    const timeoutMs = this.link.options.requestTimeoutMs + req.maxPulses * (this.options.programVerifyPulseMs ?? 5)
    return this.withCellLock(req, async () => {
      const { payload } = await this.link.request(OP.PROGRAM_VERIFY, msg.programVerifyRequest.encode(req), { timeoutMs })
      return msg.programVerifyResponse.decode(payload)
    })
  }

  programArray(job: ArrayProgramJob): Promise<ArrayProgramOutcome> {
    return programByRequests(this, job)
  }

  async readMap(vReadV: number, repeats: number, counters: HostCounters): Promise<ArrayReadMap> {
    const id = await this.identify()
    return readMapByRequests(this, id.rows, id.cols, vReadV, repeats, counters)
  }

  async sweep(cell: CellAddress, waveform: SweepWaveform): Promise<SweepRun> {
    this.limitGuard.checkSweep(cell, waveform)
    const key = this.cellKey(cell)
    // The cell stays locked until the sweep has ended.
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    const previous = this.cellLocks.get(key) ?? Promise.resolve()
    this.cellLocks.set(key, held)
    await previous.catch(() => undefined)

    let run: StreamedSweep | null = null
    let seq = -1
    let idleTimer: NodeJS.Timeout | null = null
    const early: Array<() => void> = []
    const finish = (status: 'complete' | 'aborted' | 'interrupted' | 'fault', message?: string) => {
      if (!run || run.isEnded) return
      if (idleTimer) clearTimeout(idleTimer)
      run.end(status, message)
      this.link.closeStream(seq)
      release()
      if (this.cellLocks.get(key) === held) this.cellLocks.delete(key)
    }
    const armIdle = () => {
      if (idleTimer) clearTimeout(idleTimer)
      idleTimer = setTimeout(() => {
        if (run && run.received === run.expectedPoints) return finish('complete')
        void this.link.request(OP.ABORT, new Uint8Array(0)).catch(() => undefined)
        finish('interrupted', `no data from the board for ${this.sweepIdleTimeoutMs} ms`)
      }, this.sweepIdleTimeoutMs)
    }
    const onEvent = (frame: { op: number; payload: Uint8Array }) => {
      if (!run) return void early.push(() => onEvent(frame))
      armIdle()
      try {
        if (frame.op === OP.EVT_SWEEP_POINT) run.push(msg.sweepPoint.decode(frame.payload))
        else if (frame.op === OP.EVT_SWEEP_END) {
          const end = msg.sweepEnd.decode(frame.payload)
          finish(end.status, end.message || undefined)
        }
      } catch {
        this.link.stats.framesRejected++
      }
    }
    try {
      const answer = await this.link.request(OP.SWEEP, msg.sweepRequest.encode({ ...cell, ...waveform }), {
        stream: { onEvent, onLost: (e) => finish('interrupted', e.message) }
      })
      seq = answer.seq
      run = new StreamedSweep(msg.sweepAck.decode(answer.payload))
    } catch (e) {
      release()
      if (this.cellLocks.get(key) === held) this.cellLocks.delete(key)
      // The SWEEP may have reached the board even though its answer did not: stop it.
      if (e instanceof InstrumentError && e.code === 'TIMEOUT') void this.link.request(OP.ABORT, new Uint8Array(0)).catch(() => undefined)
      throw e
    }
    armIdle()
    for (const replay of early) replay()
    if (this.link.state === 'lost' || this.link.state === 'closed') finish('interrupted', 'the link was lost')
    return run
  }

  async abort(): Promise<void> {
    await this.link.request(OP.ABORT, new Uint8Array(0))
  }

  async close(): Promise<void> {
    await this.link.close()
  }

  private async write(cell: CellAddress, op: number, payload: Uint8Array): Promise<PulseResult> {
    return this.withCellLock(cell, async () => msg.pulseResponse.decode((await this.link.request(op, payload)).payload))
  }

  private cellKey(c: CellAddress): number {
    return c.row * 65536 + c.col
  }

  /** Runs `body` after every earlier write to the same cell has settled. */
  private async withCellLock<T>(cell: CellAddress, body: () => Promise<T>): Promise<T> {
    const key = this.cellKey(cell)
    const previous = this.cellLocks.get(key) ?? Promise.resolve()
    const mine = previous.catch(() => undefined).then(body)
    this.cellLocks.set(key, mine)
    try {
      return await mine
    } finally {
      if (this.cellLocks.get(key) === mine) this.cellLocks.delete(key)
    }
  }
}
