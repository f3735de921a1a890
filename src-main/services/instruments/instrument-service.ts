import { EventEmitter } from 'node:events'
import { createDeviceModel } from '../../../src-core/device/model'
import { DEFAULT_PRESET } from '../../../src-core/device/presets'
import type { DevicePreset } from '../../../src-core/device/types'
import { EMULATOR_DEFAULTS } from '../serial/board-emulator'
import type { LinkStats } from '../serial/link'
import { listSerialPorts, type PortEntry } from '../serial/ports'
import { InstrumentError } from './errors'
import { limitsFromProfile } from './limits'
import { SerialInstrument } from './serial-instrument'
import { SimulatedInstrument } from './simulated-instrument'
import { smuModel, type SmuModelId } from './smu/models'
import { SmuInstrument } from './smu/smu-instrument'
import { addressToString, parseAddress } from './smu/transport'
import type { Instrument, InstrumentIdentity } from './types'

/** What `connectSmu` takes: a model, an address ("serial:PATH", "tcp:HOST:PORT", "usbtmc:PATH") and the measurement settings. */
export interface SmuConnectOptions {
  model: SmuModelId
  address: string
  /** Serial only (default: the model's, 9600 for the 2400). */
  baudRate?: number
  flowControl?: 'none' | 'xon-xoff' | 'rts-cts'
  nplc?: number
  lineFrequencyHz?: number
  preset?: DevicePreset
  timeoutMs?: number
}

/** "simulated", "serial:PATH" (e.g. "serial:/dev/ttyUSB0") or, for an SMU, "smu:MODEL:ADDRESS". */
export type BackendSpec = string

export type ServiceLinkState = 'none' | 'connecting' | 'ready' | 'busy' | 'lost'

export interface ConnectOptions {
  backend: BackendSpec
  /** Serial only; default 115200. */
  baudRate?: number
  /** The device profile: its limits are enforced (with the board's), and the simulator models it. */
  preset?: DevicePreset
  /** Simulated only: seed and array geometry of the default die (defaults: the board emulator's, seed 1, 16×16). */
  seed?: number
  rows?: number
  cols?: number
  requestTimeoutMs?: number
  retries?: number
  heartbeatMs?: number
  /** Serial only: reconnect with back-off after a hang-up (default true). */
  reconnect?: boolean
}

export interface InstrumentStatus {
  /** "simulated" or "serial:PATH". */
  backend: string
  link: ServiceLinkState
  /** Last state change, in words. */
  detail: string
  identity: InstrumentIdentity | null
  /** Serial only: frame counters of the link. */
  stats: LinkStats | null
  /** The job holding the instrument (an I–V session, an array programming job), or null. */
  heldBy: string | null
}

export interface InstrumentServiceEvents {
  status: [status: InstrumentStatus]
}

export function parseBackend(spec: string): { kind: 'simulated' } | { kind: 'serial'; path: string } {
  if (spec === 'simulated') return { kind: 'simulated' }
  if (spec.startsWith('serial:') && spec.length > 'serial:'.length) return { kind: 'serial', path: spec.slice('serial:'.length) }
  throw new InstrumentError('BAD_REQUEST', `backend must be "simulated" or "serial:PATH", got "${spec}"`, 'backend')
}

interface Board {
  backend: string
  path: string
  instrument: SerialInstrument
  identity: InstrumentIdentity
}

/**
 * The one owner of the instrument link. The back end is the simulated device unless a board is
 * connected on a serial port; disconnecting goes back to the simulator. The simulator keeps one
 * seeded die per (seed, preset, geometry) for the session, so forming then sweeping acts on the same
 * cell, and its geometry and initial state are the board emulator's, so one seed gives the same
 * records on either back end. A job (I–V session, array programming) claims the instrument while
 * it runs; connecting, disconnecting or a second claim are refused meanwhile. Lists ports without
 * needing udev, and reports every state change as a `status` event.
 */
export class InstrumentService extends EventEmitter<InstrumentServiceEvents> {
  private board: Board | null = null
  private smu: { backend: string; instrument: SmuInstrument; identity: InstrumentIdentity } | null = null
  private readonly dies = new Map<string, SimulatedInstrument>()
  private simulatedDefaults: { seed: number; preset: DevicePreset; rows: number; cols: number } = {
    seed: EMULATOR_DEFAULTS.seed,
    preset: DEFAULT_PRESET,
    rows: EMULATOR_DEFAULTS.rows,
    cols: EMULATOR_DEFAULTS.cols
  }
  private connecting: string | null = null
  private holder: string | null = null
  private detail = 'simulated instruments'

  constructor(private readonly options: { namedPorts?: string[] } = {}) {
    super()
  }

  /** Serial ports found on this machine, plus the named ports (e.g. socat links) that exist. */
  listPorts(extraPaths: string[] = []): Promise<PortEntry[]> {
    return listSerialPorts({ namedPaths: [...(this.options.namedPorts ?? []), ...extraPaths] })
  }

  /** "simulated" or "serial:PATH": what a recipe runs on now. */
  get backend(): string {
    return this.smu?.backend ?? this.board?.backend ?? 'simulated'
  }

  get backendKind(): 'simulated' | 'serial' | 'smu' {
    return this.smu ? 'smu' : this.board ? 'serial' : 'simulated'
  }

  /** The serial path of the connected board, or null on the simulator. */
  get boardPath(): string | null {
    return this.board?.path ?? null
  }

  get heldBy(): string | null {
    return this.holder
  }

  /**
   * Connect to a back end, replacing the board in use. Another port is opened before the present
   * board is closed, so a failed connection leaves the present one in place. Rejects with a clear
   * reason; refused while a job holds the instrument.
   */
  async connect(options: ConnectOptions): Promise<InstrumentStatus> {
    const backend = parseBackend(options.backend)
    if (this.connecting) throw new InstrumentError('BUSY', `already connecting to ${this.connecting}`)
    this.refuseHeld('changing the instrument')
    if (backend.kind === 'simulated' || this.board?.path === backend.path) await this.disconnect()
    await this.dropSmu()
    const preset = options.preset ?? DEFAULT_PRESET
    if (backend.kind === 'simulated') {
      this.simulatedDefaults = {
        seed: options.seed ?? EMULATOR_DEFAULTS.seed,
        preset,
        rows: options.rows ?? EMULATOR_DEFAULTS.rows,
        cols: options.cols ?? EMULATOR_DEFAULTS.cols
      }
      this.publish('simulated instruments')
      return this.status()
    }
    this.connecting = options.backend
    this.publish(`connecting to ${options.backend}`)
    try {
      const serial = await SerialInstrument.connect({
        path: backend.path,
        baudRate: options.baudRate ?? 115200,
        profileLimits: limitsFromProfile(preset),
        ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
        ...(options.retries !== undefined ? { retries: options.retries } : {}),
        ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}),
        ...(options.reconnect !== undefined ? { reconnect: options.reconnect } : {})
      })
      let identity: InstrumentIdentity
      try {
        identity = await serial.identify()
      } catch (e) {
        await serial.close().catch(() => undefined)
        throw e
      }
      const board: Board = { backend: options.backend, path: backend.path, instrument: serial, identity }
      serial.link.on('state', (_state, detail) => {
        if (this.board === board) this.publish(detail)
      })
      // A board that comes back may report other limits or geometry.
      serial.link.on('hello', () => {
        if (this.board === board)
          void serial.identify().then(
            (id) => (board.identity = id),
            () => undefined
          )
      })
      const previous = this.board
      this.board = board
      if (previous) await previous.instrument.close().catch(() => undefined)
    } catch (e) {
      this.connecting = null
      this.publish(`could not connect to ${options.backend}: ${(e as Error).message}`)
      throw e
    }
    this.connecting = null
    this.publish(`connected to ${options.backend}`)
    return this.status()
  }

  /**
   * Connect a source-measure unit and make it the instrument of every recipe (refused while a job
   * holds the instrument). The present back end stays in place if the SMU cannot be reached or
   * does not answer `*IDN?` as the model given.
   */
  async connectSmu(options: SmuConnectOptions): Promise<InstrumentStatus> {
    if (this.connecting) throw new InstrumentError('BUSY', `already connecting to ${this.connecting}`)
    this.refuseHeld('changing the instrument')
    const address = parseAddress(options.address, options.baudRate ?? smuModel(options.model).defaultBaud ?? 9600)
    if (address.kind === 'serial' && options.flowControl) address.flowControl = options.flowControl
    const backend = `smu:${options.model}:${addressToString(address)}`
    await this.dropSmu()
    this.connecting = backend
    this.publish(`connecting to ${backend}`)
    try {
      const inst = await SmuInstrument.connect({
        model: options.model,
        address,
        profileLimits: limitsFromProfile(options.preset ?? DEFAULT_PRESET),
        ...(options.nplc !== undefined ? { nplc: options.nplc } : {}),
        ...(options.lineFrequencyHz !== undefined ? { lineFrequencyHz: options.lineFrequencyHz } : {}),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {})
      })
      const entry = { backend, instrument: inst, identity: await inst.identify() }
      inst.on('lost', (reason) => {
        if (this.smu === entry) this.publish(`${backend}: ${reason}`)
      })
      this.smu = entry
      const board = this.board
      this.board = null
      if (board) await board.instrument.close().catch(() => undefined)
    } catch (e) {
      this.connecting = null
      this.publish(`could not connect to ${backend}: ${(e as Error).message}`)
      throw e
    }
    this.connecting = null
    this.publish(`connected to ${backend}`)
    return this.status()
  }

  /** The connected SMU, or null. */
  smuInstrument(): SmuInstrument | null {
    return this.smu?.instrument ?? null
  }

  private async dropSmu(): Promise<void> {
    const m = this.smu
    if (!m) return
    this.smu = null
    // close() switches the output off first.
    await m.instrument.close().catch(() => undefined)
  }

  /** Close the board or SMU (if any) and go back to the simulated instruments; refused while a job holds it. */
  async disconnect(): Promise<InstrumentStatus> {
    if (this.smu) {
      this.refuseHeld('disconnecting the SMU')
      const backend = this.smu.backend
      await this.dropSmu()
      this.publish(`disconnected from ${backend}; simulated instruments`)
      return this.status()
    }
    const b = this.board
    if (!b) return this.status()
    this.refuseHeld('disconnecting the board')
    this.board = null
    await b.instrument.close().catch(() => undefined)
    this.publish(`disconnected from ${b.backend}; simulated instruments`)
    return this.status()
  }

  status(): InstrumentStatus {
    const heldBy = this.holder
    if (this.connecting) return { backend: this.connecting, link: 'connecting', detail: this.detail, identity: null, stats: null, heldBy }
    const m = this.smu
    if (m) return { backend: m.backend, link: m.instrument.lost ? 'lost' : heldBy ? 'busy' : 'ready', detail: this.detail, identity: m.identity, stats: null, heldBy }
    const b = this.board
    if (!b) return { backend: 'simulated', link: heldBy ? 'busy' : 'ready', detail: this.detail, identity: null, stats: null, heldBy }
    const state = b.instrument.link.state
    // The board's link closed without the host asking (reconnection off or given up): lost.
    const link: ServiceLinkState = state === 'closed' ? 'lost' : state
    return { backend: b.backend, link, detail: this.detail, identity: b.identity, stats: { ...b.instrument.link.stats }, heldBy }
  }

  /** The instrument in use: the board when connected, else the simulator's default die. */
  instrument(): Instrument {
    if (this.smu) return this.smu.instrument
    if (this.board) return this.board.instrument
    const d = this.simulatedDefaults
    return this.die(d.seed, d.preset, d.rows, d.cols)
  }

  /** The instrument a recipe of this seed and preset runs on: the board when connected, else that die. */
  instrumentFor(seed: number, preset: DevicePreset): Instrument {
    if (this.smu) return this.smu.instrument
    if (this.board) return this.board.instrument
    return this.die(seed, preset, this.simulatedDefaults.rows, this.simulatedDefaults.cols)
  }

  /** The connected board, or null on the simulator. */
  boardInstrument(): SerialInstrument | null {
    return this.board?.instrument ?? null
  }

  /**
   * Hold the instrument for a job ("I–V session 3", "array job 12"); returns the release function.
   * Refused (BUSY) while another job holds it.
   */
  claim(holder: string): () => void {
    this.refuseHeld(`starting ${holder}`)
    this.holder = holder
    this.publish(`${holder} started`)
    let released = false
    return () => {
      if (released || this.holder !== holder) return
      released = true
      this.holder = null
      this.publish(`${holder} ended`)
    }
  }

  /** Forget the simulated dies (fresh, pristine cells on the next recipe). */
  resetSimulated(): void {
    this.dies.clear()
  }

  async close(): Promise<void> {
    await this.dropSmu()
    const b = this.board
    this.board = null
    this.holder = null
    if (b) await b.instrument.close().catch(() => undefined)
  }

  private die(seed: number, preset: DevicePreset, rows: number, cols: number): SimulatedInstrument {
    const key = `${seed}|${preset.name}|${rows}x${cols}`
    let die = this.dies.get(key)
    if (!die) {
      die = new SimulatedInstrument({ model: createDeviceModel(preset), seed, rows, cols, profileLimits: limitsFromProfile(preset) })
      this.dies.set(key, die)
    }
    return die
  }

  private refuseHeld(what: string): void {
    if (this.holder) throw new InstrumentError('BUSY', `${this.holder} is using the instrument: stop it or wait for its end before ${what}`)
  }

  private publish(detail: string): void {
    this.detail = detail
    this.emit('status', this.status())
  }
}
