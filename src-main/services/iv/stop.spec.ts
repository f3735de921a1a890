// Issue 13, item 12: Stop is a safety feature. On the simulator every pulse resolves at once; the
// recipe must still hand the event loop back, so a Stop request (a message, a timer) is seen while
// the session runs, and no pulse is applied after it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_PRESET } from '../../../src-core/device/presets'
import { LabStore } from '../store'
import { InstrumentService } from '../instruments/instrument-service'
import { SimulatedInstrument } from '../instruments/simulated-instrument'
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
