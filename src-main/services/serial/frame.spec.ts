import { describe, expect, it } from 'vitest'
import crc32 from 'crc/calculators/crc32'
import { RandomStream } from '../../../src-core/random'
import { FrameError, FrameSplitter, MAX_PAYLOAD_BYTES, decodeFrame, encodeFrame, type Frame } from './frame'

const frameKey = (f: Frame) => `${f.version}:${f.op}:${f.seq}:${Buffer.from(f.payload).toString('hex')}`

function randomFrame(rng: RandomStream, seq: number): Frame {
  const payload = new Uint8Array(rng.int(64))
  // Plenty of zeros, so stuffing is exercised.
  for (let k = 0; k < payload.length; k++) payload[k] = rng.uniform() < 0.2 ? 0 : rng.int(256)
  return { version: 1, op: 1 + rng.int(0x3f), seq, payload }
}

describe('frames', () => {
  it('uses the standard CRC-32 (check value of "123456789" is 0xCBF43926)', () => {
    expect(crc32(new TextEncoder().encode('123456789')) >>> 0).toBe(0xcbf43926)
  })

  it('round-trips a frame and ends it with the only 0x00 on the wire', () => {
    const f: Frame = { version: 1, op: 0x10, seq: 0xbeef, payload: Uint8Array.from([0, 1, 0, 0, 255]) }
    const wire = encodeFrame(f)
    expect(wire.indexOf(0)).toBe(wire.length - 1)
    expect(decodeFrame(wire.subarray(0, -1))).toEqual(f)
  })

  it('refuses payloads beyond the protocol limit instead of sending them', () => {
    expect(() => encodeFrame({ version: 1, op: 1, seq: 1, payload: new Uint8Array(MAX_PAYLOAD_BYTES + 1) })).toThrow(FrameError)
  })

  it('detects every single-byte change of a frame', () => {
    const rng = RandomStream.fromSeed(7)
    for (let n = 0; n < 300; n++) {
      const wire = encodeFrame(randomFrame(rng, n))
      const stuffed = Buffer.from(wire.subarray(0, -1))
      const at = rng.int(stuffed.length)
      stuffed[at] ^= 1 + rng.int(255)
      if (stuffed[at] === 0) continue // a new delimiter: the splitter's business, tested below
      expect(() => decodeFrame(stuffed)).toThrow(FrameError)
    }
  })

  it('10,000 frames through corruption, truncation and garbage: none corrupt accepted, every intact one recovered', () => {
    const rng = RandomStream.fromSeed(2023)
    const splitter = new FrameSplitter()
    const sent = new Map<string, number>()
    const intact = new Set<number>()
    let accepted = 0
    let rejected = 0
    const chunks: Buffer[] = []
    for (let n = 0; n < 10_000; n++) {
      const f = randomFrame(rng, n)
      sent.set(frameKey(f), n)
      let wire = Buffer.from(encodeFrame(f))
      const fault = rng.uniform()
      if (fault < 0.15) wire[rng.int(wire.length - 1)] ^= 1 + rng.int(255)
      else if (fault < 0.25) wire = wire.subarray(0, rng.int(wire.length - 1))
      if (rng.uniform() < 0.1) {
        const junk = Buffer.alloc(1 + rng.int(40))
        for (let k = 0; k < junk.length; k++) junk[k] = rng.int(256)
        chunks.push(junk)
      }
      // An unharmed frame can be recovered when the bytes before it end at a delimiter.
      const before = chunks.at(-1)
      if (fault >= 0.25 && (!before || before.at(-1) === 0)) intact.add(n)
      chunks.push(wire)
    }
    // Re-chunk the byte stream at random boundaries, as a serial driver would deliver it.
    const stream = Buffer.concat(chunks)
    const recovered = new Set<number>()
    for (let at = 0; at < stream.length;) {
      const len = 1 + rng.int(300)
      for (const stuffed of splitter.push(stream.subarray(at, at + len))) {
        try {
          const f = decodeFrame(stuffed)
          const n = sent.get(frameKey(f))
          // Anything accepted must be a frame that was really sent, byte for byte.
          expect(n).toBeDefined()
          recovered.add(n!)
          accepted++
        } catch (e) {
          expect(e).toBeInstanceOf(FrameError)
          rejected++
        }
      }
      at += len
    }
    // (A truncated frame or garbage without a final 0x00 runs into the next frame and spoils it.)
    expect([...intact].filter((n) => !recovered.has(n))).toEqual([])
    // Intact and after a delimiter: 0.75 × (0.9 × 0.9 + 0.1/256) = 0.608 of the frames, 6,078 ± 49 expected.
    expect(intact.size).toBeGreaterThan(5800)
    expect(rejected).toBeGreaterThan(2000)
    expect(accepted).toBe(recovered.size)
  })

  it('drops an over-long run without a delimiter and recovers at the next frame', () => {
    const splitter = new FrameSplitter(100)
    const good = encodeFrame({ version: 1, op: 2, seq: 9, payload: Uint8Array.from([1, 2, 3]) })
    const junk = Buffer.alloc(500, 0x55)
    const out = splitter.push(Buffer.concat([junk, Buffer.from([0]), good]))
    expect(splitter.oversized).toBe(1)
    expect(out).toHaveLength(1)
    expect(decodeFrame(out[0]).seq).toBe(9)
  })
})
