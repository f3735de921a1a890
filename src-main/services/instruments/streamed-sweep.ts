import type { SweepOutcome, SweepPoint, SweepPointBlock, SweepRun, SweepStatus } from './types'
import { SWEEP_BRANCHES } from './types'

/**
 * A sweep whose points arrive from elsewhere (event frames): a buffer the async iterator drains.
 * Points received before the end are always delivered, whatever ends the sweep.
 */
export class StreamedSweep implements SweepRun {
  readonly outcome: Promise<SweepOutcome>
  private readonly points: SweepPoint[] = []
  private readAt = 0
  private wake: (() => void) | null = null
  private ended: { status: SweepStatus; message?: string } | null = null
  private settle!: (o: SweepOutcome) => void
  private iterated = false
  /** Points the board sent that never arrived intact (gaps in the point index). */
  lostPoints = 0
  private nextIndex = 0

  constructor(readonly expectedPoints: number) {
    this.outcome = new Promise((resolve) => (this.settle = resolve))
  }

  get received(): number {
    return this.points.length
  }

  get isEnded(): boolean {
    return this.ended !== null
  }

  /** Add a point; duplicates and points after the end are ignored, gaps are counted. */
  push(point: SweepPoint): void {
    if (this.ended || point.index < this.nextIndex) return
    this.lostPoints += point.index - this.nextIndex
    this.nextIndex = point.index + 1
    this.points.push(point)
    this.poke()
  }

  /** End the sweep (first call wins); the iterator finishes after the buffered points. */
  end(status: SweepStatus, message?: string): void {
    if (this.ended) return
    if (status === 'complete' && (this.lostPoints > 0 || this.points.length < this.expectedPoints)) {
      status = 'interrupted'
      const lost = this.expectedPoints - this.points.length
      message = `${lost} of ${this.expectedPoints} points were lost on the line`
    }
    this.ended = message === undefined ? { status } : { status, message }
    this.settle({ status, points: this.points.length, expectedPoints: this.expectedPoints, ...(message !== undefined ? { message } : {}) })
    this.poke()
  }

  private poke(): void {
    const w = this.wake
    this.wake = null
    w?.()
  }

  /** Every point received so far in one block per wake-up: a slow line still streams, a fast one in bulk. */
  async *blocks(): AsyncGenerator<SweepPointBlock> {
    if (this.iterated) throw new Error('a sweep can be iterated only once')
    this.iterated = true
    for (;;) {
      if (this.readAt < this.points.length) {
        const from = this.readAt
        const n = this.points.length - from
        this.readAt = this.points.length
        const b = { firstIndex: from, length: n, cycle: new Uint32Array(n), branch: new Uint8Array(n), vV: new Float64Array(n), iA: new Float64Array(n), compliance: new Uint8Array(n) }
        for (let j = 0; j < n; j++) {
          const p = this.points[from + j]
          b.cycle[j] = p.cycle
          b.branch[j] = SWEEP_BRANCHES.indexOf(p.branch)
          b.vV[j] = p.vV
          b.iA[j] = p.iA
          b.compliance[j] = p.compliance ? 1 : 0
        }
        yield b
      } else if (this.ended) return
      else await new Promise<void>((r) => (this.wake = r))
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<SweepPoint> {
    if (this.iterated) throw new Error('a sweep can be iterated only once')
    this.iterated = true
    for (;;) {
      if (this.readAt < this.points.length) yield this.points[this.readAt++]
      else if (this.ended) return
      else await new Promise<void>((r) => (this.wake = r))
    }
  }
}
