import { describe, expect, it } from 'vitest'
import { createDeviceModel, DEFAULT_PRESET } from '../device'
import { RramArray } from './array-state'
import { summarizeMaps } from './map-stats'
import { binaryThresholdS, newProgramMaps, newProgramTotals, programCells } from './program-array'
import { defaultProgramParams, type ProgramAlgorithm } from './program-params'
import { OP_READ, PulseLog } from './pulse-log'
import { checkerboardTarget, defaultLevelsS, gradientTarget, type TargetMap } from './targets'

const model = createDeviceModel(DEFAULT_PRESET)

function program(algorithm: ProgramAlgorithm, target: TargetMap, seed = 1, log?: PulseLog) {
  const array = new RramArray(model, { rows: target.rows, cols: target.cols, seed, initialState: 'hrs' })
  const params = defaultProgramParams(DEFAULT_PRESET, algorithm)
  const maps = newProgramMaps(target.rows, target.cols)
  const totals = newProgramTotals()
  programCells(array, target, params, maps, totals, 0, array.cells, log)
  return { array, params, maps, totals }
}

describe('program-and-verify over an array', () => {
  const board = checkerboardTarget(24, 24, defaultLevelsS(model, 2))

  it('leaves every converged cell inside its verify window and every failed cell at the pulse budget', () => {
    const { maps, params } = program('gate-ramp', board)
    let converged = 0
    for (let k = 0; k < maps.failed.length; k++) {
      if (maps.failed[k]) expect(maps.pulses[k]).toBe(params.maxPulses)
      else {
        converged++
        expect(Math.abs(maps.errorRel[k])).toBeLessThanOrEqual(params.toleranceRel + 1e-12)
      }
    }
    expect(converged / maps.failed.length).toBeGreaterThan(0.8)
  })

  it('gives identical maps for the same seed and different ones for another seed', () => {
    const a = program('gate-ramp', board, 7)
    const b = program('gate-ramp', board, 7)
    const c = program('gate-ramp', board, 8)
    expect(Array.from(b.maps.gFinalS)).toEqual(Array.from(a.maps.gFinalS))
    expect(Array.from(b.maps.pulses)).toEqual(Array.from(a.maps.pulses))
    expect(Array.from(c.maps.gFinalS)).not.toEqual(Array.from(a.maps.gFinalS))
  })

  it('binary programming puts LRS cells above and HRS cells below the threshold', () => {
    const { maps } = program('binary', board)
    const th = binaryThresholdS(board)
    for (let k = 0; k < board.level.length; k++) if (!maps.failed[k]) expect(maps.gFinalS[k] >= th).toBe(board.level[k] === 1)
    expect(summarizeMaps(maps, 0.1).yield).toBeGreaterThan(0.95)
  })

  it('reaches intermediate levels with the gate ramp and the voltage ramp', () => {
    const grad = gradientTarget(16, 16, defaultLevelsS(model, 4))
    for (const alg of ['gate-ramp', 'voltage-ramp'] as const) {
      const { maps } = program(alg, grad)
      // a middle (LRS) level: most cells of that column band end inside ±10 %
      let ok = 0
      let n = 0
      for (let k = 0; k < grad.level.length; k++) {
        if (grad.level[k] !== 2) continue
        n++
        if (!maps.failed[k]) ok++
      }
      expect(ok / n).toBeGreaterThan(0.7)
    }
  })

  it('accounts pulses, reads, time and energy consistently with the log', () => {
    const log = new PulseLog(16)
    const { maps, totals, params, array } = program('gate-ramp', board, 3, log)
    const pulses = maps.pulses.reduce((s, x) => s + x, 0)
    expect(totals.pulses).toBe(pulses)
    let reads = 0
    for (let j = 0; j < log.length; j++) if (log.kind[j] === OP_READ) reads++
    expect(totals.reads).toBe(reads)
    expect(log.length).toBe(pulses + reads)
    expect(totals.timeS).toBeCloseTo(pulses * params.pulseWidthS + reads * params.readSeconds, 12)
    expect(totals.energyJ).toBeCloseTo(
      array.energyJ.reduce((s, x) => s + x, 0),
      15
    )
    expect(totals.energyJ).toBeGreaterThan(0)
  })

  it('refuses a multilevel target for binary programming and a target of another size', () => {
    const array = new RramArray(model, { rows: 4, cols: 4, seed: 1 })
    const p = defaultProgramParams(DEFAULT_PRESET, 'binary')
    expect(() => programCells(array, gradientTarget(4, 4, defaultLevelsS(model, 3)), p, newProgramMaps(4, 4), newProgramTotals())).toThrow(/2 levels/)
    expect(() => programCells(array, board, p, newProgramMaps(4, 4), newProgramTotals())).toThrow(/24×24/)
  })
})
