import { RandomStream } from '../../../src-core/random'

/** Faults the emulator injects into its outgoing frames, for tests of the host's robustness. */
export interface FaultOptions {
  /** Seed of the fault draws (independent of the device seed). */
  seed?: number
  /** Probability that an outgoing frame is silently dropped. */
  dropRate?: number
  /** Probability that one byte of an outgoing frame is flipped (the CRC must catch it). */
  corruptRate?: number
  /** Probability that an outgoing frame is cut short before its delimiter. */
  truncateRate?: number
  /** Probability that 1–16 random bytes (maybe zeros) precede an outgoing frame. */
  garbageRate?: number
  /** Extra latency before every outgoing frame, ms. */
  delayMs?: number
  /** Hang up (close the port, and kill socat for a pty) after sending this many frames. */
  disconnectAfterFrames?: number
  /** Probability that an incoming frame's bytes are corrupted before the board parses them. */
  incomingCorruptRate?: number
}

export interface FaultCounts {
  dropped: number
  corrupted: number
  truncated: number
  garbage: number
  incomingCorrupted: number
}

/** Applies FaultOptions to encoded frames. Seeded: the same options and traffic give the same faults. */
export class FaultInjector {
  readonly counts: FaultCounts = { dropped: 0, corrupted: 0, truncated: 0, garbage: 0, incomingCorrupted: 0 }
  private readonly rng: RandomStream
  sent = 0

  constructor(readonly options: FaultOptions = {}) {
    this.rng = RandomStream.fromSeed(options.seed ?? 1)
  }

  /** The bytes to put on the line for one encoded frame (with its delimiter); empty when dropped. */
  outgoing(wire: Buffer): Buffer {
    const o = this.options
    this.sent++
    if (o.dropRate && this.rng.uniform() < o.dropRate) {
      this.counts.dropped++
      return Buffer.alloc(0)
    }
    let bytes = wire
    if (o.corruptRate && this.rng.uniform() < o.corruptRate) {
      bytes = Buffer.from(bytes)
      const at = this.rng.int(bytes.length - 1)
      bytes[at] ^= 1 + this.rng.int(255)
      this.counts.corrupted++
    }
    if (o.truncateRate && this.rng.uniform() < o.truncateRate) {
      // Cut the frame; the next frame's bytes will run on until its own delimiter.
      bytes = bytes.subarray(0, this.rng.int(bytes.length - 1))
      this.counts.truncated++
    }
    if (o.garbageRate && this.rng.uniform() < o.garbageRate) {
      const junk = Buffer.alloc(1 + this.rng.int(16))
      for (let k = 0; k < junk.length; k++) junk[k] = this.rng.int(256)
      bytes = Buffer.concat([junk, bytes])
      this.counts.garbage++
    }
    return bytes
  }

  /** Received bytes, possibly corrupted. */
  incoming(chunk: Buffer): Buffer {
    const rate = this.options.incomingCorruptRate
    if (!rate || this.rng.uniform() >= rate || chunk.length === 0) return chunk
    const bytes = Buffer.from(chunk)
    bytes[this.rng.int(bytes.length)] ^= 1 + this.rng.int(255)
    this.counts.incomingCorrupted++
    return bytes
  }

  /** True once the emulator should hang up. */
  get shouldDisconnect(): boolean {
    const n = this.options.disconnectAfterFrames
    return n !== undefined && this.sent >= n
  }
}
