import { describe, expect, it } from 'vitest'
import { createDeviceModel } from '../../device/model'
import { DEFAULT_PRESET } from '../../device/presets'
import { BIANCHI_MAZE_1_TEXT } from '../../env/builtins/bianchi-mazes'
import { readTextMaze } from '../../env/formats/text-maze'
import { CELL_WALL } from '../../env/grid'
import { RandomStream } from '../../random'
import { newCounters, newOutcome } from '../types'
import { BioRramNetwork, KIND_PENALIZED, KIND_RELAXED, KIND_REST, KIND_REWARDED } from './network'
import { bioRramParamsSchema, type BioRramParamsInput } from './params'
import { ThresholdProgrammer } from './thresholds'

const model = createDeviceModel(DEFAULT_PRESET)
const maze1 = () => readTextMaze(BIANCHI_MAZE_1_TEXT).grid
const params = (p: Partial<BioRramParamsInput> = {}) => bioRramParamsSchema.parse({ kind: 'bio-rram', ...p })

describe('threshold programming (device mode)', () => {
  it('steps the thresholds as the hardware trace does: homeostasis ×1.6 a spike (saturating), penalty ×4, reward ×≈0.2–0.3', () => {
    const lv = new ThresholdProgrammer(model, params(), newCounters(), 1).medianLevels()
    expect(lv.rest).toBeCloseTo(1, 9)
    // Each rung of the I_C ladder is ×1.6 the one before (Bianchi 2023 hardware trace), three rungs then saturating.
    expect(lv.ladder).toHaveLength(3)
    expect(lv.ladder[0]).toBeCloseTo(1.6, 1)
    for (let k = 1; k < lv.ladder.length; k++) expect(lv.ladder[k] / lv.ladder[k - 1]).toBeCloseTo(1.6, 1)
    expect(lv.penalty).toBeCloseTo(4, 1)
    // A reward pulse at −1.6 V steps the threshold down by the fitted HRS contrast to the rest state.
    expect(lv.reward).toBeGreaterThan(0.15)
    expect(lv.reward).toBeLessThan(0.35)
    expect(lv.relaxed).toBeCloseTo(0.8, 6)
  })

  it('a deeper V_STOP gives a bigger reward step (none at −1.0 V); a higher I_C a higher penalty ceiling (the preset matters)', () => {
    const at = (ic: number, v: number) => new ThresholdProgrammer(model, params({ programming: { iComplianceUA: ic, vStopV: v } }), newCounters(), 1).medianLevels()
    expect(at(160, -1.6).reward).toBeLessThan(at(160, -1.4).reward)
    expect(at(160, -1.4).reward).toBeLessThan(at(160, -1.2).reward)
    expect(at(160, -1.0).reward).toBe(1)
    expect(at(50, -1.6).penaltyTop).toBeLessThan(at(160, -1.6).penaltyTop)
    expect(at(160, -1.6).penaltyTop).toBeGreaterThan(10)
  })
})

describe('BioRramNetwork', () => {
  it('counts devices, reads and programming events', () => {
    const net = new BioRramNetwork(maze1(), params(), model, RandomStream.fromSeed(1))
    expect(net.memoryElements).toBe(16 * 900)
    expect(net.counters.sets + net.counters.resets).toBe(0) // initialisation is not charged to a trial
    const o = newOutcome()
    net.runTrial({ start: 3 * 30 + 27, maxSteps: 100, greedy: false, recordPath: true }, o)
    // 16 per position: two devices in parallel per direction, each read every tick and SET together.
    expect(net.counters.reads).toBe(16 * o.steps)
    expect(net.counters.sets).toBeGreaterThanOrEqual(3 * o.pathLength) // Hebbian (2 devices) + homeostasis per move
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
      expect(net.counters.reads).toBe(16 * o.steps)
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

/** Mean and standard deviation of ln x. */
function lnStats(xs: ArrayLike<number>): { mean: number; sd: number } {
  const n = xs.length
  let m = 0
  for (let i = 0; i < n; i++) m += Math.log(xs[i])
  m /= n
  let v = 0
  for (let i = 0; i < n; i++) v += (Math.log(xs[i]) - m) ** 2
  return { mean: m, sd: Math.sqrt(v / (n - 1)) }
}

/** Every position's synapses of one direction plus its SET pulse, for the tests below. */
class ProbedNetwork extends BioRramNetwork {
  hebbianSet(p: number, d: number): void {
    this.programSynapse(p, d, this.hebbianLevel, this.hebbianEnergyJ)
  }
}

describe('devices per position (science README §2: 16, two per direction)', () => {
  const allLrs = (devicesPerPosition: number) => new BioRramNetwork(maze1(), params({ devicesPerPosition, synapse: { initialLrsProbability: 1 } }), model, RandomStream.fromSeed(4))

  it('parallel devices add their currents and average out the cycle-to-cycle spread; θ0 scales with them', () => {
    const one = allLrs(8)
    const two = allLrs(16)
    const a = lnStats(one.synapseMap(2))
    const b = lnStats(two.synapseMap(2))
    // Two devices in parallel: about twice the conductance, and a log spread smaller by up to √2.
    expect(Math.exp(b.mean - a.mean)).toBeGreaterThan(1.8)
    expect(Math.exp(b.mean - a.mean)).toBeLessThan(2.2)
    expect(b.sd).toBeLessThan(a.sd / 1.25)
    expect(two.theta0A / one.theta0A).toBeCloseTo(2, 9)
    expect(one.memoryElements).toBe(8 * 900)
    expect(two.memoryElements).toBe(16 * 900)
    expect(two.architecture).toMatch(/16 synaptic RRAM devices per position \(2 per direction\).*threshold state device/)
  })

  it('a SET programs every device of the synapse: counted and charged per device', () => {
    const net = new ProbedNetwork(maze1(), params({ devicesPerPosition: 24 }), model, RandomStream.fromSeed(4))
    net.hebbianSet(net.toPadded(3 * 30 + 27), 0)
    expect(net.counters.sets).toBe(3)
  })

  it('rejects a count that is not whole devices per direction', () => {
    expect(bioRramParamsSchema.safeParse({ kind: 'bio-rram', devicesPerPosition: 12 }).error?.issues[0].message).toMatch(/multiple of 8/)
    expect(bioRramParamsSchema.safeParse({ kind: 'bio-rram', devicesPerPosition: 0 }).error?.issues[0].message).toMatch(/≥ 8/)
  })
})

describe('device-to-device variability (d2dSigma of the preset)', () => {
  // Repeated SETs of one device scatter around that device's own median: the spread of the per-device
  // means across devices is the device-to-device σ (cycle-to-cycle noise averages out over 60 SETs).
  const spreadOfDeviceMeans = (d2dSigma: number) => {
    const m = createDeviceModel({ ...DEFAULT_PRESET, d2dSigma })
    const net = new ProbedNetwork(maze1(), params({ devicesPerPosition: 8 }), m, RandomStream.fromSeed(6))
    const free: number[] = []
    const grid = maze1()
    for (let i = 0; i < 900 && free.length < 80; i++) if (grid.cells[i] !== CELL_WALL) free.push(net.toPadded(i))
    const means = free.map((q) => {
      let s = 0
      for (let k = 0; k < 60; k++) {
        net.hebbianSet(q, 4)
        s += Math.log(net.synapseCurrentA[q * 8 + 4])
      }
      return Math.exp(s / 60)
    })
    return { synapses: lnStats(means).sd, thresholds: lnStats(free.map((q) => net.thresholdA[q])).sd }
  }

  it('each device keeps its own factor for life: device means spread by d2dSigma, not without it', () => {
    const none = spreadOfDeviceMeans(0)
    const some = spreadOfDeviceMeans(0.5)
    expect(none.synapses).toBeLessThan(0.1)
    expect(some.synapses).toBeGreaterThan(0.35)
    expect(some.synapses).toBeLessThan(0.65)
    // The state devices too: rest thresholds spread wider across positions.
    expect(some.thresholds).toBeGreaterThan(none.thresholds + 0.1)
  })
})

describe('forgetting options (docs/calibration-log.md)', () => {
  // Two free cells of maze 1 side by side in row 5 (0-based 4): q a remembered position, w a cell that becomes a wall.
  const at = (net: BioRramNetwork, row: number, col: number) => net.toPadded(row * 30 + col)
  // Protected learning events, driven directly: a bump from `from` in direction E into `wall`.
  type Internals = { penalize(w: number, from: number, d: number): void; recentPosition: Int32Array; recentHead: number; recentCount: number; visitsThisTrial: Uint16Array }
  const E = 2

  it("relaxPenalties 'changed' releases only walls where a remembered path ran; true releases every penalty", () => {
    const kinds = (relax: true | 'changed') => {
      const net = new BioRramNetwork(maze1(), params({ forgetting: { relaxPenalties: relax } }), model, RandomStream.fromSeed(3))
      const x = net as unknown as Internals
      const [changed, plain, block] = [at(net, 4, 10), at(net, 4, 12), at(net, 4, 14)]
      net.persistentKind[changed] = KIND_REWARDED
      x.penalize(changed, changed - 1, E) // a remembered cell turned wall: the layout changed there
      x.penalize(plain, plain - 1, E) // a wall found by exploring
      net.persistentKind[block] = KIND_REWARDED
      x.penalize(block, block - 1, E) // a remembered path blocked again: forgetting
      return [net.persistentKind[changed], net.persistentKind[plain], net.persistentKind[block]]
    }
    expect(kinds('changed')).toEqual([KIND_REST, KIND_PENALIZED, KIND_PENALIZED])
    expect(kinds(true)).toEqual([KIND_REST, KIND_REST, KIND_PENALIZED])
  })

  it('relaxSynapses returns a forgotten position’s reward-strength synapses to the Hebbian level; keepRise keeps its rise until the trial ends', () => {
    const run = (forgetting: { relaxSynapses?: boolean; keepRise?: boolean }) => {
      const net = new BioRramNetwork(maze1(), params({ forgetting }), model, RandomStream.fromSeed(4))
      const x = net as unknown as Internals
      const q = at(net, 4, 10)
      const wall = at(net, 4, 11)
      net.persistentKind[q] = KIND_REWARDED
      net.synapseCurrentA[q * 8 + E] = 10 * net.theta0A // reward strength, far above a Hebbian draw
      net.thresholdA[q] = 2 * net.theta0A // risen by homeostasis in this trial
      x.visitsThisTrial[q] = 1
      x.recentPosition[0] = q
      x.recentHead = 1
      x.recentCount = 1
      x.penalize(wall, q, E) // bump from a remembered position: its path is blocked
      return { kind: net.persistentKind[q], synapse: net.synapseCurrentA[q * 8 + E] / net.theta0A, threshold: net.thresholdA[q] / net.theta0A }
    }
    const plain = run({})
    expect(plain.kind).toBe(KIND_RELAXED)
    expect(plain.synapse).toBe(10)
    expect(plain.threshold).toBeLessThan(1.5) // relaxed at once (≈ 0.8·θ0, one draw)
    // A Hebbian draw: θ0 is 1.5 ticks of a median Hebbian synapse, so its current is ≈ θ0/1.5.
    expect(run({ relaxSynapses: true }).synapse).toBeLessThan(1.5)
    const kept = run({ keepRise: true })
    expect(kept.kind).toBe(KIND_RELAXED)
    expect(kept.threshold).toBe(2)
  })
})

describe('reward trace: what K counts', () => {
  /** Rewarded positions and ticks of the last trial after 15 trials on maze 1 (K = 6, seed 5). */
  const after15 = (counts: 'visited' | 'explored') => {
    const net = new BioRramNetwork(maze1(), params({ reward: { lastPositions: 6, counts } }), model, RandomStream.fromSeed(5))
    const o = newOutcome()
    const sizes: number[] = []
    for (let t = 0; t < 15; t++) {
      net.runTrial({ start: 3 * 30 + 27, maxSteps: 5000, greedy: false, recordPath: false }, o)
      let n = 0
      for (let i = 0; i < 900; i++) if (net.persistentKind[net.toPadded(i)] === KIND_REWARDED) n++
      sizes.push(n)
    }
    return { sizes, ticks: o.steps, reached: o.reachedGoal }
  }

  it("'explored': the remembered path grows back from the goal to the start, trial after trial; 'visited': it stalls", () => {
    const visited = after15('visited')
    const explored = after15('explored')
    // Counting explored positions only, each success adds up to K new positions before the remembered part, so
    // after 15 trials the memory spans more than maze 1's 27-move shortest path and the trial is a burst.
    expect(explored.sizes[14]).toBeGreaterThan(27)
    expect(explored.sizes[14]).toBeGreaterThan(2 * visited.sizes[14])
    expect(explored.sizes[14]).toBeGreaterThan(explored.sizes[2])
    expect(explored.reached).toBe(true)
    expect(explored.ticks).toBeLessThan(100) // ≈ 2 ticks a burst move
    // Counting every position left, the last K before the goal are soon the remembered ones themselves: the start of
    // the path is explored again in every trial.
    expect(visited.ticks).toBeGreaterThan(explored.ticks)
  })
})
