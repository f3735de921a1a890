import { EventEmitter } from 'node:events'
import { open as openFile, type FileHandle } from 'node:fs/promises'
import { connect as netConnect, type Socket } from 'node:net'
import { SerialPort } from 'serialport'
import { InstrumentError } from '../errors'

/**
 * The byte pipe under a SCPI session: a serial port (Keithley 2400 on RS-232 / USB-serial), a raw
 * LAN socket (port 5025, the SCPI-raw port of the 2450 and the B2900) or a Linux usbtmc device
 * node (`/dev/usbtmcN`, the kernel's USB Test & Measurement Class driver: a write sends a message,
 * a read returns the instrument's answer).
 */
export interface ScpiTransport extends EventEmitter<TransportEvents> {
  /** Where it goes, in words ("serial /dev/ttyUSB0 @ 9600", "tcp 10.0.0.5:5025"). */
  readonly describe: string
  write(text: string): Promise<void>
  /** usbtmc only: ask the driver for the answer of a query just written (other pipes push it). */
  pull?(): Promise<void>
  close(): Promise<void>
}

export interface TransportEvents {
  data: [chunk: string]
  /** The pipe closed without close() being called: a pulled cable, a closed socket. */
  lost: [reason: string]
}

export type SmuAddress =
  { kind: 'serial'; path: string; baudRate: number; flowControl?: 'none' | 'xon-xoff' | 'rts-cts' } | { kind: 'tcp'; host: string; port: number } | { kind: 'usbtmc'; path: string }

/** "serial:/dev/ttyUSB0", "tcp:HOST:PORT" or "usbtmc:/dev/usbtmc0" ⇄ an address (baud given apart). */
export function addressToString(a: SmuAddress): string {
  return a.kind === 'tcp' ? `tcp:${a.host}:${a.port}` : `${a.kind}:${a.path}`
}

export function parseAddress(text: string, baudRate = 9600): SmuAddress {
  const m = /^(serial|tcp|usbtmc):(.+)$/.exec(text)
  if (!m) throw new InstrumentError('BAD_REQUEST', `an SMU address is serial:PATH, tcp:HOST:PORT or usbtmc:PATH, got "${text}"`, 'address')
  if (m[1] === 'tcp') {
    const hp = /^(.+):(\d{1,5})$/.exec(m[2])
    const port = hp ? Number(hp[2]) : NaN
    if (!hp || !(port >= 1 && port <= 65535)) throw new InstrumentError('BAD_REQUEST', `tcp address must be HOST:PORT (e.g. 192.168.0.20:5025), got "${m[2]}"`, 'address')
    return { kind: 'tcp', host: hp[1], port }
  }
  return m[1] === 'serial' ? { kind: 'serial', path: m[2], baudRate } : { kind: 'usbtmc', path: m[2] }
}

export async function openTransport(a: SmuAddress, timeoutMs = 3000): Promise<ScpiTransport> {
  if (a.kind === 'serial') return SerialTransport.open(a.path, a.baudRate, a.flowControl ?? 'none')
  if (a.kind === 'tcp') return TcpTransport.open(a.host, a.port, timeoutMs)
  return UsbtmcTransport.open(a.path)
}

class SerialTransport extends EventEmitter<TransportEvents> implements ScpiTransport {
  private closing = false
  private constructor(
    private readonly port: SerialPort,
    readonly describe: string
  ) {
    super()
    port.setEncoding('latin1')
    port.on('data', (d: string) => this.emit('data', d))
    port.on('close', () => {
      if (!this.closing) this.emit('lost', `${describe} closed (cable pulled or instrument off?)`)
    })
    port.on('error', () => undefined)
  }

  static open(path: string, baudRate: number, flow: 'none' | 'xon-xoff' | 'rts-cts'): Promise<SerialTransport> {
    return new Promise((resolve, reject) => {
      const port = new SerialPort({ path, baudRate, autoOpen: false, xon: flow === 'xon-xoff', xoff: flow === 'xon-xoff', rtscts: flow === 'rts-cts' })
      port.open((e) => {
        if (e) reject(new InstrumentError('NOT_CONNECTED', `cannot open ${path}: ${e.message}`, 'path'))
        else resolve(new SerialTransport(port, `serial ${path} @ ${baudRate} baud`))
      })
    })
  }

  write(text: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.port.write(text, 'latin1', (e) => (e ? reject(new InstrumentError('LINK_LOST', `write to ${this.describe} failed: ${e.message}`)) : resolve()))
    })
  }

  close(): Promise<void> {
    this.closing = true
    return new Promise((resolve) => (this.port.isOpen ? this.port.close(() => resolve()) : resolve()))
  }
}

class TcpTransport extends EventEmitter<TransportEvents> implements ScpiTransport {
  private closing = false
  private constructor(
    private readonly socket: Socket,
    readonly describe: string
  ) {
    super()
    socket.setEncoding('latin1')
    socket.setNoDelay(true)
    socket.on('data', (d: string) => this.emit('data', d))
    socket.on('close', () => {
      if (!this.closing) this.emit('lost', `${describe} closed by the instrument`)
    })
    socket.on('error', () => undefined)
  }

  static open(host: string, port: number, timeoutMs: number): Promise<TcpTransport> {
    return new Promise((resolve, reject) => {
      const socket = netConnect({ host, port })
      const timer = setTimeout(() => {
        socket.destroy()
        reject(new InstrumentError('TIMEOUT', `no TCP connection to ${host}:${port} within ${timeoutMs} ms`, 'address'))
      }, timeoutMs)
      socket.once('connect', () => {
        clearTimeout(timer)
        resolve(new TcpTransport(socket, `tcp ${host}:${port}`))
      })
      socket.once('error', (e) => {
        clearTimeout(timer)
        reject(new InstrumentError('NOT_CONNECTED', `cannot connect to ${host}:${port}: ${e.message}`, 'address'))
      })
    })
  }

  write(text: string): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.destroyed) return reject(new InstrumentError('LINK_LOST', `${this.describe} is closed`))
      this.socket.write(text, 'latin1', (e) => (e ? reject(new InstrumentError('LINK_LOST', `write to ${this.describe} failed: ${e.message}`)) : resolve()))
    })
  }

  close(): Promise<void> {
    this.closing = true
    return new Promise((resolve) => {
      if (this.socket.destroyed) return resolve()
      this.socket.once('close', () => resolve())
      this.socket.end()
      setTimeout(() => this.socket.destroy(), 200).unref()
    })
  }
}

/**
 * /dev/usbtmcN: each write() is one USBTMC message; a read() after a query returns its answer
 * (the kernel driver times out with ETIMEDOUT when the instrument has none).
 */
class UsbtmcTransport extends EventEmitter<TransportEvents> implements ScpiTransport {
  private constructor(
    private readonly file: FileHandle,
    readonly describe: string
  ) {
    super()
  }

  static async open(path: string): Promise<UsbtmcTransport> {
    try {
      return new UsbtmcTransport(await openFile(path, 'r+'), `usbtmc ${path}`)
    } catch (e) {
      throw new InstrumentError('NOT_CONNECTED', `cannot open ${path}: ${(e as Error).message}`, 'path')
    }
  }

  async write(text: string): Promise<void> {
    try {
      await this.file.write(Buffer.from(text, 'latin1'))
    } catch (e) {
      this.emit('lost', `${this.describe}: ${(e as Error).message}`)
      throw new InstrumentError('LINK_LOST', `write to ${this.describe} failed: ${(e as Error).message}`)
    }
  }

  async pull(): Promise<void> {
    const buf = Buffer.alloc(65536)
    try {
      const { bytesRead } = await this.file.read(buf, 0, buf.length, null)
      if (bytesRead > 0) this.emit('data', buf.subarray(0, bytesRead).toString('latin1'))
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ETIMEDOUT') this.emit('lost', `${this.describe}: ${(e as Error).message}`)
    }
  }

  async close(): Promise<void> {
    await this.file.close().catch(() => undefined)
  }
}
