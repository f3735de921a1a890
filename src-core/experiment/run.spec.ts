import { describe, expect, it } from 'vitest'
import { memoryElementsOf, memoryElementsTable, memoryElementsSpecSchema } from './memory-elements'
import { environmentFromFileText, resolveEnvironment, resolvePreset } from './resolve'
import { runExperiment } from './run'
import { parseRunSpec, type RunSpecInput } from './spec'
import { trialRecordSchema, type Snapshot } from './trial-record'

function run(input: RunSpecInput, hooks = {}) {
  const spec = parseRunSpec(input)
  return runExperiment(spec, resolveEnvironment(spec), resolvePreset(spec.devicePreset), hooks)
}

const maze1 = { environment: { builtin: 'bianchi-maze-1' } } as const

describe('runExperiment', () => {
  it('same spec + seed ⇒ identical trial records; another seed differs', () => {
    for (const kind of ['bio-rram', 'q-table', 'dqn'] as const) {
      const input: RunSpecInput = { ...maze1, agent: { kind }, trials: 4, maxStepsPerTrial: 300, seed: 5 }
      const a = run(input).records
      const b = run(input).records
      expect(b).toEqual(a)
      const c = run({ ...input, seed: 6 }).records
      expect(c).not.toEqual(a)
    }
  })

  it('a bio-RRAM run’s first trials do not depend on how many follow (npm run calibrate reads Table 1 after T trials from one longer run)', () => {
    const input = { ...maze1, agent: { kind: 'bio-rram', programming: { vStopV: -1.2 } }, maxStepsPerTrial: 2000, hardwareTime: { cutoffUs: 900 }, seed: 7 } as const
    const long = run({ ...input, trials: 9 }).records
    const short = run({ ...input, trials: 5 }).records
    // Only the final-trial flag differs (the bio network has no greedy mode: it is the same trial either way).
    expect(long.slice(0, 5).map((r) => ({ ...r, greedy: false }))).toEqual(short.map((r) => ({ ...r, greedy: false })))
    expect(new Set(long.map((r) => r.steps)).size).toBeGreaterThan(1) // the runs learn: the comparison is not of constants
  })

  it('records are valid, time follows the hardware time model, shortest path comes from BFS', () => {
    const { records } = run({ ...maze1, agent: { kind: 'bio-rram' }, trials: 3, maxStepsPerTrial: 500, tickSeconds: 10e-6 })
    for (const r of records) {
      expect(trialRecordSchema.safeParse(r).success).toBe(true)
      // Each decision integrates until the winner's crossing, inside its last tick, plus at most one 5 µs spike.
      expect(r.timeUs).toBeGreaterThanOrEqual((r.steps - r.spikes) * 10 - 1e-6)
      expect(r.timeUs).toBeLessThanOrEqual(r.steps * 10 + r.spikes * 5 + 1e-6)
      expect(r.timedOut).toBe(false) // no cut-off in this spec
      expect(r.shortestPath).toBe(27)
      if (r.reachedGoal) expect(r.pathLength).toBeGreaterThanOrEqual(27)
      expect(r.ops.reads).toBe(16 * r.steps) // 16 synaptic devices per position, all read every tick
    }
    // The software baselines have no time model of their own: steps × tick.
    for (const r of run({ ...maze1, agent: { kind: 'q-table' }, trials: 2, maxStepsPerTrial: 300, tickSeconds: 10e-6 }).records) {
      expect(r.timeUs).toBeCloseTo(r.steps * 10, 9)
    }
  })

  it('a trial past the cut-off is a time-out: it reads the cut-off, its energy is that of the window', () => {
    const input: RunSpecInput = { ...maze1, agent: { kind: 'bio-rram' }, trials: 1, maxStepsPerTrial: 20_000, seed: 2 } // room to reach the goal (seed 2: 9,175 ticks)
    const open = run(input).records[0]
    const cut = run({ ...input, hardwareTime: { cutoffUs: 900 } }).records[0]
    expect(open.timeUs).toBeGreaterThan(900) // a fresh network explores for milliseconds
    expect(cut.timedOut).toBe(true)
    expect(cut.reachedGoal).toBe(false) // not within the trial's budget
    expect(open.reachedGoal).toBe(true)
    expect(cut.timeUs).toBe(900)
    // The agent goes on to the goal (same trajectory), but the window's integration and fire energy are a part.
    expect(cut.steps).toBe(open.steps)
    expect(cut.energyJ.integration).toBeLessThan(open.energyJ.integration / 2)
    expect(cut.energyJ.fire).toBeLessThan(open.energyJ.fire)
  })

  it('energy per trial falls by orders of magnitude once the path is learned; the controller stays flat', () => {
    const { records } = run({ ...maze1, agent: { kind: 'bio-rram' }, trials: 30, maxStepsPerTrial: 3000, seed: 3, hardwareTime: { cutoffUs: 900 } })
    const first = records[0].energyJ
    const last = records
      .slice(-5)
      .map((r) => r.energyJ.integration)
      .sort((x, y) => x - y)[2]
    expect(records[0].timedOut).toBe(true)
    // Integration: tens of nJ over a 900 µs exploring window, far less once recall is a burst (Bianchi 2023).
    expect(first.integration).toBeGreaterThan(3e-9)
    expect(last).toBeLessThan(first.integration / 10)
    for (const r of records) expect(r.energyJ.controller).toBeCloseTo(33e-9, 15)
  })

  it('stops between trials when asked, and snapshots the chosen trials', () => {
    const snaps: Snapshot[] = []
    let n = 0
    const res = run(
      { ...maze1, agent: { kind: 'bio-rram' }, trials: 10, maxStepsPerTrial: 200, snapshots: { trials: [2], direction: 'E' } },
      { onSnapshot: (s: Snapshot) => snaps.push(s), shouldStop: () => ++n > 3 }
    )
    expect(res.stopped).toBe(true)
    expect(res.records).toHaveLength(3)
    expect(snaps.map((s) => s.trial)).toEqual([2])
    const s = snaps[0]
    const layer = (name: string) => s.layers.find((l) => l.layer === name)!.values
    expect(layer('thresholds')).toHaveLength(900)
    expect(layer('synapses')).toHaveLength(8 * 900)
    expect(s.direction).toBe('E')
    expect(layer('path')[0]).toBe(3 * 30 + 27)
    const visited = Array.from(layer('visits')).reduce((a, b) => a + b, 0)
    expect(visited).toBe(res.records[0].pathLength + res.records[1].pathLength + 2)
  })
})

describe('memory elements', () => {
  it('bio = 16 × positions by default, Q = 8 × positions, DQN = MLP parameters with its architecture', () => {
    const res = run({ ...maze1, agent: { kind: 'bio-rram' }, trials: 1, maxStepsPerTrial: 1 })
    expect(res.memoryElements).toBe(16 * 900)
    expect(run({ ...maze1, agent: { kind: 'q-table' }, trials: 1, maxStepsPerTrial: 1 }).memoryElements).toBe(8 * 900)
    const dqn = run({ ...maze1, agent: { kind: 'dqn', hiddenLayers: [32] }, trials: 1, maxStepsPerTrial: 1 })
    expect(dqn.memoryElements).toBe(900 * 32 + 32 + 32 * 8 + 8)
    expect(dqn.architecture).toMatch(/900→32→8/)
    const table = memoryElementsTable(memoryElementsSpecSchema.parse({ kind: 'memory-elements', sides: [10, 100], agents: [{ kind: 'bio-rram' }, { kind: 'dqn' }] }))
    expect(table.find((r) => r.agent === 'bio-rram' && r.side === 100)?.memoryElements).toBe(16 * 100 * 100)
    // The built agent and the table agree.
    expect(memoryElementsOf(parseRunSpec({ ...maze1, agent: { kind: 'dqn', hiddenLayers: [32] }, trials: 1, maxStepsPerTrial: 1 }).agent, 30, 30).memoryElements).toBe(dqn.memoryElements)
  })
})

describe('small open grids', () => {
  // Regression: on a tiny grid the agent re-enters positions whose rise was cleared mid-trial many
  // times; the list of raised positions must not overflow, or programming energy becomes NaN.
  it('keeps every trial record finite over many seeds', () => {
    const text = ['S.....', '......', '......', '.....G'].join('\n')
    for (let seed = 1; seed <= 12; seed++) {
      const spec = parseRunSpec({ environment: { builtin: 'bianchi-maze-1' }, agent: { kind: 'bio-rram' }, trials: 20, maxStepsPerTrial: 200, seed })
      const env = environmentFromFileText(text, 'open-6x4.txt')
      const { records: trials } = runExperiment(spec, env, resolvePreset(spec.devicePreset))
      expect(trials).toHaveLength(20)
      for (const t of trials) {
        for (const [part, j] of Object.entries(t.energyJ)) expect(Number.isFinite(j), `seed ${seed} trial ${t.trial} ${part}`).toBe(true)
      }
    }
  })
})
