import { describe, expect, it } from 'vitest'
import { aggregateSweep, expandSweep, sweepSpecSchema } from '../../experiment/sweep'
import { resolveEnvironment, resolvePreset } from '../../experiment/resolve'
import { runExperiment } from '../../experiment/run'
import { parseRunSpec } from '../../experiment/spec'

/** Behaviour of the bio network a researcher would check against Bianchi 2023 (science README §3). */

const SEEDS = 20
const CUTOFF = 2000 // ticks per trial for the 180-trial protocol (our budget; docs/agents.md)

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const n = s.length
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
}

for (const thresholdMode of ['device', 'abstract'] as const) {
  describe(`dynamic maze 1 → 2 → 1 (180 trials, 20 seeds), ${thresholdMode} thresholds`, () => {
    const steps: number[][] = Array.from({ length: 180 }, () => [])
    for (let seed = 1; seed <= SEEDS; seed++) {
      const spec = parseRunSpec({
        environment: { builtin: 'bianchi-dynamic-180' },
        agent: { kind: 'bio-rram', thresholdMode },
        trials: 180,
        maxStepsPerTrial: CUTOFF,
        seed
      })
      const { records } = runExperiment(spec, resolveEnvironment(spec), resolvePreset(spec.devicePreset))
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
}

describe('Mars rover: the synthetic 128×128 terrain over 100 trials (20 seeds)', () => {
  const BUDGET = 50_000 // examples/mars-synthetic.json
  const runs = Array.from({ length: SEEDS }, (_, k) => {
    const spec = parseRunSpec({
      environment: { builtin: 'mars-synthetic-128' },
      agent: { kind: 'bio-rram', reward: { lastPositions: 300 } },
      trials: 100,
      maxStepsPerTrial: BUDGET,
      seed: k + 1
    })
    return runExperiment(spec, resolveEnvironment(spec), resolvePreset(spec.devicePreset)).records
  })
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

describe('memory window: accuracy against I_C × V_STOP (20 seeds)', () => {
  const sweep = sweepSpecSchema.parse({
    base: { environment: { builtin: 'bianchi-maze-1' }, agent: { kind: 'bio-rram' }, trials: 20, maxStepsPerTrial: 400 },
    grid: { 'agent.programming.iComplianceUA': [50, 110, 170], 'agent.programming.vStopV': [-1.0, -1.3, -1.6] },
    seeds: { count: SEEDS }
  })
  const cells = expandSweep(sweep)
  const finals = cells.map((c) =>
    c.specs.map((s) => {
      const r = runExperiment(s, resolveEnvironment(s), resolvePreset(s.devicePreset)).records
      return r[r.length - 1]
    })
  )
  const acc = aggregateSweep(cells, finals).map((r) => r.accuracy)
  const at = (i: number, v: number) => acc[i * 3 + v]
  // Seed noise: binomial σ of a share over 20 seeds is ≤ 0.11; allow 2.5 σ.
  const NOISE = 0.28

  it('does not decrease with I_C nor with |V_STOP| beyond seed noise', () => {
    for (let i = 0; i < 3; i++) for (let v = 1; v < 3; v++) expect(at(i, v)).toBeGreaterThanOrEqual(at(i, v - 1) - NOISE)
    for (let v = 0; v < 3; v++) for (let i = 1; i < 3; i++) expect(at(i, v)).toBeGreaterThanOrEqual(at(i - 1, v) - NOISE)
  })

  it('the widest memory window beats the narrowest by more than seed noise', () => {
    expect(at(2, 2) - at(0, 0)).toBeGreaterThan(NOISE)
  })
})
