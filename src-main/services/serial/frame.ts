import crc32 from 'crc/calculators/crc32'
import { CobsDecodeError, cobsDecode, cobsEncode } from './cobs'

/**
 * One protocol frame before stuffing:
 *   version u8 | op u8 | seq u16 LE | payload length u16 LE | payload | CRC-32 u32 LE
 * The CRC (IEEE 802.3, the `crc` package's crc32) covers header and payload. On the wire the
 * frame is COBS-encoded and followed by one 0x00 delimiter. This header layout is the same in
 * every protocol version so that a peer can always answer a frame of a version it does not speak.
 */
export interface Frame {
  version: number
  op: number
  seq: number
  payload: Uint8Array
}

export const HEADER_BYTES = 6
export const CRC_BYTES = 4
/** Largest payload protocol version 1 allows; a board may declare a smaller one in HELLO. */
export const MAX_PAYLOAD_BYTES = 4096
/** Largest stuffed frame the splitter keeps (payload + header + CRC + COBS overhead). */
export const MAX_ENCODED_FRAME_BYTES = MAX_PAYLOAD_BYTES + HEADER_BYTES + CRC_BYTES + 64

export class FrameError extends Error {
  override readonly name = 'FrameError'
}

/** The bytes of a frame as sent on the wire: COBS(header | payload | CRC) followed by 0x00. */
export function encodeFrame(frame: Frame): Buffer {
  if (frame.payload.length > MAX_PAYLOAD_BYTES) {
    throw new FrameError(`payload of ${frame.payload.length} bytes exceeds the ${MAX_PAYLOAD_BYTES}-byte limit`)
  }
  const raw = new Uint8Array(HEADER_BYTES + frame.payload.length + CRC_BYTES)
  const view = new DataView(raw.buffer)
  view.setUint8(0, frame.version)
  view.setUint8(1, frame.op)
  view.setUint16(2, frame.seq, true)
  view.setUint16(4, frame.payload.length, true)
  raw.set(frame.payload, HEADER_BYTES)
  const crcAt = HEADER_BYTES + frame.payload.length
  view.setUint32(crcAt, crc32(raw.subarray(0, crcAt)) >>> 0, true)
  const stuffed = cobsEncode(raw)
  const wire = Buffer.allocUnsafe(stuffed.length + 1)
  wire.set(stuffed, 0)
  wire[stuffed.length] = 0
  return wire
}

/** Decode one stuffed frame (delimiter removed). Throws FrameError on any defect. */
export function decodeFrame(stuffed: Uint8Array): Frame {
  let raw: Uint8Array
  try {
    raw = cobsDecode(stuffed)
  } catch (e) {
    if (e instanceof CobsDecodeError) throw new FrameError(`bad stuffing: ${e.message}`)
    throw e
  }
  if (raw.length < HEADER_BYTES + CRC_BYTES) throw new FrameError(`frame of ${raw.length} bytes is shorter than a header and CRC`)
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength)
  const length = view.getUint16(4, true)
  if (raw.length !== HEADER_BYTES + length + CRC_BYTES) {
    throw new FrameError(`length field says ${length} payload bytes, frame holds ${raw.length - HEADER_BYTES - CRC_BYTES}`)
  }
  const crcAt = HEADER_BYTES + length
  const expected = view.getUint32(crcAt, true)
  const actual = crc32(raw.subarray(0, crcAt)) >>> 0
  if (expected !== actual) throw new FrameError(`CRC mismatch (frame says ${hex32(expected)}, computed ${hex32(actual)})`)
  return {
    version: view.getUint8(0),
    op: view.getUint8(1),
    seq: view.getUint16(2, true),
    payload: raw.slice(HEADER_BYTES, crcAt)
  }
}

const hex32 = (n: number) => '0x' + n.toString(16).padStart(8, '0')

/**
 * Splits a byte stream at 0x00 delimiters into stuffed frames. Unlike serialport's
 * DelimiterParser it bounds its buffer: a run longer than `maxFrameBytes` without a delimiter
 * (line noise, a wrong baud rate) is dropped up to the next delimiter and counted.
 */
export class FrameSplitter {
  private parts: Buffer[] = []
  private partBytes = 0
  private overflowing = false
  /** Stuffed runs dropped because they were too long. */
  oversized = 0

  constructor(private readonly maxFrameBytes = MAX_ENCODED_FRAME_BYTES) {}

  /** Feed received bytes; returns the complete stuffed frames they finish (empty runs skipped). */
  push(chunk: Uint8Array): Buffer[] {
    const frames: Buffer[] = []
    let start = 0
    for (;;) {
      const zero = chunk.indexOf(0, start)
      const end = zero === -1 ? chunk.length : zero
      if (end > start && !this.overflowing) {
        this.partBytes += end - start
        if (this.partBytes > this.maxFrameBytes) {
          this.overflowing = true
          this.parts = []
          this.oversized++
        } else {
          this.parts.push(Buffer.from(chunk.subarray(start, end)))
        }
      }
      if (zero === -1) break
      if (!this.overflowing && this.partBytes > 0) frames.push(this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts))
      this.parts = []
      this.partBytes = 0
      this.overflowing = false
      start = zero + 1
    }
    return frames
  }

  /** Forget a partial frame (after a reconnect). */
  reset(): void {
    this.parts = []
    this.partBytes = 0
    this.overflowing = false
  }
}
