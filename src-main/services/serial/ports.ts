import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { SerialPort } from 'serialport'

export type PortKind = 'usb-serial' | 'usb-acm' | 'uart' | 'pty' | 'named'

export interface PortEntry {
  path: string
  kind: PortKind
  /** Where a symlink points (a named port, or a socat link). */
  target?: string
  manufacturer?: string
  serialNumber?: string
}

const PATTERNS: Array<[RegExp, PortKind]> = [
  [/^ttyUSB\d+$/, 'usb-serial'],
  [/^ttyACM\d+$/, 'usb-acm'],
  [/^ttyS\d+$/, 'uart']
]

/**
 * Serial ports this machine offers. SerialPort.list() needs udev (udevadm) for details and may
 * return little or nothing without it, so the device folder is also scanned for ttyS*, ttyUSB*,
 * ttyACM* and pts/*, and any paths the user named (e.g. socat links) are added when they exist.
 */
export async function listSerialPorts(options: { namedPaths?: string[]; devDir?: string } = {}): Promise<PortEntry[]> {
  const devDir = options.devDir ?? '/dev'
  const found = new Map<string, PortEntry>()
  const add = (e: PortEntry) => {
    if (!found.has(e.path)) found.set(e.path, e)
  }
  try {
    for (const p of await SerialPort.list()) {
      const name = p.path.split('/').pop() ?? ''
      const kind = PATTERNS.find(([re]) => re.test(name))?.[1] ?? 'uart'
      add({ path: p.path, kind, ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}), ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}) })
    }
  } catch {
    // No udev or no permission: the scan below still finds the devices.
  }
  for (const name of safeReaddir(devDir).sort(naturalOrder)) {
    const kind = PATTERNS.find(([re]) => re.test(name))?.[1]
    if (kind) add({ path: join(devDir, name), kind })
  }
  for (const name of safeReaddir(join(devDir, 'pts')).sort(naturalOrder)) {
    if (/^\d+$/.test(name)) add({ path: join(devDir, 'pts', name), kind: 'pty' })
  }
  for (const path of options.namedPaths ?? []) {
    if (!existsSync(path)) continue
    let target: string | undefined
    try {
      target = realpathSync(path)
    } catch {
      continue
    }
    found.delete(path)
    found.set(path, { path, kind: 'named', ...(target !== path ? { target } : {}) })
  }
  return [...found.values()]
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}

const naturalOrder = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true })

/** Device paths a board may be opened at: /dev/tty*, /dev/serial/*, /dev/pts/*, COMn (Windows). */
const SERIAL_DEVICE = /^(\/dev\/tty[A-Za-z0-9._-]*|\/dev\/serial\/[A-Za-z0-9._:/-]+|\/dev\/pts\/\d+|COM\d{1,3}|\\\\\.\\COM\d{1,3})$/

/**
 * Whether `path` may be opened as a serial port: it names a serial device, or is a link (a socat
 * pty link, a udev alias) to one that is a character device. The answer is a yes/no only: a caller
 * reports a refusal in one sentence whether or not the file exists (issue 13, item 11).
 */
export function isSerialPortPath(path: string): boolean {
  if (path.includes('\0') || path.split(/[\\/]/).includes('..')) return false
  if (/^COM\d{1,3}$|^\\\\\.\\COM\d{1,3}$/.test(path)) return process.platform === 'win32'
  let real: string
  try {
    real = realpathSync(path)
    if (!statSync(real).isCharacterDevice()) return false
  } catch {
    return false
  }
  return SERIAL_DEVICE.test(real)
}
