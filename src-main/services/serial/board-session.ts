import { InstrumentError } from '../instruments/errors'
import type { SimulatedInstrument } from '../instruments/simulated-instrument'
import type { SweepRun } from '../instruments/types'
import { FrameError, FrameSplitter, MAX_PAYLOAD_BYTES, decodeFrame, type Frame } from './frame'
import * as msg from './messages'
import { ALWAYS_ANSWERED_OPS, OP, PROTOCOL_VERSION, opName, responseOp } from './protocol'

/** A frame the board accepted (valid stuffing, length and CRC), as the emulator's log keeps it. */
export interface ReceivedFrame {
  atMs: number
  version: number
  op: number
  opName: string
  seq: number
  payload: Uint8Array
}

export interface BoardSessionOptions {
  firmwareName: string
  firmwareVersion: string
  maxPayloadBytes?: number
  /** Keep at most this many entries in the received-frame log (oldest dropped). */
  logLimit?: number
}

/**
 * The board's side of the protocol, independent of the transport: bytes in, frames out.
 * Requests go to a SimulatedInstrument (the same code as the simulated back end); every
 * refusal becomes an ERROR frame, never silence. HELLO/PING/STATUS/ABORT are answered even
 * while a sweep streams; other requests get BUSY then (the instrument says so).
 */
export class BoardSession {
  readonly received: ReceivedFrame[] = []
  framesRejected = 0
  private readonly splitter = new FrameSplitter()
  private readonly startedAt = Date.now()
  private queue: Promise<void> = Promise.resolve()
  private stream: Promise<void> | null = null

  constructor(
    readonly instrument: SimulatedInstrument,
    private readonly send: (frame: Frame) => Promise<void>,
    private readonly options: BoardSessionOptions
  ) {}

  /** Feed bytes from the line. */
  onBytes(chunk: Uint8Array): void {
    const before = this.splitter.oversized
    for (const stuffed of this.splitter.push(chunk)) {
      let frame: Frame
      try {
        frame = decodeFrame(stuffed)
      } catch (e) {
        if (!(e instanceof FrameError)) throw e
        this.framesRejected++
        continue
      }
      this.log(frame)
      if (ALWAYS_ANSWERED_OPS.has(frame.op)) void this.handle(frame)
      else this.queue = this.queue.then(() => this.handle(frame))
    }
    this.framesRejected += this.splitter.oversized - before
  }

  /** Resolves when a running sweep stream has sent its end frame. */
  async idle(): Promise<void> {
    await this.queue
    await this.stream
  }

  private log(frame: Frame): void {
    this.received.push({ atMs: Date.now() - this.startedAt, version: frame.version, op: frame.op, opName: opName(frame.op), seq: frame.seq, payload: frame.payload })
    const limit = this.options.logLimit ?? 100_000
    if (this.received.length > limit) this.received.splice(0, this.received.length - limit)
  }

  private async handle(frame: Frame): Promise<void> {
    try {
      if (frame.op !== OP.HELLO && frame.version !== PROTOCOL_VERSION) {
        throw new InstrumentError('UNSUPPORTED_VERSION', `frame of protocol version ${frame.version}; this board speaks ${PROTOCOL_VERSION}`)
      }
      const payload = await this.dispatch(frame)
      if (payload) await this.reply(frame, responseOp(frame.op), payload)
    } catch (e) {
      const error =
        e instanceof InstrumentError
          ? e.code === 'PROTOCOL'
            ? new InstrumentError('BAD_REQUEST', e.message, e.field)
            : e
          : new InstrumentError('BOARD_FAULT', e instanceof Error ? e.message : String(e))
      await this.reply(frame, OP.ERROR, msg.errorPayload.encode(msg.payloadFromError(error))).catch(() => undefined)
    }
  }

  private reply(request: Frame, op: number, payload: Uint8Array): Promise<void> {
    return this.send({ version: PROTOCOL_VERSION, op, seq: request.seq, payload })
  }

  /** The response payload of a request, or null when the request answers by itself (SWEEP). */
  private async dispatch(frame: Frame): Promise<Uint8Array | null> {
    const inst = this.instrument
    const p = frame.payload
    switch (frame.op) {
      case OP.HELLO: {
        const req = msg.helloRequest.decode(p)
        if (req.versionMin > PROTOCOL_VERSION || req.versionMax < PROTOCOL_VERSION) {
          throw new InstrumentError('UNSUPPORTED_VERSION', `host offers protocol ${req.versionMin}…${req.versionMax}; this board speaks ${PROTOCOL_VERSION}`)
        }
        const id = await inst.identify()
        return msg.helloResponse.encode({
          version: PROTOCOL_VERSION,
          rows: id.rows,
          cols: id.cols,
          limits: inst.boardLimits,
          maxPayloadBytes: this.options.maxPayloadBytes ?? MAX_PAYLOAD_BYTES,
          firmwareName: this.options.firmwareName,
          firmwareVersion: this.options.firmwareVersion
        })
      }
      case OP.PING:
        return p
      case OP.STATUS:
        return msg.statusResponse.encode({
          busy: inst.busy,
          framesReceived: this.received.length,
          framesRejected: this.framesRejected,
          uptimeS: (Date.now() - this.startedAt) / 1000
        })
      case OP.ABORT:
        return msg.abortResponse.encode(inst.abortRunning())
      case OP.READ:
        return msg.readResponse.encode(await inst.read(msg.readRequest.decode(p)))
      case OP.READ_BLOCK: {
        const req = msg.readBlockRequest.decode(p)
        const maxCells = Math.floor(((this.options.maxPayloadBytes ?? MAX_PAYLOAD_BYTES) - msg.READ_BLOCK_HEADER_BYTES) / 8)
        if (req.rows * req.cols > maxCells) {
          throw new InstrumentError('PAYLOAD_TOO_LARGE', `a block of ${req.rows * req.cols} cells exceeds ${maxCells} cells per frame`, 'rows')
        }
        return msg.readBlockResponse.encode(await inst.readBlock(req, req.vReadV))
      }
      case OP.SET:
        return msg.pulseResponse.encode(await inst.set(msg.setRequest.decode(p)))
      case OP.RESET:
        return msg.pulseResponse.encode(await inst.reset(msg.resetRequest.decode(p)))
      case OP.FORM:
        return msg.pulseResponse.encode(await inst.form(msg.formRequest.decode(p)))
      case OP.PROGRAM_VERIFY:
        return msg.programVerifyResponse.encode(await inst.programVerify(msg.programVerifyRequest.decode(p)))
      case OP.SWEEP: {
        const req = msg.sweepRequest.decode(p)
        const run = await inst.sweep(req, req)
        await this.reply(frame, responseOp(OP.SWEEP), msg.sweepAck.encode(run.expectedPoints))
        this.stream = this.streamSweep(frame, run)
        return null
      }
      default:
        throw new InstrumentError('UNKNOWN_OP', `unknown operation ${opName(frame.op)}`, 'op')
    }
  }

  private async streamSweep(request: Frame, run: SweepRun): Promise<void> {
    const event = (op: number, payload: Uint8Array) => this.send({ version: PROTOCOL_VERSION, op, seq: request.seq, payload })
    let fault = ''
    try {
      for await (const point of run) await event(OP.EVT_SWEEP_POINT, msg.sweepPoint.encode(point))
    } catch (e) {
      fault = e instanceof Error ? e.message : String(e)
      this.instrument.abortRunning()
    }
    const outcome = await run.outcome
    const status = fault ? 'fault' : outcome.status === 'complete' ? 'complete' : 'aborted'
    await event(OP.EVT_SWEEP_END, msg.sweepEnd.encode({ status, points: outcome.points, message: fault || outcome.message || '' })).catch(() => undefined)
  }
}
