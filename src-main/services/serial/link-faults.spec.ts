import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SerialInstrument } from '../instruments/serial-instrument'
import { DC_SWEEP_20_CYCLES, FORMING } from '../instruments/test-fixtures'
import type { SweepPoint } from '../instruments/types'
import { startBoardEmulator } from './board-emulator'
import type { Frame } from './frame'
import type { LinkState } from './link'
import { OP } from './protocol'

const hasSocat = (() => {
  try {
    execFileSync('socat', ['-V'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

const key = (f: Pick<Frame, 'op' | 'seq' | 'payload'>) => `${f.op}:${f.seq}:${Buffer.from(f.payload).toString('hex')}`

function waitForState(inst: SerialInstrument, wanted: LinkState, timeoutMs: number): Promise<void> {
  if (inst.link.state === wanted) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`link did not become ${wanted} within ${timeoutMs} ms (is ${inst.link.state})`)), timeoutMs)
    const on = (s: LinkState) => {
      if (s !== wanted) return
      clearTimeout(timer)
      inst.link.off('state', on)
      resolve()
    }
    inst.link.on('state', on)
  })
}

describe.skipIf(!hasSocat)('link under faults', () => {
  it('every request resolves within its timeout through drops, corruption, truncation and garbage; nothing corrupt is accepted', async () => {
    const emu = await startBoardEmulator({
      pty: true,
      seed: 9,
      baudRate: 1_000_000,
      paceToBaud: false,
      logSent: true,
      faults: { seed: 4, dropRate: 0.05, corruptRate: 0.05, truncateRate: 0.03, garbageRate: 0.05, incomingCorruptRate: 0.03 }
    })
    const timeoutMs = 100
    const retries = 2
    const board = await SerialInstrument.connect({ path: emu.hostPath!, baudRate: 1_000_000, requestTimeoutMs: timeoutMs, retries, heartbeatMs: 0 })
    const accepted: Frame[] = []
    const sentByHost = new Set<string>()
    board.link.on('trace', (dir, f) => (dir === 'rx' ? accepted.push(f) : sentByHost.add(key(f))))
    try {
      let ok = 0
      let failed = 0
      for (let n = 0; n < 200; n++) {
        const cell = { row: n % 16, col: (n * 7) % 16 }
        const t0 = performance.now()
        // Reads and pings are retried; pulses are not (their outcome would be unknown).
        const idempotent = n % 4 !== 3
        const op =
          n % 4 === 3
            ? board.form({ ...cell, ...FORMING, pulseWidthS: 1e-6 })
            : n % 4 === 2
              ? board.link.request(OP.PING, Uint8Array.from([n & 0xff, 0, n >> 8]))
              : board.read({ ...cell, vReadV: 0.1 })
        await op.then(
          () => ok++,
          (e) => {
            expect(e.code).toBe('TIMEOUT')
            failed++
          }
        )
        const bound = (idempotent ? retries + 1 : 1) * timeoutMs + 100
        expect(performance.now() - t0).toBeLessThan(bound)
      }
      expect(ok).toBeGreaterThan(150)
      expect(ok + failed).toBe(200)
      expect(emu.faults.counts.corrupted + emu.faults.counts.truncated + emu.faults.counts.dropped).toBeGreaterThan(10)
      // Every frame the host accepted is one the board really sent, byte for byte; and the board
      // only accepted frames the host really sent.
      const sentByBoard = new Set(emu.sent.map(key))
      expect(accepted.filter((f) => !sentByBoard.has(key(f)))).toEqual([])
      // (the handshake went out before the trace listener was attached)
      expect(emu.received.filter((f) => f.op !== OP.HELLO && !sentByHost.has(key(f)))).toEqual([])
      expect(board.link.stats.framesRejected).toBeGreaterThan(0)
      expect(['ready', 'busy']).toContain(board.link.state)
    } finally {
      await board.close()
      await emu.stop()
    }
  })

  it('emulator killed mid-sweep: the sweep ends interrupted with every point so far; the link comes back with the emulator', async () => {
    const hostPath = join(mkdtempSync(join(tmpdir(), 'rram-reconnect-')), 'board')
    const first = await startBoardEmulator({ pty: { hostPath }, seed: 3, baudRate: 115200 })
    const board = await SerialInstrument.connect({ path: hostPath, baudRate: 115200, requestTimeoutMs: 300, heartbeatMs: 500, backoffInitialMs: 50, backoffMaxMs: 400 })
    const states: LinkState[] = []
    board.link.on('state', (s) => states.push(s))
    let second: Awaited<ReturnType<typeof startBoardEmulator>> | null = null
    try {
      const run = await board.sweep({ row: 0, col: 0 }, DC_SWEEP_20_CYCLES)
      const points: SweepPoint[] = []
      for await (const p of run) {
        points.push(p)
        if (points.length === 60) void first.stop({ abrupt: true })
      }
      const outcome = await run.outcome
      expect(outcome.status).toBe('interrupted')
      expect(outcome.points).toBe(points.length)
      expect(points.length).toBeGreaterThanOrEqual(60)
      expect(points.length).toBeLessThan(run.expectedPoints)
      expect(points.map((p) => p.index)).toEqual(points.map((_, k) => k))
      await waitForState(board, 'lost', 2000)
      await expect(board.read({ row: 0, col: 0, vReadV: 0.1 })).rejects.toMatchObject({ code: 'LINK_LOST' })

      second = await startBoardEmulator({ pty: { hostPath }, seed: 3, baudRate: 115200 })
      await waitForState(board, 'ready', 5000)
      const r = await board.read({ row: 0, col: 0, vReadV: 0.1 })
      expect(r.gS).toBeGreaterThan(0)
      expect(board.link.stats.reconnects).toBe(1)
      expect(states).toContain('connecting')
    } finally {
      await board.close()
      await first.stop()
      await second?.stop()
    }
  })

  it('a board that falls silent (port still open) is detected by the heartbeat', async () => {
    const emu = await startBoardEmulator({ pty: true, seed: 3, baudRate: 1_000_000, paceToBaud: false })
    const board = await SerialInstrument.connect({ path: emu.hostPath!, baudRate: 1_000_000, requestTimeoutMs: 100, retries: 1, heartbeatMs: 200, reconnect: false })
    try {
      // Drop everything the board says from now on.
      emu.faults.options.dropRate = 1
      await waitForState(board, 'lost', 3000)
    } finally {
      await board.close()
      await emu.stop()
    }
  })
})
