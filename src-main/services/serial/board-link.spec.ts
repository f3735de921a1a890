import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDeviceModel } from '../../../src-core/device/model'
import { DEFAULT_PRESET } from '../../../src-core/device/presets'
import { SerialInstrument } from '../instruments/serial-instrument'
import { SimulatedInstrument } from '../instruments/simulated-instrument'
import { programCells, runDcSweep } from '../instruments/recipes'
import { DC_SWEEP_20_CYCLES, FORMING, LADDER, SIXTEEN_TARGETS } from '../instruments/test-fixtures'
import type { Instrument } from '../instruments/types'
import { startBoardEmulator, type BoardEmulator } from './board-emulator'
import { statusResponse } from './messages'
import { OP, responseOp } from './protocol'

const hasSocat = (() => {
  try {
    execFileSync('socat', ['-V'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

const SEED = 2023
const GEOMETRY = { rows: 8, cols: 16 }
const twin = () => new SimulatedInstrument({ model: createDeviceModel(DEFAULT_PRESET), seed: SEED, ...GEOMETRY })

describe.skipIf(!hasSocat)('board emulator over a real pty', () => {
  let emu: BoardEmulator
  let board: SerialInstrument

  beforeAll(async () => {
    // 64-byte payloads force READ_BLOCK to be split into several requests.
    emu = await startBoardEmulator({ pty: true, seed: SEED, ...GEOMETRY, baudRate: 1_000_000, paceToBaud: false, maxPayloadBytes: 64 })
    board = await SerialInstrument.connect({ path: emu.hostPath!, baudRate: 1_000_000, requestTimeoutMs: 1000, heartbeatMs: 0 })
  })

  afterAll(async () => {
    await board?.close()
    await emu?.stop()
  })

  it('round-trips every operation, each answer equal to the simulated back end with the same seed', async () => {
    const sim = twin()
    const both = async <T>(op: (i: Instrument) => Promise<T>): Promise<T> => {
      const [a, b] = [await op(sim), await op(board)]
      expect(b).toEqual(a)
      return b
    }
    const id = await board.identify()
    expect(id).toMatchObject({ backend: 'serial', protocolVersion: 1, rows: 8, cols: 16, firmwareName: 'rram-board-emulator' })
    expect(id.boardLimits).toEqual(sim.boardLimits)
    await both((i) => i.read({ row: 0, col: 0, vReadV: 0.1 }))
    await both((i) => i.form({ row: 0, col: 0, ...FORMING, pulseWidthS: 1e-6 }))
    await both((i) => i.reset({ row: 0, col: 0, vStopV: -1.4, pulseWidthS: 1e-6 }))
    await both((i) => i.set({ row: 0, col: 0, vSetV: 1.5, iComplianceA: 120e-6, pulseWidthS: 1e-6 }))
    const block = await both((i) => i.readBlock({ row: 0, col: 0, rows: 8, cols: 16 }, 0.1))
    expect(block.iReadA).toHaveLength(128)
    expect(emu.received.filter((f) => f.op === OP.READ_BLOCK).length).toBeGreaterThan(1)
    await both((i) => i.programVerify({ ...LADDER, row: 0, col: 0, targetGS: 100e-6 }))
    await both((i) => runDcSweep(i, { row: 1, col: 1 }, { ...DC_SWEEP_20_CYCLES, cycles: 2 }))
    const ping = await board.link.request(OP.PING, Uint8Array.from([1, 2, 0, 3]))
    expect([...ping.payload]).toEqual([1, 2, 0, 3])
    const status = statusResponse.decode((await board.link.request(OP.STATUS, new Uint8Array(0))).payload)
    expect(status).toMatchObject({ busy: false, framesRejected: 0 })
  })

  it('aborts a streaming sweep: it ends aborted and keeps the points received', async () => {
    const run = await board.sweep({ row: 2, col: 2 }, DC_SWEEP_20_CYCLES)
    let n = 0
    for await (const p of run) {
      expect(p.index).toBe(n++)
      if (n === 40) await board.abort()
    }
    const outcome = await run.outcome
    expect(outcome.status).toBe('aborted')
    expect(outcome.points).toBe(n)
    expect(n).toBeGreaterThanOrEqual(40)
    expect(n).toBeLessThan(run.expectedPoints)
  })

  it('gets an error frame, not a timeout, for an operation the board does not know', async () => {
    const t0 = Date.now()
    await expect(board.link.request(0x5a, new Uint8Array(0), { retry: false })).rejects.toMatchObject({ code: 'UNKNOWN_OP' })
    expect(Date.now() - t0).toBeLessThan(500)
  })

  it('never puts an out-of-limit request on the wire', async () => {
    const before = emu.received.length
    const bad = [
      board.set({ row: 1, col: 1, vSetV: 2.6, iComplianceA: 100e-6, pulseWidthS: 1e-6 }),
      board.set({ row: 1, col: 1, vSetV: 1.5, iComplianceA: 500e-6, pulseWidthS: 1e-6 }),
      board.form({ row: 1, col: 1, vFormV: 2, iComplianceA: 100e-6, pulseWidthS: 5 }),
      board.reset({ row: 1, col: 1, vStopV: -4, pulseWidthS: 1e-6 }),
      board.sweep({ row: 1, col: 1 }, { ...DC_SWEEP_20_CYCLES, iComplianceA: 1e-3 }),
      board.programVerify({ ...LADDER, row: 1, col: 1, targetGS: 1e-4, iComplianceMaxA: 300e-6 }),
      board.read({ row: 99, col: 1, vReadV: 0.1 })
    ]
    for (const p of bad) await expect(p).rejects.toMatchObject({ code: expect.stringMatching(/LIMIT|BAD_REQUEST/) })
    await board.read({ row: 1, col: 1, vReadV: 0.1 })
    const arrived = emu.received.slice(before)
    expect(arrived.map((f) => f.opName)).toEqual(['READ'])
  })

  it('keeps one outstanding write per cell: concurrent writes to a cell reach the board one at a time', async () => {
    const seen: string[] = []
    board.link.on('trace', (dir, f) => {
      if (f.op === OP.SET || f.op === responseOp(OP.SET)) seen.push(dir)
    })
    await Promise.all([0, 1, 2].map(() => board.set({ row: 3, col: 3, vSetV: 1.5, iComplianceA: 100e-6, pulseWidthS: 1e-6 })))
    board.link.removeAllListeners('trace')
    expect(seen).toEqual(['tx', 'rx', 'tx', 'rx', 'tx', 'rx'])
  })
})

describe.skipIf(!hasSocat)('the same recipe on the simulator and on the emulator', () => {
  it('gives identical records for a 20-cycle DC sweep and a program-and-verify of 16 cells', async () => {
    const emu = await startBoardEmulator({ pty: true, seed: SEED, ...GEOMETRY, baudRate: 1_000_000, paceToBaud: false })
    const board = await SerialInstrument.connect({ path: emu.hostPath!, baudRate: 1_000_000, heartbeatMs: 0 })
    try {
      const recipe = async (i: Instrument) => ({
        sweep: await runDcSweep(i, { row: 5, col: 7 }, DC_SWEEP_20_CYCLES),
        program: await programCells(i, SIXTEEN_TARGETS, LADDER, FORMING)
      })
      const onSim = await recipe(twin())
      const onBoard = await recipe(board)
      expect(onBoard.sweep.outcome.status).toBe('complete')
      expect(onBoard.sweep.points).toHaveLength(DC_SWEEP_20_CYCLES.cycles * 165)
      expect(onBoard.program.results.filter((r) => r.converged).length).toBeGreaterThanOrEqual(14)
      expect(onBoard).toEqual(onSim)
    } finally {
      await board.close()
      await emu.stop()
    }
  })
})
