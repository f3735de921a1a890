import { describe, expect, it } from 'vitest'
import { createDeviceModel } from '../../device/model'
import { DEFAULT_PRESET } from '../../device/presets'
import { BIANCHI_MAZE_1_TEXT } from '../../env/builtins/bianchi-mazes'
import { readTextMaze } from '../../env/formats/text-maze'
import { CELL_WALL } from '../../env/grid'
import { RandomStream } from '../../random'
import { newCounters, newOutcome } from '../types'
import { BioRramNetwork, KIND_PENALIZED, KIND_REWARDED } from './network'
import { bioRramParamsSchema, type BioRramParamsInput } from './params'
import { ThresholdProgrammer } from './thresholds'

const model = createDeviceModel(DEFAULT_PRESET)
const maze1 = () => readTextMaze(BIANCHI_MAZE_1_TEXT).grid
const params = (p: Partial<BioRramParamsInput> = {}) => bioRramParamsSchema.parse({ kind: 'bio-rram', ...p })

describe('threshold programming (device mode)', () => {
  it('orders the states as the authors do: reward < relaxed < rest < homeostasis ladder < penalty', () => {
    const lv = new ThresholdProgrammer(model, params(), newCounters(), 1).medianLevels()
    expect(lv.rest).toBeCloseTo(1, 9)
    expect(lv.reward).toBeLessThan(0.5)
    expect(lv.relaxed).toBeCloseTo(0.8, 6)
    for (let k = 1; k < lv.ladder.length; k++) expect(lv.ladder[k]).toBeGreaterThan(lv.ladder[k - 1])
    expect(lv.ladder[0]).toBeGreaterThan(2)
    expect(lv.penalty).toBeGreaterThan(lv.ladder[lv.ladder.length - 1])
  })

  it('a deeper V_STOP gives a lower reward threshold; a lower I_C a lower penalty (the preset matters)', () => {
    const at = (ic: number, v: number) =>
      new ThresholdProgrammer(model, params({ programming: { iComplianceUA: ic, vStopV: v } }), newCounters(), 1).medianLevels()
    expect(at(160, -1.6).reward).toBeLessThan(at(160, -1.2).reward)
    expect(at(50, -1.6).penalty).toBeLessThan(at(160, -1.6).penalty)
  })
})

describe('BioRramNetwork', () => {
  it('counts devices, reads and programming events', () => {
    const net = new BioRramNetwork(maze1(), params(), model, RandomStream.fromSeed(1))
    expect(net.memoryElements).toBe(16 * 900)
    expect(net.counters.sets + net.counters.resets).toBe(0) // initialisation is not charged to a trial
    const o = newOutcome()
    net.runTrial({ start: 3 * 30 + 27, maxSteps: 100, greedy: false, recordPath: true }, o)
    expect(net.counters.reads).toBe(8 * o.steps)
    expect(net.counters.sets).toBeGreaterThanOrEqual(2 * o.pathLength) // Hebbian + homeostasis per move
    expect(net.counters.programmingEnergyJ).toBeGreaterThan(0)
    expect(net.lastPath()).toHaveLength(o.pathLength + 1)
  })

  it('a wall it bumps into gets a persistent high threshold; reaching the goal rewards the path', () => {
    const grid = maze1()
    const net = new BioRramNetwork(grid, params(), model, RandomStream.fromSeed(2))
    const o = newOutcome()
    let reached = false
    for (let t = 0; t < 10 && !reached; t++) {
      net.runTrial({ start: 3 * 30 + 27, maxSteps: 3000, greedy: false, recordPath: true }, o)
      reached = o.reachedGoal
    }
    expect(reached).toBe(true)
    let penalised = 0
    for (let i = 0; i < 900; i++) {
      if (net.persistentKind[net.toPadded(i)] === KIND_PENALIZED) {
        expect(grid.cells[i]).toBe(CELL_WALL)
        expect(net.thresholdMap()[i]).toBeGreaterThan(3)
        penalised++
      }
    }
    expect(penalised).toBeGreaterThan(0)
    const path = net.lastPath()
    const th = net.thresholdMap()
    // The positions just before the goal are rewarded: near-zero thresholds.
    const before = path[path.length - 2]
    expect(net.persistentKind[net.toPadded(before)]).toBe(KIND_REWARDED)
    expect(th[before]).toBeLessThan(0.6)
  })

  it('same seed ⇒ same trajectory (ties and device draws come from the seeded stream)', () => {
    const runOnce = () => {
      const net = new BioRramNetwork(maze1(), params(), model, RandomStream.fromSeed(9))
      const o = newOutcome()
      net.runTrial({ start: 3 * 30 + 27, maxSteps: 500, greedy: false, recordPath: true }, o)
      return Array.from(net.lastPath())
    }
    expect(runOnce()).toEqual(runOnce())
  })

  it('with read noise (tick-by-tick path) a seed still fixes the trajectory, and noise changes it', () => {
    const runOnce = (readNoise: boolean) => {
      const net = new BioRramNetwork(maze1(), params({ readNoise }), model, RandomStream.fromSeed(9))
      const o = newOutcome()
      net.runTrial({ start: 3 * 30 + 27, maxSteps: 500, greedy: false, recordPath: true }, o)
      expect(net.counters.reads).toBe(8 * o.steps)
      return Array.from(net.lastPath())
    }
    expect(runOnce(true)).toEqual(runOnce(true))
    expect(runOnce(true)).not.toEqual(runOnce(false))
  })

  it('rejects a layout of another size and a start on a wall', () => {
    const net = new BioRramNetwork(maze1(), params(), model, RandomStream.fromSeed(1))
    expect(() => net.setLayout({ ...maze1(), width: 10, height: 90 })).toThrow(/built for 30×30/)
    expect(() => net.runTrial({ start: 0, maxSteps: 10, greedy: false, recordPath: false }, newOutcome())).toThrow(/wall/)
  })
})
