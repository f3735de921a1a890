import { EventEmitter } from 'node:events'
import { createDeviceModel } from '../../../src-core/device/model'
import { DEFAULT_PRESET } from '../../../src-core/device/presets'
import type { DevicePreset } from '../../../src-core/device/types'
import type { LinkStats } from '../serial/link'
import { listSerialPorts, type PortEntry } from '../serial/ports'
import { InstrumentError } from './errors'
import { limitsFromProfile } from './limits'
import { SerialInstrument } from './serial-instrument'
import { SimulatedInstrument } from './simulated-instrument'
import type { Instrument, InstrumentIdentity } from './types'

/** "simulated", or "serial:PATH" (e.g. "serial:/dev/ttyUSB0"). */
export type BackendSpec = string

export type ServiceLinkState = 'none' | 'connecting' | 'ready' | 'busy' | 'lost'

export interface ConnectOptions {
  backend: BackendSpec
  /** Serial only; default 115200. */
  baudRate?: number
  /** The device profile: its limits are enforced (with the board's), and the simulator models it. */
  preset?: DevicePreset
  /** Simulated only: seed and array geometry (defaults 1, 16×16). */
  seed?: number
  rows?: number
  cols?: number
  requestTimeoutMs?: number
  retries?: number
  heartbeatMs?: number
}

export interface InstrumentStatus {
  /** "none", "simulated" or "serial:PATH". */
  backend: string
  link: ServiceLinkState
  /** Last state change, in words. */
  detail: string
  identity: InstrumentIdentity | null
  /** Serial only: frame counters of the link. */
  stats: LinkStats | null
}

export interface InstrumentServiceEvents {
  status: [status: InstrumentStatus]
}

export function parseBackend(spec: string): { kind: 'simulated' } | { kind: 'serial'; path: string } {
  if (spec === 'simulated') return { kind: 'simulated' }
  if (spec.startsWith('serial:') && spec.length > 'serial:'.length) return { kind: 'serial', path: spec.slice('serial:'.length) }
  throw new InstrumentError('BAD_REQUEST', `backend must be "simulated" or "serial:PATH", got "${spec}"`, 'backend')
}

/**
 * Chooses and holds the instrument back end (simulated | serial:PATH), lists ports, and reports
 * the link state as events. One instrument at a time; connecting replaces the previous one.
 */
export class InstrumentService extends EventEmitter<InstrumentServiceEvents> {
  private current: { backend: string; instrument: SimulatedInstrument | SerialInstrument; identity: InstrumentIdentity } | null = null
  private connecting: string | null = null
  private detail = 'no instrument'

  constructor(private readonly options: { namedPorts?: string[] } = {}) {
    super()
  }

  /** Serial ports found on this machine, plus the named ports (e.g. socat links) that exist. */
  listPorts(extraPaths: string[] = []): Promise<PortEntry[]> {
    return listSerialPorts({ namedPaths: [...(this.options.namedPorts ?? []), ...extraPaths] })
  }

  /** Connect to a back end (disconnecting the current one first). Rejects with a clear reason. */
  async connect(options: ConnectOptions): Promise<InstrumentStatus> {
    const backend = parseBackend(options.backend)
    if (this.connecting) throw new InstrumentError('BUSY', `already connecting to ${this.connecting}`)
    await this.disconnect()
    const preset = options.preset ?? DEFAULT_PRESET
    const profileLimits = limitsFromProfile(preset)
    this.connecting = options.backend
    this.publish(`connecting to ${options.backend}`)
    try {
      let instrument: SimulatedInstrument | SerialInstrument
      if (backend.kind === 'simulated') {
        instrument = new SimulatedInstrument({ model: createDeviceModel(preset), seed: options.seed ?? 1, rows: options.rows ?? 16, cols: options.cols ?? 16, profileLimits })
      } else {
        const serial = await SerialInstrument.connect({
          path: backend.path,
          baudRate: options.baudRate ?? 115200,
          profileLimits,
          ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
          ...(options.retries !== undefined ? { retries: options.retries } : {}),
          ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {})
        })
        serial.link.on('state', (_state, detail) => {
          if (this.current?.instrument === serial) this.publish(detail)
        })
        // A board that comes back may report other limits or geometry.
        serial.link.on('hello', () => {
          const c = this.current
          if (c?.instrument === serial) void serial.identify().then((identity) => (c.identity = identity), () => undefined)
        })
        instrument = serial
      }
      this.current = { backend: options.backend, instrument, identity: await instrument.identify() }
    } finally {
      this.connecting = null
    }
    this.publish(`connected to ${options.backend}`)
    return this.status()
  }

  async disconnect(): Promise<void> {
    const c = this.current
    if (!c) return
    this.current = null
    await c.instrument.close()
    this.publish(`disconnected from ${c.backend}`)
  }

  status(): InstrumentStatus {
    const c = this.current
    if (!c) return { backend: this.connecting ? this.connecting : 'none', link: this.connecting ? 'connecting' : 'none', detail: this.detail, identity: null, stats: null }
    if (c.instrument instanceof SimulatedInstrument) {
      return { backend: c.backend, link: c.instrument.busy ? 'busy' : 'ready', detail: this.detail, identity: c.identity, stats: null }
    }
    const state = c.instrument.link.state
    return { backend: c.backend, link: state === 'closed' ? 'none' : state, detail: this.detail, identity: c.identity, stats: { ...c.instrument.link.stats } }
  }

  /** The connected instrument; NOT_CONNECTED when there is none. */
  instrument(): Instrument {
    if (!this.current) throw new InstrumentError('NOT_CONNECTED', 'no instrument is connected; connect to "simulated" or "serial:PATH" first')
    return this.current.instrument
  }

  private publish(detail: string): void {
    this.detail = detail
    this.emit('status', this.status())
  }
}
