// Issue 13: Cancel on a board array is a safety feature — no pulse follows it. The board stand-in
// is the simulator behind the same Instrument interface; Cancel arrives mid-row.
import { describe, expect, it } from 'vitest'
import { checkerboardTarget, defaultProgramParams } from '../../../src-core/array'
import { createDeviceModel } from '../../../src-core/device/model'
import { DEFAULT_PRESET } from '../../../src-core/device/presets'
import { SimulatedInstrument } from '../instruments/simulated-instrument'
import { programByRequests } from '../instruments/array-program'

describe('programming a board array', () => {
  it('applies no pulse after Cancel, reports the row so far and ends incomplete', async () => {
    const model = createDeviceModel(DEFAULT_PRESET)
    const rows = 4
    const cols = 8
    const board = new SimulatedInstrument({ model, seed: 5, rows, cols, initialState: 'hrs' })
    let pulses = 0
    let cancelled = false
    let pulsesAfterCancel = 0
    const count = <T>(f: () => Promise<T>) => {
      pulses++
      if (cancelled) pulsesAfterCancel++
      // Cancel once 10 pulses were applied: in the middle of a row.
      if (pulses === 10) cancelled = true
      return f()
    }
    const instrument = Object.assign(Object.create(board) as SimulatedInstrument, {
      set: (r: Parameters<SimulatedInstrument['set']>[0]) => count(() => board.set(r)),
      reset: (r: Parameters<SimulatedInstrument['reset']>[0]) => count(() => board.reset(r)),
      form: (r: Parameters<SimulatedInstrument['form']>[0]) => count(() => board.form(r))
    })
    const levels = [DEFAULT_PRESET.lrsA * Math.pow(50, -DEFAULT_PRESET.lrsB), DEFAULT_PRESET.lrsA * Math.pow(150, -DEFAULT_PRESET.lrsB)].map((r) => 1 / r)
    const reports: number[] = []
    const counters = { reads: new Uint32Array(rows * cols), sets: new Uint32Array(rows * cols), resets: new Uint32Array(rows * cols) }
    const out = await programByRequests(instrument, {
      model,
      rows,
      cols,
      target: checkerboardTarget(rows, cols, levels),
      params: defaultProgramParams(DEFAULT_PRESET, 'gate-ramp'),
      counters,
      report: (s) => (reports.push(s.cellLast), true),
      cancelled: () => cancelled
    })
    expect(cancelled).toBe(true)
    expect(pulsesAfterCancel).toBe(0)
    expect(out.complete).toBe(false)
    expect(reports.at(-1)).toBeLessThan(rows * cols - 1)
  })
})
