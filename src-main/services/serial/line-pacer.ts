/**
 * Paces writes to what a UART at `baudRate` could carry (10 bit times per byte: start, 8 data,
 * stop). A pseudo-terminal moves bytes at memory speed; the emulator uses this so that timings
 * and throughput over a pty look like a real serial line's.
 */
export class LinePacer {
  private freeAtMs = 0
  readonly bytesPerMs: number

  constructor(baudRate: number, private readonly slackMs = 2) {
    this.bytesPerMs = baudRate / 10 / 1000
  }

  /** Waits until the line is (nearly) free, then books `bytes` of line time. */
  async reserve(bytes: number): Promise<void> {
    const now = performance.now()
    const ahead = this.freeAtMs - now
    if (ahead > this.slackMs) await new Promise((r) => setTimeout(r, ahead - this.slackMs))
    this.freeAtMs = Math.max(this.freeAtMs, performance.now()) + bytes / this.bytesPerMs
  }
}
