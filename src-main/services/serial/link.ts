import { EventEmitter } from 'node:events'
import { SerialPort } from 'serialport'
import { InstrumentError } from '../instruments/errors'
import { FrameError, FrameSplitter, decodeFrame, encodeFrame, type Frame } from './frame'
import { errorFromPayload, errorPayload, helloRequest, helloResponse, type HelloResponse } from './messages'
import { HOST_VERSION_MAX, HOST_VERSION_MIN, IDEMPOTENT_OPS, OP, opName, responseOp } from './protocol'

/**
 * The host end of the board link: opens a serial port by path and baud, handshakes (HELLO),
 * matches responses to requests by sequence number, routes event frames to streams, retries
 * idempotent requests only, watches the line with a heartbeat, and reconnects with back-off.
 */

export type LinkState = 'closed' | 'connecting' | 'ready' | 'busy' | 'lost'

export interface SerialLinkOptions {
  path: string
  baudRate: number
  /** Per-attempt timeout of a request, ms. */
  requestTimeoutMs?: number
  /** Extra attempts for idempotent requests (READ, READ_BLOCK, PING, STATUS, HELLO, ABORT). */
  retries?: number
  /** Silence after which the link sends a PING; a PING that fails every attempt means the link is lost. 0 = off. */
  heartbeatMs?: number
  /** Reconnect after a loss (with exponential back-off). */
  reconnect?: boolean
  backoffInitialMs?: number
  backoffMaxMs?: number
}

/** Receives a stream's event frames (a sweep's points and its end). */
export interface StreamHandler {
  onEvent(frame: Frame): void
  /** The link was lost or closed while the stream was open. */
  onLost(error: InstrumentError): void
}

export interface LinkStats {
  framesSent: number
  framesReceived: number
  /** Frames dropped: bad stuffing, CRC, length, unknown sequence, oversized runs. */
  framesRejected: number
  retries: number
  timeouts: number
  reconnects: number
}

export interface RequestOptions {
  timeoutMs?: number
  /** Defaults to whether the op is idempotent. */
  retry?: boolean
  /** Keep routing this request's event frames here after the response, until closeStream(seq). */
  stream?: StreamHandler
}

export interface LinkEvents {
  state: [state: LinkState, detail: string]
  /** An EVT_FAULT frame the board sent unprompted. */
  fault: [error: InstrumentError]
  /** A (re)connection completed; carries the board's HELLO. */
  hello: [hello: HelloResponse]
  /** Every frame sent (tx) and every frame accepted (rx), for diagnostics. */
  trace: [direction: 'tx' | 'rx', frame: Frame]
}

interface Pending {
  op: number
  resolve(payload: Uint8Array): void
  reject(error: InstrumentError): void
  timer: NodeJS.Timeout
}

export class SerialLink extends EventEmitter<LinkEvents> {
  readonly options: Required<SerialLinkOptions>
  private port: SerialPort | null = null
  private splitter = new FrameSplitter()
  private pending = new Map<number, Pending>()
  private streams = new Map<number, StreamHandler>()
  private seq = 0
  private currentState: LinkState = 'closed'
  private heartbeatTimer: NodeJS.Timeout | null = null
  private reconnectTimer: NodeJS.Timeout | null = null
  private pinging = false
  private lastRxAt = 0
  private closing = false
  private handshaking = false
  private reconnectAttempt = 0
  hello: HelloResponse | null = null
  readonly stats: LinkStats = { framesSent: 0, framesReceived: 0, framesRejected: 0, retries: 0, timeouts: 0, reconnects: 0 }

  constructor(options: SerialLinkOptions) {
    super()
    this.options = {
      requestTimeoutMs: 1000,
      retries: 2,
      heartbeatMs: 1000,
      reconnect: true,
      backoffInitialMs: 100,
      backoffMaxMs: 5000,
      ...options
    }
  }

  get state(): LinkState {
    return this.currentState
  }

  /** Open the port and handshake. Rejects (and leaves the link closed) if either fails. */
  async open(): Promise<HelloResponse> {
    if (this.currentState !== 'closed') throw new InstrumentError('BAD_REQUEST', `link is already ${this.currentState}`)
    this.closing = false
    this.setState('connecting', `opening ${this.options.path} at ${this.options.baudRate} baud`)
    try {
      const hello = await this.connectOnce()
      this.startHeartbeat()
      return hello
    } catch (e) {
      this.teardownPort()
      this.setState('closed', (e as Error).message)
      throw e
    }
  }

  /** Close for good: pending requests fail with NOT_CONNECTED, streams end as lost, no reconnection. */
  async close(): Promise<void> {
    this.closing = true
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    this.reconnectTimer = null
    this.stopHeartbeat()
    this.failAll(new InstrumentError('NOT_CONNECTED', 'the link was closed'))
    await this.teardownPort()
    this.setState('closed', 'closed by the host')
  }

  /**
   * Send a request and wait for its response payload. An ERROR frame rejects with the board's
   * error; silence past the timeout rejects with TIMEOUT (after the retries, for idempotent ops).
   */
  async request(op: number, payload: Uint8Array, options: RequestOptions = {}): Promise<{ seq: number; payload: Uint8Array }> {
    const retry = options.retry ?? IDEMPOTENT_OPS.has(op)
    const attempts = retry ? 1 + this.options.retries : 1
    for (let attempt = 1; ; attempt++) {
      this.assertUsable()
      const seq = this.nextSeq()
      if (options.stream) this.streams.set(seq, options.stream)
      try {
        return { seq, payload: await this.sendOnce(op, seq, payload, options.timeoutMs ?? this.options.requestTimeoutMs) }
      } catch (e) {
        if (options.stream) this.streams.delete(seq)
        if (!(e instanceof InstrumentError) || e.code !== 'TIMEOUT' || attempt >= attempts) throw e
        this.stats.retries++
      }
    }
  }

  /** Stop routing a stream's events (its end frame arrived, or the consumer gave up). */
  closeStream(seq: number): void {
    this.streams.delete(seq)
    this.updateBusy()
  }

  private assertUsable(): void {
    if (this.currentState === 'lost') throw new InstrumentError('LINK_LOST', `the link to ${this.options.path} is lost; reconnecting`)
    if (this.currentState === 'closed') throw new InstrumentError('NOT_CONNECTED', `not connected to ${this.options.path}`)
  }

  private nextSeq(): number {
    // 0 is reserved for unsolicited board events; skip sequence numbers still in use.
    do this.seq = (this.seq % 0xffff) + 1
    while (this.pending.has(this.seq) || this.streams.has(this.seq))
    return this.seq
  }

  private sendOnce(op: number, seq: number, payload: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
    return new Promise<Uint8Array>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(seq)
        this.stats.timeouts++
        this.updateBusy()
        reject(new InstrumentError('TIMEOUT', `${opName(op)} got no answer within ${timeoutMs} ms`))
      }, timeoutMs)
      this.pending.set(seq, { op, resolve, reject, timer })
      this.updateBusy()
      const frame = { version: this.hello?.version ?? HOST_VERSION_MAX, op, seq, payload }
      if (this.listenerCount('trace') > 0) this.emit('trace', 'tx', frame)
      this.write(encodeFrame(frame))
    })
  }

  private write(bytes: Buffer): void {
    this.stats.framesSent++
    this.port?.write(bytes)
  }

  private async connectOnce(): Promise<HelloResponse> {
    const port = await openPort(this.options.path, this.options.baudRate)
    this.port = port
    this.splitter.reset()
    port.on('data', (chunk: Buffer) => this.onData(port, chunk))
    port.on('close', () => {
      if (this.port === port) this.lose(`port ${this.options.path} closed (device gone?)`)
    })
    port.on('error', (e: Error) => {
      if (this.port === port) this.lose(`port error: ${e.message}`)
    })
    this.lastRxAt = Date.now()
    // A lone delimiter ends whatever partial frame the board may be holding.
    port.write(Buffer.from([0]))
    this.handshaking = true
    let hello: HelloResponse
    try {
      const { payload } = await this.request(OP.HELLO, helloRequest.encode({ versionMin: HOST_VERSION_MIN, versionMax: HOST_VERSION_MAX }))
      hello = helloResponse.decode(payload)
    } finally {
      this.handshaking = false
    }
    if (hello.version < HOST_VERSION_MIN || hello.version > HOST_VERSION_MAX) {
      throw new InstrumentError('UNSUPPORTED_VERSION', `board chose protocol version ${hello.version}; this host speaks ${HOST_VERSION_MIN}…${HOST_VERSION_MAX}`)
    }
    this.hello = hello
    this.reconnectAttempt = 0
    this.updateBusy(`connected to ${hello.firmwareName} ${hello.firmwareVersion}`)
    this.emit('hello', hello)
    return hello
  }

  private onData(port: SerialPort, chunk: Buffer): void {
    if (port !== this.port) return
    this.lastRxAt = Date.now()
    const before = this.splitter.oversized
    for (const stuffed of this.splitter.push(chunk)) this.onFrame(stuffed)
    this.stats.framesRejected += this.splitter.oversized - before
  }

  private onFrame(stuffed: Uint8Array): void {
    let frame: Frame
    try {
      frame = decodeFrame(stuffed)
    } catch (e) {
      if (!(e instanceof FrameError)) throw e
      this.stats.framesRejected++
      return
    }
    this.stats.framesReceived++
    if (this.listenerCount('trace') > 0) this.emit('trace', 'rx', frame)
    const pending = this.pending.get(frame.seq)
    if (pending && (frame.op === responseOp(pending.op) || frame.op === OP.ERROR)) {
      this.pending.delete(frame.seq)
      clearTimeout(pending.timer)
      this.updateBusy()
      if (frame.op === OP.ERROR) {
        try {
          pending.reject(errorFromPayload(errorPayload.decode(frame.payload)))
        } catch (e) {
          pending.reject(e as InstrumentError)
        }
      } else pending.resolve(frame.payload)
      return
    }
    const stream = this.streams.get(frame.seq)
    if (stream && frame.op >= OP.EVT_SWEEP_POINT && frame.op < OP.ERROR) {
      stream.onEvent(frame)
      return
    }
    if (frame.op === OP.EVT_FAULT && frame.seq === 0) {
      try {
        this.emit('fault', errorFromPayload(errorPayload.decode(frame.payload)))
      } catch {
        this.stats.framesRejected++
      }
      return
    }
    // A late answer to a request that timed out, or a frame we cannot place.
    this.stats.framesRejected++
  }

  private startHeartbeat(): void {
    const every = this.options.heartbeatMs
    if (every <= 0) return
    this.stopHeartbeat()
    this.heartbeatTimer = setInterval(() => void this.heartbeat(), Math.max(20, every / 2))
    this.heartbeatTimer.unref()
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer)
    this.heartbeatTimer = null
  }

  private async heartbeat(): Promise<void> {
    if (this.pinging || (this.currentState !== 'ready' && this.currentState !== 'busy')) return
    if (Date.now() - this.lastRxAt < this.options.heartbeatMs) return
    this.pinging = true
    try {
      await this.request(OP.PING, new Uint8Array([0x70]))
    } catch (e) {
      if (e instanceof InstrumentError && e.code === 'TIMEOUT') this.lose('the board stopped answering PING')
    } finally {
      this.pinging = false
    }
  }

  /** Declare the link lost: fail what is in flight, drop the port, and schedule a reconnection. */
  private lose(reason: string): void {
    if (this.closing || this.currentState === 'lost' || this.currentState === 'closed') return
    this.stopHeartbeat()
    this.setState('lost', reason)
    this.failAll(new InstrumentError('LINK_LOST', `link lost: ${reason}`))
    void this.teardownPort()
    this.scheduleReconnect()
  }

  private scheduleReconnect(): void {
    if (!this.options.reconnect || this.closing) return
    const delay = Math.min(this.options.backoffMaxMs, this.options.backoffInitialMs * 2 ** this.reconnectAttempt)
    this.reconnectAttempt++
    this.reconnectTimer = setTimeout(async () => {
      this.reconnectTimer = null
      if (this.closing) return
      this.setState('connecting', `reconnecting (attempt ${this.reconnectAttempt})`)
      try {
        await this.connectOnce()
        this.stats.reconnects++
        this.startHeartbeat()
      } catch (e) {
        if (this.closing) return
        this.failAll(new InstrumentError('LINK_LOST', `reconnection failed: ${(e as Error).message}`))
        await this.teardownPort()
        this.setState('lost', `reconnection failed: ${(e as Error).message}`)
        this.scheduleReconnect()
      }
    }, delay)
  }

  private failAll(error: InstrumentError): void {
    for (const [seq, p] of this.pending) {
      clearTimeout(p.timer)
      this.pending.delete(seq)
      p.reject(error)
    }
    const streams = [...this.streams.values()]
    this.streams.clear()
    for (const s of streams) s.onLost(error)
  }

  private async teardownPort(): Promise<void> {
    const port = this.port
    this.port = null
    if (!port) return
    port.removeAllListeners('data')
    if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()))
  }

  private updateBusy(detail = ''): void {
    if (this.handshaking) return
    if (this.currentState !== 'ready' && this.currentState !== 'busy' && this.currentState !== 'connecting') return
    const busy = this.pending.size > 0 || this.streams.size > 0
    this.setState(busy ? 'busy' : 'ready', detail)
  }

  private setState(state: LinkState, detail: string): void {
    if (state === this.currentState) return
    this.currentState = state
    this.emit('state', state, detail)
  }
}

function openPort(path: string, baudRate: number): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, autoOpen: false })
    port.open((err) => {
      if (err) reject(new InstrumentError('NOT_CONNECTED', `cannot open ${path}: ${err.message.replace(/^Error: /, '')}`, 'path'))
      else resolve(port)
    })
  })
}
