/**
 * Paces writes to what a UART at `baudRate` could carry (10 bit times per byte: start, 8 data,
 * stop). A pseudo-terminal moves bytes at memory speed; the emulator uses this so that timings
 * and throughput over a pty look like a real serial line's.
 */
export class LinePacer {
  private freeAtMs = 0
  readonly bytesPerMs: number

  /**
   * slackMs: how far ahead of the line the writer may run (a board's transmit FIFO). Larger than a
   * timer's lateness, so the line never idles while frames are waiting.
   */
  constructor(
    baudRate: number,
    private readonly slackMs = 10
  ) {
    this.bytesPerMs = baudRate / 10 / 1000
  }

  /**
   * Waits until `bytes` may be handed to the line, and books their line time. While frames queue
   * up, the writer runs at most slackMs ahead (refilling in bursts, so timers do not throttle it);
   * a frame sent on an idle line is held for its own line time, so a lone reply arrives no earlier
   * than on a real UART.
   */
  async reserve(bytes: number): Promise<void> {
    const ahead = this.freeAtMs - performance.now()
    if (ahead > this.slackMs) await sleep(ahead - this.slackMs / 2)
    const now = performance.now()
    const idle = this.freeAtMs <= now
    const durationMs = bytes / this.bytesPerMs
    this.freeAtMs = Math.max(this.freeAtMs, now) + durationMs
    if (idle && durationMs > 0.5) await sleep(durationMs)
  }

  /** Waits until `bytes` that start arriving now (or after earlier ones) have fully arrived. */
  async arrive(bytes: number): Promise<void> {
    const now = performance.now()
    this.freeAtMs = Math.max(this.freeAtMs, now) + bytes / this.bytesPerMs
    const wait = this.freeAtMs - now
    if (wait > 0.5) await sleep(wait)
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
