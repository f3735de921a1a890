/** Operation kinds in the log (stored as one byte). */
export const OP_READ = 0
export const OP_SET = 1
export const OP_RESET = 2
export const OP_FORM = 3
export const OP_NAMES = ['read', 'set', 'reset', 'form'] as const
export type OpName = (typeof OP_NAMES)[number]

/**
 * The append-only operation log of a programming job, in growable typed arrays (capacity doubles,
 * so appending allocates nothing per operation on average). One entry per pulse or verify read:
 * cell index, kind, voltage (V_SET, V_STOP, V_FORM or V_READ, volts), compliance (A, SET/FORM only),
 * and for reads the conductance read (S).
 */
export class PulseLog {
  length = 0
  cell: Uint32Array
  kind: Uint8Array
  vV: Float32Array
  iA: Float32Array
  gS: Float32Array

  constructor(capacity = 4096) {
    this.cell = new Uint32Array(capacity)
    this.kind = new Uint8Array(capacity)
    this.vV = new Float32Array(capacity)
    this.iA = new Float32Array(capacity)
    this.gS = new Float32Array(capacity)
  }

  push(cell: number, kind: number, vV: number, iA: number, gS: number): void {
    if (this.length === this.cell.length) this.grow()
    const j = this.length++
    this.cell[j] = cell
    this.kind[j] = kind
    this.vV[j] = vV
    this.iA[j] = iA
    this.gS[j] = gS
  }

  /** Forget the entries (after they were stored), keeping the capacity. */
  clear(): void {
    this.length = 0
  }

  private grow(): void {
    const n = this.cell.length * 2
    const g = <T extends Uint32Array | Uint8Array | Float32Array>(a: T, make: (n: number) => T): T => {
      const b = make(n)
      b.set(a as never)
      return b
    }
    this.cell = g(this.cell, (m) => new Uint32Array(m))
    this.kind = g(this.kind, (m) => new Uint8Array(m))
    this.vV = g(this.vV, (m) => new Float32Array(m))
    this.iA = g(this.iA, (m) => new Float32Array(m))
    this.gS = g(this.gS, (m) => new Float32Array(m))
  }
}

/** Bytes per log entry in the stored format: u32 cell, u8 kind, f32 V, f32 I, f32 G (little-endian). */
export const LOG_ENTRY_BYTES = 17

/** Pack entries [from, to) into bytes (the stored BLOB format). */
export function encodeLog(log: PulseLog, from = 0, to = log.length): Uint8Array {
  const out = new Uint8Array((to - from) * LOG_ENTRY_BYTES)
  const view = new DataView(out.buffer)
  for (let j = from, o = 0; j < to; j++, o += LOG_ENTRY_BYTES) {
    view.setUint32(o, log.cell[j], true)
    view.setUint8(o + 4, log.kind[j])
    view.setFloat32(o + 5, log.vV[j], true)
    view.setFloat32(o + 9, log.iA[j], true)
    view.setFloat32(o + 13, log.gS[j], true)
  }
  return out
}

export interface LogEntry {
  cell: number
  kind: OpName
  vV: number
  iA: number
  gS: number
}

/** Unpack stored bytes; `onlyCell` keeps one cell's entries. */
export function decodeLog(bytes: Uint8Array, onlyCell = -1): LogEntry[] {
  if (bytes.length % LOG_ENTRY_BYTES !== 0) throw new RangeError(`a log chunk must hold whole ${LOG_ENTRY_BYTES}-byte entries, got ${bytes.length} bytes`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const out: LogEntry[] = []
  for (let o = 0; o < bytes.length; o += LOG_ENTRY_BYTES) {
    const cell = view.getUint32(o, true)
    if (onlyCell >= 0 && cell !== onlyCell) continue
    out.push({ cell, kind: OP_NAMES[view.getUint8(o + 4)], vV: view.getFloat32(o + 5, true), iA: view.getFloat32(o + 9, true), gS: view.getFloat32(o + 13, true) })
  }
  return out
}
