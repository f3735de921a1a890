import { describe, expect, it } from 'vitest'
import { createDeviceModel } from '../../../src-core/device/model'
import { DEFAULT_PRESET } from '../../../src-core/device/presets'
import { InstrumentError } from './errors'
import { programCells, runDcSweep } from './recipes'
import { SimulatedInstrument } from './simulated-instrument'
import { SWEEP_BRANCHES } from './types'
import { DC_SWEEP_20_CYCLES, FORMING, LADDER, SIXTEEN_TARGETS } from './test-fixtures'

const model = createDeviceModel(DEFAULT_PRESET)
const make = (seed = 11, initialState: 'pristine' | 'hrs' | 'lrs' = 'pristine') => new SimulatedInstrument({ model, seed, rows: 8, cols: 16, initialState })

describe('SimulatedInstrument', () => {
  it('gives identical records for the same seed and different ones for another seed', async () => {
    const a = await runDcSweep(make(3), { row: 1, col: 2 }, { ...DC_SWEEP_20_CYCLES, cycles: 3 })
    const b = await runDcSweep(make(3), { row: 1, col: 2 }, { ...DC_SWEEP_20_CYCLES, cycles: 3 })
    const c = await runDcSweep(make(4), { row: 1, col: 2 }, { ...DC_SWEEP_20_CYCLES, cycles: 3 })
    expect(a.outcome).toEqual({ status: 'complete', points: a.points.length, expectedPoints: a.points.length })
    expect(b.points).toEqual(a.points)
    expect(c.points).not.toEqual(a.points)
  })

  it('never lets a SET-branch current exceed the compliance, and flags the clamped points', async () => {
    const { points } = await runDcSweep(make(), { row: 0, col: 0 }, DC_SWEEP_20_CYCLES)
    const setBranch = points.filter((p) => p.branch === 'set-up' || p.branch === 'set-down')
    expect(Math.max(...setBranch.map((p) => p.iA))).toBeLessThanOrEqual(DC_SWEEP_20_CYCLES.iComplianceA)
    expect(setBranch.filter((p) => p.compliance).every((p) => p.iA === DC_SWEEP_20_CYCLES.iComplianceA)).toBe(true)
    expect(setBranch.some((p) => p.compliance)).toBe(true)
  })

  it('reads a formed LRS cell far more conductive than a pristine one, and a RESET brings it down', async () => {
    const inst = make()
    const pristine = await inst.read({ row: 0, col: 0, vReadV: 0.1 })
    await inst.form({ row: 0, col: 0, ...FORMING, pulseWidthS: 1e-6 })
    const lrs = await inst.read({ row: 0, col: 0, vReadV: 0.1 })
    await inst.reset({ row: 0, col: 0, vStopV: -1.6, pulseWidthS: 1e-6 })
    const hrs = await inst.read({ row: 0, col: 0, vReadV: 0.1 })
    expect(lrs.gS / pristine.gS).toBeGreaterThan(100)
    expect(lrs.gS / hrs.gS).toBeGreaterThan(5)
  })

  it('programs 16 cells into their ±10 % windows', async () => {
    const { results } = await programCells(make(), SIXTEEN_TARGETS, LADDER, FORMING)
    const converged = results.filter((r) => r.converged)
    expect(converged.length).toBeGreaterThanOrEqual(14)
    for (const r of converged) {
      const target = SIXTEEN_TARGETS.find((t) => t.row === r.row && t.col === r.col)!.targetGS
      expect(Math.abs(r.gFinalS - target)).toBeLessThanOrEqual(0.1 * target)
    }
  })

  it('refuses other work while a sweep runs, and abort ends the sweep as aborted with its points', async () => {
    const inst = make()
    const run = await inst.sweep({ row: 0, col: 0 }, DC_SWEEP_20_CYCLES)
    await expect(inst.read({ row: 1, col: 1, vReadV: 0.1 })).rejects.toMatchObject({ code: 'BUSY' })
    let n = 0
    for await (const _ of run) if (++n === 50) await inst.abort()
    const outcome = await run.outcome
    expect(outcome.status).toBe('aborted')
    expect(outcome.points).toBe(n)
    expect(n).toBeLessThan(run.expectedPoints)
    await expect(inst.read({ row: 1, col: 1, vReadV: 0.1 })).resolves.toBeDefined()
  })

  it('hands out the same points in blocks as one by one, and an abort between blocks keeps those handed out', async () => {
    const w = { ...DC_SWEEP_20_CYCLES, cycles: 5 }
    const { points } = await runDcSweep(make(3), { row: 1, col: 2 }, w)
    const run = await make(3).sweep({ row: 1, col: 2 }, w)
    const fromBlocks: typeof points = []
    for await (const b of run.blocks()) {
      expect(b.firstIndex).toBe(fromBlocks.length)
      for (let j = 0; j < b.length; j++) {
        fromBlocks.push({ index: b.firstIndex + j, cycle: b.cycle[j], branch: SWEEP_BRANCHES[b.branch[j]], vV: b.vV[j], iA: b.iA[j], compliance: b.compliance[j] === 1 })
      }
    }
    expect(fromBlocks).toEqual(points)
    expect(await run.outcome).toMatchObject({ status: 'complete', points: points.length })

    const inst = make(3)
    const aborted = await inst.sweep({ row: 1, col: 2 }, w)
    let got = 0
    for await (const b of aborted.blocks()) {
      got += b.length
      await inst.abort()
    }
    expect(await aborted.outcome).toMatchObject({ status: 'aborted', points: got })
    expect(got).toBeGreaterThan(0)
    expect(got).toBeLessThan(aborted.expectedPoints)
  })

  it('refuses out-of-limit and malformed requests with the field named', async () => {
    const inst = make()
    const refused = async (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: InstrumentError) => [e.code, e.field]
      )
    expect(await refused(inst.set({ row: 0, col: 0, vSetV: 1.5, iComplianceA: 1e-3, pulseWidthS: 1e-6 }))).toEqual(['LIMIT', 'iComplianceA'])
    expect(await refused(inst.reset({ row: 0, col: 0, vStopV: -3, pulseWidthS: 1e-6 }))).toEqual(['LIMIT', 'vStopV'])
    expect(await refused(inst.reset({ row: 0, col: 0, vStopV: 1, pulseWidthS: 1e-6 }))).toEqual(['BAD_REQUEST', 'vStopV'])
    expect(await refused(inst.read({ row: 8, col: 0, vReadV: 0.1 }))).toEqual(['BAD_REQUEST', 'row'])
    expect(await refused(inst.form({ row: 0, col: 0, vFormV: 2, iComplianceA: 1e-4, pulseWidthS: 2 }))).toEqual(['LIMIT', 'pulseWidthS'])
  })
})
