import { SerialPort } from 'serialport'
import { createDeviceModel } from '../../../src-core/device/model'
import type { DevicePreset } from '../../../src-core/device/types'
import { SimulatedInstrument } from '../instruments/simulated-instrument'
import { SerialInstrument } from '../instruments/serial-instrument'
import type { Instrument, InstrumentIdentity } from '../instruments/types'
import type { LinkState } from '../serial/link'
import { EMULATOR_DEFAULTS } from '../serial/board-emulator'

export type BenchLink = 'none' | 'connecting' | 'ready' | 'busy' | 'lost'

export interface BenchStatus {
  /** "simulated" or "serial:PATH" (the status bar's label). */
  instrumentBackend: string
  link: BenchLink
}

export interface SerialPortInfo {
  path: string
  manufacturer: string | null
  serialNumber: string | null
}

/**
 * The instrument on the bench: the simulated die (one seeded array per seed and preset, kept for
 * the session so forming then sweeping acts on the same cell), or a board on a serial port.
 * The simulated array has the board emulator's geometry and initial state, so one seed gives the
 * same records on either back end.
 * (A stand-in until src-main/services/instruments has an InstrumentService.)
 */
export class InstrumentBench {
  private serial: { instrument: SerialInstrument; path: string } | null = null
  private readonly dies = new Map<string, SimulatedInstrument>()
  private linkState: BenchLink = 'none'

  constructor(private readonly onStatus: (s: BenchStatus) => void) {}

  get status(): BenchStatus {
    return { instrumentBackend: this.serial ? `serial:${this.serial.path}` : 'simulated', link: this.serial ? this.linkState : 'none' }
  }

  get backendKind(): 'simulated' | 'serial' {
    return this.serial ? 'serial' : 'simulated'
  }

  async listPorts(): Promise<SerialPortInfo[]> {
    const ports = await SerialPort.list()
    return ports.map((p) => ({ path: p.path, manufacturer: p.manufacturer ?? null, serialNumber: p.serialNumber ?? null }))
  }

  /** Open a board on a serial port and make it the bench's instrument (closing any previous one). */
  async connectSerial(path: string, baudRate: number): Promise<InstrumentIdentity> {
    await this.disconnect()
    this.setLink('connecting')
    let instrument: SerialInstrument
    try {
      instrument = await SerialInstrument.connect({ path, baudRate })
    } catch (e) {
      this.setLink('none')
      throw e
    }
    this.serial = { instrument, path }
    instrument.link.on('state', (state: LinkState) => {
      if (this.serial?.instrument !== instrument) return
      this.setLink(state === 'closed' ? 'lost' : state)
    })
    this.setLink('ready')
    return instrument.identify()
  }

  /** Back to the simulated die. */
  async disconnect(): Promise<void> {
    const s = this.serial
    this.serial = null
    if (s) await s.instrument.close().catch(() => undefined)
    this.setLink('none')
  }

  /** The instrument a recipe runs on: the board when connected, else the die of this seed and preset. */
  instrumentFor(seed: number, preset: DevicePreset): Instrument {
    if (this.serial) return this.serial.instrument
    const key = `${seed}|${preset.name}`
    let die = this.dies.get(key)
    if (!die) {
      die = new SimulatedInstrument({ model: createDeviceModel(preset), seed, rows: EMULATOR_DEFAULTS.rows, cols: EMULATOR_DEFAULTS.cols })
      this.dies.set(key, die)
    }
    return die
  }

  /** Forget the simulated dies (fresh, pristine cells on the next recipe). */
  resetSimulated(): void {
    this.dies.clear()
  }

  async close(): Promise<void> {
    await this.disconnect()
  }

  private setLink(link: BenchLink): void {
    this.linkState = link
    this.onStatus(this.status)
  }
}
