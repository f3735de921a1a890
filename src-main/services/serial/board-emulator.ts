import { SerialPort } from 'serialport'
import { createDeviceModel } from '../../../src-core/device/model'
import { DEFAULT_PRESET } from '../../../src-core/device/presets'
import type { DevicePreset } from '../../../src-core/device/types'
import type { InitialCellState } from '../../../src-core/array/array-state'
import { SimulatedInstrument, simulatorBoardLimits } from '../instruments/simulated-instrument'
import type { InstrumentLimits } from '../instruments/types'
import { BoardSession, type ReceivedFrame } from './board-session'
import { FaultInjector, type FaultOptions } from './fault-injector'
import { encodeFrame, type Frame } from './frame'
import { LinePacer } from './line-pacer'
import { openPtyPair, type PtyPair } from './pty-pair'

export interface BoardEmulatorOptions {
  /** Serve on this existing serial device (the other end of a null-modem cable or pty pair). */
  path?: string
  /** Or make a socat pty pair; the host opens `hostPath` (optionally at a fixed path, e.g. to come back after a kill). */
  pty?: boolean | { hostPath?: string; boardPath?: string }
  baudRate?: number
  /** Emit no faster than a UART at baudRate would (default true). */
  paceToBaud?: boolean
  /** Device seed: the same seed as a simulated back end gives the same records. */
  seed?: number
  rows?: number
  cols?: number
  preset?: DevicePreset
  initialState?: InitialCellState
  /** Override some of the limits the board reports in HELLO (default: the preset's). */
  boardLimits?: Partial<InstrumentLimits>
  faults?: FaultOptions
  firmwareName?: string
  firmwareVersion?: string
  /** Largest payload the board declares in HELLO (default the protocol's 4096). */
  maxPayloadBytes?: number
  /** Keep every frame the board sends (before fault injection) in `sent`. */
  logSent?: boolean
}

export interface BoardEmulator {
  /** The path the host should open (the pty's host end, or null when serving on `path`). */
  hostPath: string | null
  boardPath: string
  baudRate: number
  instrument: SimulatedInstrument
  session: BoardSession
  faults: FaultInjector
  /** Every frame the board accepted, in order. */
  received: ReceivedFrame[]
  /** Every frame the board sent (with logSent), before fault injection. */
  sent: Frame[]
  /** Resolves when the emulator has stopped (by stop(), a fault-injected hang-up or the line closing). */
  stopped: Promise<void>
  /** Stop serving. abrupt: kill socat with SIGKILL and do not finish the sweep (a pulled cable). */
  stop(options?: { abrupt?: boolean }): Promise<void>
}

export const EMULATOR_DEFAULTS = { baudRate: 115200, seed: 1, rows: 16, cols: 16, firmwareName: 'rram-board-emulator', firmwareVersion: '1.0.0' }

/**
 * Start the board emulator: a SimulatedInstrument (the core's device model on a seeded N×M
 * array) behind the serial protocol, on a serial device or a fresh socat pty pair.
 */
export async function startBoardEmulator(options: BoardEmulatorOptions = {}): Promise<BoardEmulator> {
  const baudRate = options.baudRate ?? EMULATOR_DEFAULTS.baudRate
  const model = createDeviceModel(options.preset ?? DEFAULT_PRESET)
  const boardLimits = { ...simulatorBoardLimits(model), ...options.boardLimits }
  const instrument = new SimulatedInstrument({
    model,
    seed: options.seed ?? EMULATOR_DEFAULTS.seed,
    rows: options.rows ?? EMULATOR_DEFAULTS.rows,
    cols: options.cols ?? EMULATOR_DEFAULTS.cols,
    initialState: options.initialState,
    boardLimits,
    firmwareName: options.firmwareName ?? EMULATOR_DEFAULTS.firmwareName,
    firmwareVersion: options.firmwareVersion ?? EMULATOR_DEFAULTS.firmwareVersion
  })

  let pty: PtyPair | null = null
  if (options.pty) pty = await openPtyPair(typeof options.pty === 'object' ? options.pty : {})
  const boardPath = pty?.boardPath ?? options.path
  if (!boardPath) throw new Error('board emulator: give a serial device path or ask for a pty')

  const port = await new Promise<SerialPort>((resolve, reject) => {
    const p = new SerialPort({ path: boardPath, baudRate, autoOpen: false })
    p.open((err) => (err ? reject(new Error(`board emulator: cannot open ${boardPath}: ${err.message}`)) : resolve(p)))
  }).catch(async (e) => {
    await pty?.close()
    throw e
  })

  const faults = new FaultInjector(options.faults)
  const pacer = options.paceToBaud === false ? null : new LinePacer(baudRate)
  let stopping = false
  let sendChain: Promise<void> = Promise.resolve()

  const writeBytes = (bytes: Buffer) =>
    new Promise<void>((resolve) => {
      if (!port.isOpen || stopping) return resolve()
      if (port.write(bytes)) resolve()
      else port.once('drain', () => resolve())
    })

  const sent: Frame[] = []
  const send = (frame: Frame): Promise<void> => {
    if (options.logSent) sent.push(frame)
    const next = sendChain.then(async () => {
      if (stopping) throw new Error('the emulator has stopped')
      if (options.faults?.delayMs) await new Promise((r) => setTimeout(r, options.faults!.delayMs))
      const bytes = faults.outgoing(encodeFrame(frame))
      if (pacer) await pacer.reserve(bytes.length)
      await writeBytes(bytes)
      if (faults.shouldDisconnect) void stop({ abrupt: true })
    })
    sendChain = next.catch(() => undefined)
    return next
  }

  const session = new BoardSession(instrument, send, {
    firmwareName: options.firmwareName ?? EMULATOR_DEFAULTS.firmwareName,
    firmwareVersion: options.firmwareVersion ?? EMULATOR_DEFAULTS.firmwareVersion,
    maxPayloadBytes: options.maxPayloadBytes
  })
  // Incoming bytes are handed over when a UART at baudRate would have received them.
  const rxPacer = options.paceToBaud === false ? null : new LinePacer(baudRate)
  let rxChain: Promise<void> = Promise.resolve()
  port.on('data', (chunk: Buffer) => {
    if (!rxPacer) return void (stopping || session.onBytes(faults.incoming(chunk)))
    rxChain = rxChain.then(async () => {
      await rxPacer.arrive(chunk.length)
      if (!stopping) session.onBytes(faults.incoming(chunk))
    })
  })

  let markStopped!: () => void
  const stopped = new Promise<void>((r) => (markStopped = r))
  port.on('close', () => void stop({ abrupt: true }))

  async function stop(stopOptions: { abrupt?: boolean } = {}): Promise<void> {
    if (stopping) return stopped
    stopping = true
    instrument.abortRunning()
    if (stopOptions.abrupt) await pty?.close('SIGKILL')
    if (port.isOpen) await new Promise<void>((r) => port.close(() => r()))
    await pty?.close('SIGTERM')
    markStopped()
  }

  return {
    hostPath: pty?.hostPath ?? null,
    boardPath,
    baudRate,
    instrument,
    session,
    faults,
    received: session.received,
    sent,
    stopped,
    stop
  }
}
