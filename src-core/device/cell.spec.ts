import { describe, expect, it } from 'vitest'
import { RandomStream } from '../random'
import { Cell } from './cell'
import { createDeviceModel } from './model'
import { DEFAULT_PRESET } from './presets'

const model = createDeviceModel(DEFAULT_PRESET)

describe('Cell', () => {
  it('a pristine cell does not SET until formed, then switches between LRS and HRS', () => {
    const rng = RandomStream.fromSeed(1)
    const cell = new Cell(model)
    expect(cell.formed).toBe(false)
    expect(1 / cell.gS).toBe(DEFAULT_PRESET.rPristineOhm)
    expect(cell.set(100e-6, rng)).toBe(false)
    expect(1 / cell.gS).toBe(DEFAULT_PRESET.rPristineOhm)
    cell.form(100e-6, rng)
    expect(cell.formed).toBe(true)
    expect(1 / cell.gS).toBeLessThan(20e3)
    expect(cell.reset(-1.6, rng)).toBe(true)
    expect(1 / cell.gS).toBeGreaterThan(50e3)
    expect(cell.set(100e-6, rng)).toBe(true)
    expect(1 / cell.gS).toBeLessThan(20e3)
  })
  it('counts reads, SETs (forming included), RESETs and sums their energy', () => {
    const rng = RandomStream.fromSeed(2)
    const cell = new Cell(model, { gS: 1e-5 })
    cell.set(150e-6, rng)
    const gLrs = cell.gS
    cell.readCurrentA(rng, 46e-6)
    cell.reset(-1.2, rng)
    expect(cell.counters).toMatchObject({ reads: 1, sets: 1, resets: 1 })
    const expected = model.setEnergyJ(150e-6) + model.readEnergyJ(gLrs, DEFAULT_PRESET.vReadV, 46e-6) + model.resetEnergyJ(-1.2, gLrs)
    expect(cell.counters.energyJ).toBeCloseTo(expected, 20)
  })
  it('reads the current of its own state', () => {
    const rng = RandomStream.fromSeed(3)
    const cell = new Cell(model, { gS: 1e-4 })
    const i = cell.readCurrentA(rng)
    expect(i / (1e-4 * DEFAULT_PRESET.vReadV)).toBeGreaterThan(0.95)
    expect(i / (1e-4 * DEFAULT_PRESET.vReadV)).toBeLessThan(1.05)
  })
})
