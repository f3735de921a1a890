import { describe, expect, it } from 'vitest'
import { createDeviceModel, DEFAULT_PRESET } from '../device'
import { RandomStream } from '../random'
import { RramArray } from './array-state'
import { DrawCache } from './draw-cache'

const model = createDeviceModel(DEFAULT_PRESET)

describe('RramArray', () => {
  it('gives the same die for the same seed and a different one for another seed', () => {
    const a = new RramArray(model, { rows: 8, cols: 8, seed: 5, initialState: 'hrs' })
    const b = new RramArray(model, { rows: 8, cols: 8, seed: 5, initialState: 'hrs' })
    const c = new RramArray(model, { rows: 8, cols: 8, seed: 6, initialState: 'hrs' })
    expect(Array.from(b.gS)).toEqual(Array.from(a.gS))
    expect(Array.from(c.gS)).not.toEqual(Array.from(a.gS))
  })

  it('draws SET and RESET states bit-identical to the device model (so the emulator agrees)', () => {
    const cache = new DrawCache(DEFAULT_PRESET)
    const r1 = RandomStream.fromSeed(3)
    const r2 = RandomStream.fromSeed(3)
    for (const iC of [50e-6, 60e-6, 150e-6]) expect(cache.setConductanceS(iC, 1.1, r1.normal())).toBe(model.drawSetConductanceS(iC, r2, 1.1))
    for (const v of [-1.0, -1.23, -1.6, -1.8]) expect(cache.resetConductanceS(v, 0.9, r1.normal())).toBe(model.drawResetConductanceS(v, r2, 0.9))
  })

  it('does not switch a pristine cell with a SET below the forming voltage, and forms it at the forming voltage', () => {
    const a = new RramArray(model, { rows: 1, cols: 2, seed: 1 })
    const g0 = a.gS[0]
    a.set(0, 1.5, 100e-6, 1e-6)
    expect(a.gS[0]).toBe(g0)
    expect(a.formed[0]).toBe(0)
    a.form(0, DEFAULT_PRESET.vFormingV, 100e-6, 1e-6)
    expect(a.formed[0]).toBe(1)
    expect(1 / a.gS[0]).toBeLessThan(20e3) // an LRS of kilo-ohms, not the 10 MΩ pristine state
    expect(a.pulseCount[0]).toBe(2)
  })

  it('counts reads, SETs, RESETs and their energy per cell', () => {
    const a = new RramArray(model, { rows: 1, cols: 1, seed: 1, initialState: 'lrs' })
    a.readGS(0, 0.1, 1e-6)
    a.reset(0, -1.5, 1e-6)
    a.set(0, 1.5, 100e-6, 1e-6)
    expect([a.reads[0], a.sets[0], a.resets[0], a.pulseCount[0]]).toEqual([1, 1, 1, 2])
    expect(a.energyJ[0]).toBeGreaterThan(1.5 * 100e-6 * 1e-6 * 0.99)
  })

  it('refuses geometries outside 1…1024 naming the field', () => {
    expect(() => new RramArray(model, { rows: 0, cols: 4, seed: 1 })).toThrow(/rows/)
    expect(() => new RramArray(model, { rows: 4, cols: 1025, seed: 1 })).toThrow(/cols/)
  })
})
