import { InstrumentError } from '../instruments/errors'

/** Little-endian payload writer: integers, float64 (exact doubles on the wire) and short strings. */
export class ByteWriter {
  private buf: Uint8Array
  private view: DataView
  private at = 0

  constructor(capacity = 64) {
    this.buf = new Uint8Array(capacity)
    this.view = new DataView(this.buf.buffer)
  }

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.at + n))
    next.set(this.buf)
    this.buf = next
    this.view = new DataView(next.buffer)
  }

  u8(x: number): this {
    this.room(1)
    this.view.setUint8(this.at, x)
    this.at += 1
    return this
  }

  u16(x: number): this {
    this.room(2)
    this.view.setUint16(this.at, x, true)
    this.at += 2
    return this
  }

  u32(x: number): this {
    this.room(4)
    this.view.setUint32(this.at, x, true)
    this.at += 4
    return this
  }

  f64(x: number): this {
    this.room(8)
    this.view.setFloat64(this.at, x, true)
    this.at += 8
    return this
  }

  /** UTF-8 string with a u8 byte length; longer strings are cut at 255 bytes. */
  str(s: string): this {
    let bytes = new TextEncoder().encode(s)
    if (bytes.length > 255) bytes = bytes.subarray(0, 255)
    this.u8(bytes.length)
    this.room(bytes.length)
    this.buf.set(bytes, this.at)
    this.at += bytes.length
    return this
  }

  bytes(b: Uint8Array): this {
    this.room(b.length)
    this.buf.set(b, this.at)
    this.at += b.length
    return this
  }

  done(): Uint8Array {
    return this.buf.slice(0, this.at)
  }
}

/** Reads what ByteWriter wrote; a short or over-long payload is a PROTOCOL error naming the field. */
export class ByteReader {
  private readonly view: DataView
  private at = 0

  constructor(
    private readonly buf: Uint8Array,
    private readonly what: string
  ) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  }

  private need(n: number, field: string): void {
    if (this.at + n > this.buf.length) {
      throw new InstrumentError('PROTOCOL', `${this.what} payload ends before field "${field}" (${this.buf.length} bytes)`, field)
    }
  }

  u8(field: string): number {
    this.need(1, field)
    return this.view.getUint8(this.at++)
  }

  u16(field: string): number {
    this.need(2, field)
    const x = this.view.getUint16(this.at, true)
    this.at += 2
    return x
  }

  u32(field: string): number {
    this.need(4, field)
    const x = this.view.getUint32(this.at, true)
    this.at += 4
    return x
  }

  f64(field: string): number {
    this.need(8, field)
    const x = this.view.getFloat64(this.at, true)
    this.at += 8
    return x
  }

  str(field: string): string {
    const n = this.u8(field)
    this.need(n, field)
    const s = new TextDecoder().decode(this.buf.subarray(this.at, this.at + n))
    this.at += n
    return s
  }

  rest(): Uint8Array {
    const b = this.buf.slice(this.at)
    this.at = this.buf.length
    return b
  }

  get remaining(): number {
    return this.buf.length - this.at
  }

  /** Asserts the whole payload was consumed. */
  end(): void {
    if (this.at !== this.buf.length) {
      throw new InstrumentError('PROTOCOL', `${this.what} payload has ${this.buf.length - this.at} unexpected trailing bytes`)
    }
  }
}
