import { createServer, type Server, type Socket } from 'node:net'
import { SerialPort } from 'serialport'
import { createDeviceModel } from '../../../../src-core/device/model'
import { DEFAULT_PRESET } from '../../../../src-core/device/presets'
import type { DevicePreset } from '../../../../src-core/device/types'
import { RandomStream } from '../../../../src-core/random'
import { LinePacer } from '../../serial/line-pacer'
import { openPtyPair, type PtyPair } from '../../serial/pty-pair'
import { EmulatedCell } from './emulator-device'
import { SmuScpiEmulator, type SmuFaults } from './emulator-scpi'
import { smuModel, type SmuModelId } from './models'

export interface SmuEmulatorOptions {
  model: SmuModelId
  /** Serve on a fresh socat pty pair (the host opens `hostPath`), or on TCP at this port (0: any free port) on 127.0.0.1. */
  transport: { kind: 'pty'; baudRate?: number } | { kind: 'tcp'; port?: number; host?: string }
  seed?: number
  preset?: DevicePreset
  faults?: SmuFaults
  lineFrequencyHz?: number
}

export interface SmuEmulator {
  /** What the host opens: the pty path, or "HOST:PORT". */
  address: string
  /** The emulator of the connection in use (the last one accepted over TCP). */
  readonly scpi: SmuScpiEmulator | null
  cell: EmulatedCell
  stop(): Promise<void>
  /** Resolves when the emulator stopped (stop(), or a fault-injected hang-up over the pty). */
  stopped: Promise<void>
}

/**
 * Start an SMU emulator: one seeded cell of the core's device model behind the model's SCPI subset,
 * on a pty pair (the 2400's RS-232, paced to its baud rate) or a TCP socket (the raw SCPI port of
 * the 2450 / B2900; one connection at a time, as the instruments allow).
 */
export async function startSmuEmulator(o: SmuEmulatorOptions): Promise<SmuEmulator> {
  const model = smuModel(o.model)
  const rng = RandomStream.fromSeed(o.seed ?? 1)
  const cell = new EmulatedCell(createDeviceModel(o.preset ?? DEFAULT_PRESET), rng)
  let current: SmuScpiEmulator | null = null
  let stopResolve!: () => void
  const stopped = new Promise<void>((r) => (stopResolve = r))

  if (o.transport.kind === 'pty') {
    const baudRate = o.transport.baudRate ?? model.defaultBaud ?? 9600
    const pair: PtyPair = await openPtyPair()
    const port = new SerialPort({ path: pair.boardPath, baudRate, autoOpen: false })
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())))
    const pacer = new LinePacer(baudRate)
    let stopping = false
    const stop = async () => {
      if (stopping) return stopped
      stopping = true
      await new Promise<void>((r) => (port.isOpen ? port.close(() => r()) : r()))
      await pair.close('SIGTERM')
      stopResolve()
    }
    const scpi = new SmuScpiEmulator(
      o.model,
      cell,
      {
        send: async (line) => {
          const bytes = Buffer.from(line + '\n', 'latin1')
          await pacer.reserve(bytes.length)
          if (port.isOpen) port.write(bytes)
        },
        hangUp: () => void stop()
      },
      o.faults,
      o.lineFrequencyHz
    )
    current = scpi
    port.setEncoding('latin1')
    port.on('data', (d: string) => scpi.feed(d))
    port.on('error', () => undefined)
    return { address: pair.hostPath, scpi, cell, stop, stopped }
  }

  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    // One client at a time: a new connection replaces the old one.
    for (const s of sockets) s.destroy()
    sockets.add(socket)
    socket.setNoDelay(true)
    socket.setEncoding('latin1')
    const scpi = new SmuScpiEmulator(
      o.model,
      cell,
      {
        send: (line) => void (socket.destroyed || socket.write(line + '\n', 'latin1')),
        hangUp: () => socket.destroy()
      },
      o.faults,
      o.lineFrequencyHz
    )
    current = scpi
    socket.on('data', (d: string) => scpi.feed(d))
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
  })
  const host = o.transport.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(o.transport.kind === 'tcp' ? (o.transport.port ?? 0) : 0, host, () => resolve())
  })
  const addr = server.address()
  const port = typeof addr === 'object' && addr ? addr.port : 0
  const stop = async () => {
    for (const s of sockets) s.destroy()
    await new Promise<void>((r) => server.close(() => r()))
    stopResolve()
  }
  return {
    address: `${host}:${port}`,
    get scpi() {
      return current
    },
    cell,
    stop,
    stopped
  }
}
