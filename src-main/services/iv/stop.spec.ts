// Issue 13, item 12: Stop is a safety feature. On the simulator every pulse resolves at once; the
// recipe must still hand the event loop back, so a Stop request (a message, a timer) is seen while
// the session runs, and no pulse is applied after it.
import { execFileSync } from 'node:child_process'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_PRESET } from '../../../src-core/device/presets'
import { LabStore } from '../store'
import { InstrumentService } from '../instruments/instrument-service'
import { SimulatedInstrument } from '../instruments/simulated-instrument'
import { startBoardEmulator } from '../serial/board-emulator'
import { OP } from '../serial/protocol'
import { IvService } from './iv-service'
import { ivRecipeSchema } from './recipe-schema'

let store: LabStore
let iv: IvService

beforeEach(() => {
  store = LabStore.open(':memory:', 'test')
  iv = new IvService({ store, instruments: new InstrumentService(), appVersion: 'test', preset: () => DEFAULT_PRESET, progress: () => {} })
})
afterEach(() => {
  vi.restoreAllMocks()
  store.close()
})

describe('Stop on an I–V session', () => {
  it('a 100,000-cycle pulse session sees a Stop from a timer while it runs, applies no pulse after it, and reads "stopped"', async () => {
    let stopAsked = false
    let pulsesAfterStop = 0
    const realSet = SimulatedInstrument.prototype.set
    const realReset = SimulatedInstrument.prototype.reset
    vi.spyOn(SimulatedInstrument.prototype, 'set').mockImplementation(function (this: SimulatedInstrument, req) {
      if (stopAsked) pulsesAfterStop++
      return realSet.call(this, req)
    })
    vi.spyOn(SimulatedInstrument.prototype, 'reset').mockImplementation(function (this: SimulatedInstrument, req) {
      if (stopAsked) pulsesAfterStop++
      return realReset.call(this, req)
    })
    const s = await iv.start(ivRecipeSchema.parse({ recipe: 'cycling', cycles: 100_000 }))
    // A timer of 50 ms fires while the session runs (before the fix it fired only after the last cycle).
    const stopped = await new Promise<Awaited<ReturnType<IvService['stop']>>>((resolve, reject) =>
      setTimeout(() => {
        expect(iv.runningId).toBe(s.id)
        stopAsked = true
        iv.stop(s.id).then(resolve, reject)
      }, 50)
    )
    expect(stopped.status).toBe('stopped')
    expect(pulsesAfterStop).toBe(0)
    expect(stopped.reads).toBeGreaterThan(0)
    expect(stopped.reads).toBeLessThan(2 * 100_000)
    expect(stopped.cycles).toBeLessThan(100_000)
  })

  it('a 10,000-cycle DC sweep stops with its points kept and in order', async () => {
    const s = await iv.start(ivRecipeSchema.parse({ recipe: 'dc-sweep', cycles: 10_000 }))
    await new Promise((r) => setTimeout(r, 50))
    expect(iv.runningId).toBe(s.id)
    const stopped = await iv.stop(s.id)
    expect(stopped.status).toBe('stopped')
    const kept = iv.points(s.id)
    expect(kept.n).toBe(stopped.points)
    expect(kept.n).toBeGreaterThan(0)
    expect(kept.n).toBeLessThan(10_000 * 400)
  })
})

const hasSocat = (() => {
  try {
    execFileSync('socat', ['-V'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

describe.skipIf(!hasSocat)('Stop on an I–V session, over a pty to the board emulator', () => {
  it('sends ABORT, the board stops its sweep, the points received are kept and the session reads "stopped"', async () => {
    const emu = await startBoardEmulator({ pty: true, seed: 2, baudRate: 1_000_000 })
    const instruments = new InstrumentService()
    const board = new IvService({ store, instruments, appVersion: 'test', preset: () => DEFAULT_PRESET, progress: () => {} })
    try {
      await instruments.connect({ backend: `serial:${emu.hostPath}`, baudRate: 1_000_000 })
      for (const recipe of [
        { recipe: 'dc-sweep', cycles: 10_000 },
        { recipe: 'cycling', cycles: 100_000 }
      ]) {
        const s = await board.start(ivRecipeSchema.parse(recipe))
        await new Promise((r) => setTimeout(r, 150))
        const stopped = await board.stop(s.id)
        expect(stopped.status).toBe('stopped')
        expect(stopped.points + stopped.reads).toBeGreaterThan(0)
        if (recipe.recipe === 'dc-sweep') expect(board.points(s.id).n).toBe(stopped.points)
      }
      // The board was told: an ABORT frame reached it, and nothing is left running there.
      expect(emu.received.some((f) => f.op === OP.ABORT)).toBe(true)
      const status = await instruments.boardInstrument()!.identify()
      expect(status.backend).toBe('serial')
    } finally {
      await instruments.disconnect()
      await emu.stop()
    }
  })
})
