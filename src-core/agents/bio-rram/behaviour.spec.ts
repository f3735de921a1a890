import { describe, expect, it } from 'vitest'
import { accuracyOf } from '../../experiment/accuracy'
import { aggregateSweep, expandSweep, sweepSpecSchema } from '../../experiment/sweep'
import { resolveEnvironment, resolvePreset } from '../../experiment/resolve'
import { experimentTrials, runExperiment } from '../../experiment/run'
import { parseRunSpec, type RunSpecInput } from '../../experiment/spec'
import type { TrialRecord } from '../../experiment/trial-record'
import { CELL_WALL } from '../../env/grid'
import type { Agent } from '../types'
import calibrated from './calibrated.json'

/** Behaviour of the bio network a researcher would check against Bianchi 2023 (science README §3). */

const CUTOFF_US = 900 // the hardware's trial cut-off (Bianchi 2023)
/** Training trials of the Table-1 protocol (examples/table1-sweep.json, written by `npm run calibrate`). */
const TABLE1_TRIALS = calibrated.table1.trials

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const n = s.length
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
}

function run(input: RunSpecInput): TrialRecord[] {
  const spec = parseRunSpec(input)
  return runExperiment(spec, resolveEnvironment(spec), resolvePreset(spec.devicePreset)).records
}

describe('dynamic maze 1 → 2 → 1 on the hardware protocol (180 trials, 900 µs cut-off, 10 seeds), default parameters', () => {
  const SEEDS = 10
  const CHANGES = [61, 121] // maze 1 → 2, maze 2 → 1
  const spec0 = parseRunSpec({ environment: { builtin: 'bianchi-dynamic-180' }, agent: { kind: 'bio-rram' }, trials: 180, maxStepsPerTrial: 5000, hardwareTime: { cutoffUs: CUTOFF_US } })
  const env = resolveEnvironment(spec0)
  /** Per seed: its records and the path it followed on the trial before each change (its learned path by then). */
  const seeds = Array.from({ length: SEEDS }, (_, k) => {
    const spec = { ...spec0, seed: k + 1 }
    let agent: Agent | undefined
    const before = new Map<number, Int32Array>()
    const records = [
      ...experimentTrials(
        spec,
        env,
        resolvePreset(spec.devicePreset),
        (st) => {
          if (CHANGES.includes(st.trial + 1)) before.set(st.trial + 1, agent!.lastPath())
        },
        (a) => (agent = a)
      )
    ]
    return { records, before }
  })
  const runs = seeds.map((s) => s.records)
  const window = (from: number, to: number) => runs.flatMap((r) => r.slice(from - 1, to))
  const timeouts = (from: number, to: number) => window(from, to).filter((r) => accuracyOf([r]) === 0).length / SEEDS

  it('learns maze 1 and recalls it in a burst: median time to reward over trials 51–60 under one exploring decision (≈ 51 µs)', () => {
    expect(median(window(1, 3).map((r) => r.timeUs))).toBe(CUTOFF_US) // the first trials explore to the cut-off
    expect(median(window(51, 60).map((r) => r.timeUs))).toBeLessThan(50)
    expect(timeouts(41, 60)).toBe(0)
  })

  it('the switch to maze 2 costs trials of time-outs and re-learning', () => {
    expect(median(window(61, 70).map((r) => r.timeUs))).toBeGreaterThan(10 * median(window(51, 60).map((r) => r.timeUs)))
    // Nearly every seed's learned path meets the new wall on trial 61 and times out (a seed that learned the route
    // round the south, valid in both mazes, does not: 2 of seeds 1–20; the next test checks the law seed by seed).
    expect(runs.filter((r) => accuracyOf([r[60]]) === 0).length).toBeGreaterThanOrEqual(SEEDS - 2)
    // Time-outs a seed in trials 61–120 (the paper's hardware: ≈ 30). With K counting explored positions the new
    // path grows back from the goal over several rewarded trials: 13.9 a seed over seeds 1–20, per-seed median 7, and
    // two seeds of 20 do not re-learn within the 60 trials (seed 5 here); ≈ 4 when K counted every position left,
    // which learned a whole path from one reward (docs/calibration-log.md).
    expect(timeouts(61, 120)).toBeGreaterThanOrEqual(15)
    expect(median(window(111, 120).map((r) => r.timeUs))).toBeLessThan(50) // maze 2 learned in the end
  })

  it('a change costs a time-out exactly when the learned path crosses a cell that the new maze walls off', () => {
    // The mazes differ in 8 cells: maze 2 closes the row-11 gap of maze 1's path and opens column 15 (rows 17–20).
    // A seed whose maze-2 path runs through column 15 meets a wall on trial 121; one that learned a way round the
    // south of the maze (valid in both) is not slowed by the return at all (docs/calibration-log.md).
    // The law is about a learned path: a seed still timing out on the trial before the change (maze 2 not yet learned
    // by trial 120) is left out, and most seeds must be in.
    for (const t of CHANGES) {
      const layout = env.layouts[runs[0][t - 1].layoutId]
      let blockedSeeds = 0
      let learnedSeeds = 0
      for (const s of seeds) {
        if (s.records[t - 2].timedOut) continue
        learnedSeeds++
        const blocked = Array.from(s.before.get(t)!).some((cell) => layout.cells[cell] === CELL_WALL)
        if (blocked) blockedSeeds++
        expect(s.records[t - 1].timedOut, `seed ${seeds.indexOf(s) + 1}, trial ${t}`).toBe(blocked)
      }
      expect(learnedSeeds).toBeGreaterThanOrEqual(SEEDS - 2)
      if (t === 61) expect(blockedSeeds).toBe(SEEDS)
      else expect(blockedSeeds).toBeGreaterThan(0)
    }
  })

  it('back on maze 1 the old path is recalled: far fewer time-outs than after the switch or than the first time, then bursts again', () => {
    expect(timeouts(121, 180)).toBeLessThan(timeouts(61, 120) / 2)
    // Science README §3: "on the return to maze 1 the old solution is recalled faster than the first time".
    expect(timeouts(121, 180)).toBeLessThan(timeouts(1, 60) / 2)
    expect(median(window(131, 180).map((r) => r.timeUs))).toBeLessThan(50)
  })

  it('energy per trial as the paper splits it: fire ≈ 0.2 nJ, controller 33 nJ flat, integration falling by more than 10×', () => {
    const fire = median(window(1, 180).map((r) => r.energyJ.fire))
    expect(fire).toBeGreaterThan(0.05e-9)
    expect(fire).toBeLessThan(1e-9)
    for (const r of window(1, 180)) expect(r.energyJ.controller).toBeCloseTo(33e-9, 15)
    const early = median(window(1, 3).map((r) => r.energyJ.integration))
    const late = median(window(171, 180).map((r) => r.energyJ.integration))
    expect(early).toBeGreaterThan(1e-9) // nJ while exploring for 900 µs
    expect(late).toBeLessThan(early / 10)
  })
})

describe('dynamic maze 1 → 2 → 1 (180 trials, 2000 ticks, 20 seeds), abstract thresholds (the authors’ rule)', () => {
  const SEEDS = 20
  const CUTOFF = 2000
  const steps: number[][] = Array.from({ length: 180 }, () => [])
  for (let seed = 1; seed <= SEEDS; seed++) {
    const records = run({ environment: { builtin: 'bianchi-dynamic-180' }, agent: { kind: 'bio-rram', thresholdMode: 'abstract' }, trials: 180, maxStepsPerTrial: CUTOFF, seed })
    for (const r of records) steps[r.trial - 1].push(r.reachedGoal ? r.steps : CUTOFF)
  }
  const window = (from: number, to: number) => median(steps.slice(from - 1, to).flat())

  it('learns maze 1: median time to reward over trials 51–60 is ≤ 5 % of the cut-off', () => {
    expect(window(51, 60)).toBeLessThanOrEqual(0.05 * CUTOFF)
  })

  it('the switch to maze 2 costs time: trials 61–70 are slower than 51–60', () => {
    expect(window(61, 70)).toBeGreaterThan(window(51, 60))
  })

  it('recalls maze 1: trials 121–130 are faster than trials 1–10', () => {
    expect(window(121, 130)).toBeLessThan(window(1, 10))
  })
})

describe('Mars rover: the synthetic 128×128 terrain over 100 trials (20 seeds)', () => {
  const SEEDS = 20
  const BUDGET = 50_000 // examples/mars-synthetic.json
  const runs = Array.from({ length: SEEDS }, (_, k) =>
    run({ environment: { builtin: 'mars-synthetic-128' }, agent: { kind: 'bio-rram', reward: { lastPositions: 300 } }, trials: 100, maxStepsPerTrial: BUDGET, seed: k + 1 })
  )
  const window = (from: number, to: number) => runs.flatMap((r) => r.slice(from - 1, to))

  it('steps per trial fall as the path is learned: trials 91–100 take under a quarter of trials 1–10', () => {
    const early = median(window(1, 10).map((r) => (r.reachedGoal ? r.steps : BUDGET)))
    const late = median(window(91, 100).map((r) => (r.reachedGoal ? r.steps : BUDGET)))
    expect(late).toBeLessThan(early / 4)
  })

  it('more trials reach the goal at the end than at the start', () => {
    const reached = (rs: { reachedGoal: boolean }[]) => rs.filter((r) => r.reachedGoal).length
    expect(reached(window(91, 100))).toBeGreaterThan(reached(window(1, 10)))
  })
})

describe('memory window: Table-1 accuracy against I_C × V_STOP (examples/table1-sweep.json protocol, 60 seeds)', () => {
  const SEEDS = 60
  const IC = [50, 100, 160]
  const V = [-1.0, -1.2, -1.6]
  const sweep = sweepSpecSchema.parse({
    base: { environment: { builtin: 'bianchi-maze-1' }, agent: { kind: 'bio-rram' }, trials: TABLE1_TRIALS, maxStepsPerTrial: 2000, hardwareTime: { cutoffUs: CUTOFF_US } },
    grid: { 'agent.programming.iComplianceUA': IC, 'agent.programming.vStopV': V },
    seeds: { count: SEEDS }
  })
  const cells = expandSweep(sweep)
  const finals = cells.map((c) => c.specs.map((s) => run(s).at(-1)!))
  const acc = aggregateSweep(cells, finals).map((r) => r.accuracy)
  const at = (i: number, v: number) => acc[i * V.length + v]
  // Seed noise: binomial σ of a share over 60 seeds is ≤ 0.065; allow 2 σ.
  const NOISE = 0.13

  it('rises with I_C and with |V_STOP| (never falls beyond seed noise)', () => {
    for (let i = 0; i < IC.length; i++) for (let v = 1; v < V.length; v++) expect(at(i, v)).toBeGreaterThanOrEqual(at(i, v - 1) - NOISE)
    for (let v = 0; v < V.length; v++) for (let i = 1; i < IC.length; i++) expect(at(i, v)).toBeGreaterThanOrEqual(at(i - 1, v) - NOISE)
  })

  it('the widest memory window beats the narrowest by more than seed noise, and the deepest V_STOP is ≥ 90 % at every I_C (Table 1: 98–99 %)', () => {
    expect(at(2, 2) - at(0, 0)).toBeGreaterThan(NOISE)
    for (let i = 0; i < IC.length; i++) expect(at(i, 2)).toBeGreaterThanOrEqual(0.9)
  })
})
