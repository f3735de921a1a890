import { describe, expect, it } from 'vitest'
import { shortestStepsToGoal } from '../env/bfs'
import { readTextMaze } from '../env/formats/text-maze'
import { resolveEnvironment, resolvePreset } from '../experiment/resolve'
import { runExperiment } from '../experiment/run'
import { aggregateSweep, expandSweep, sweepSpecSchema } from '../experiment/sweep'
import { RandomStream } from '../random'
import { DqnAgent } from './dqn/dqn'
import { dqnParamsSchema } from './dqn/params'
import { qTableParamsSchema } from './q-table/params'
import { QTableAgent } from './q-table/q-table'
import { newOutcome, type Agent } from './types'

// A small maze: learning is quick enough for a unit test, hard enough that a random walk fails the budget.
const SMALL = `\
##########
#S.......#
#.######.#
#......#.#
######.#.#
#......#.#
#.######.#
#......#G#
##########
`

function train(agent: Agent, start: number, trials: number, budget: number) {
  const o = newOutcome()
  for (let t = 0; t < trials; t++) agent.runTrial({ start, maxSteps: budget, greedy: false, recordPath: false }, o)
  agent.runTrial({ start, maxSteps: budget, greedy: true, recordPath: true }, o)
  return { ...o }
}

/**
 * Accuracy of one cell of the paper's accuracy map (trials × steps per trial) with the workbench's own
 * definition (experiment/sweep.ts `aggregateSweep`), over `seeds` seeds; plus the final records.
 */
function accuracyOf(agent: object, trials: number, steps: number, seeds: number, builtin = 'bianchi-maze-1') {
  const cells = expandSweep(
    sweepSpecSchema.parse({ base: { environment: { builtin }, agent, trials: 1, maxStepsPerTrial: 1 }, grid: { trials: [trials], maxStepsPerTrial: [steps] }, seeds: { count: seeds } })
  )
  const finals = cells.map((cell) =>
    cell.specs.map((spec) => {
      const { records } = runExperiment(spec, resolveEnvironment(spec), resolvePreset(spec.devicePreset))
      return records[records.length - 1]
    })
  )
  return { accuracy: aggregateSweep(cells, finals)[0].accuracy, finals: finals[0] }
}

describe('software baselines', () => {
  const grid = readTextMaze(SMALL).grid
  const start = grid.starts[0]

  const shortest = shortestStepsToGoal(grid, start)

  it('tabular Q-learning finds a near-shortest path greedily after training', () => {
    const o = train(new QTableAgent(grid, qTableParamsSchema.parse({ kind: 'q-table' }), RandomStream.fromSeed(1)), start, 150, 400)
    expect(o.reachedGoal).toBe(true)
    expect(o.pathLength).toBeLessThanOrEqual(shortest + 2)
  })

  it('an untrained greedy Q agent does not reach the goal (the test above can fail)', () => {
    const agent = new QTableAgent(grid, qTableParamsSchema.parse({ kind: 'q-table' }), RandomStream.fromSeed(1))
    const o = newOutcome()
    agent.runTrial({ start, maxSteps: 20, greedy: true, recordPath: false }, o)
    expect(o.reachedGoal).toBe(false)
  })

  it('DQN learns the small maze and is reproducible by seed', () => {
    const make = () => new DqnAgent(grid, dqnParamsSchema.parse({ kind: 'dqn' }), RandomStream.fromSeed(4))
    const a = train(make(), start, 40, 300)
    const b = train(make(), start, 40, 300)
    expect(b).toEqual(a)
    expect(a.reachedGoal).toBe(true)
    expect(a.pathLength).toBeLessThanOrEqual(shortest + 2)
  })
})

// The paper's accuracy-map axes are trials 35 … 70 × steps per trial 150 … 500 (Bianchi 2023 fig. 4f),
// where its DQN reaches 93–99 %. Main before the Double-DQN rewrite: 0–50 % here, no recovery.
describe('DQN on Bianchi maze 1, on the paper’s axes', () => {
  it('50 trials × 300 steps: most seeds end on a near-shortest greedy path', () => {
    const { accuracy, finals } = accuracyOf({ kind: 'dqn' }, 50, 300, 5)
    expect(accuracy).toBeGreaterThanOrEqual(0.8)
    // The shortest path is 27 moves; a learned path is close to it, not a lucky wander.
    for (const f of finals) if (f.reachedGoal) expect(f.pathLength).toBeLessThanOrEqual(40)
  })

  // Before change detection + prioritized replay: 0 of 5 seeds recovered at 300 steps (docs/agents.md).
  it('recovers after the switch to maze 2 (trial 61): greedy on maze 2 at trial 120 in most seeds', () => {
    const { accuracy, finals } = accuracyOf({ kind: 'dqn' }, 120, 300, 3, 'bianchi-dynamic-180')
    expect(finals.every((f) => f.layoutId === 'bianchi-maze-2')).toBe(true)
    expect(accuracy).toBeGreaterThanOrEqual(2 / 3)
  }, 120_000)

  // Back on maze 1 the values near the reopened passage still carry maze 2, and a strictly greedy policy can circle
  // there while its ε-greedy trials reach the goal: seeds 1–20 reached it on trial 180 in 10 of 20 greedily, in 18 of
  // 20 with the evaluation ε 0.05 of Mnih et al. 2015 (the default; seeds 1–3 here: 1 of 3 against 3 of 3).
  it('back on maze 1 (trial 121): its evaluation trial 180 reaches the goal in most seeds', () => {
    const { accuracy, finals } = accuracyOf({ kind: 'dqn' }, 180, 300, 3, 'bianchi-dynamic-180')
    expect(finals.every((f) => f.layoutId === 'bianchi-maze-1')).toBe(true)
    expect(accuracy).toBeGreaterThanOrEqual(2 / 3)
  }, 180_000)
})

describe('tabular Q(λ) on the paper’s axes', () => {
  // The learned path itself: a strictly greedy evaluation (the default's random 5 % of directions add detours).
  it('50 trials × 300 steps on maze 1: most seeds end on a near-shortest greedy path', () => {
    const { accuracy, finals } = accuracyOf({ kind: 'q-table', evaluationEpsilon: 0 }, 50, 300, 10)
    expect(accuracy).toBeGreaterThanOrEqual(0.7)
    for (const f of finals) if (f.reachedGoal) expect(f.pathLength).toBeLessThanOrEqual(45)
  })

  // After 60 trials of maze 1, a strictly greedy evaluation circles until the step budget in 5 of seeds 1–20 (every
  // step a move: a loop of the table's value errors), while their ε-greedy trial 59 reached the goal; with the
  // evaluation ε 0.05 of Mnih et al. 2015 (the default, as the DQN's) 20 of 20 reach it.
  it('its evaluation trial is ε-greedy (0.05), so a loop of value errors does not stall it', () => {
    const strict = accuracyOf({ kind: 'q-table', evaluationEpsilon: 0 }, 60, 5000, 20, 'bianchi-dynamic-180')
    const evaluated = accuracyOf({ kind: 'q-table' }, 60, 5000, 20, 'bianchi-dynamic-180')
    expect(strict.accuracy).toBeLessThanOrEqual(0.85)
    expect(evaluated.accuracy).toBeGreaterThanOrEqual(0.95)
    // A stalled seed circles: it moves on every one of its steps, it is not stuck against a wall.
    for (const f of strict.finals) if (!f.reachedGoal) expect(f.pathLength).toBe(f.steps)
  })

  it('recovers after the switch to maze 2 (trial 61): greedy on maze 2 at trial 120', () => {
    const { accuracy, finals } = accuracyOf({ kind: 'q-table' }, 120, 300, 10, 'bianchi-dynamic-180')
    expect(finals.every((f) => f.layoutId === 'bianchi-maze-2')).toBe(true)
    expect(accuracy).toBeGreaterThanOrEqual(0.7)
  })

  it('one-step Q-learning without traces does worse on the same cell (the traces matter)', () => {
    const withTraces = accuracyOf({ kind: 'q-table' }, 50, 300, 10).accuracy
    const oneStep = accuracyOf({ kind: 'q-table', traceDecay: 0 }, 50, 300, 10).accuracy
    expect(oneStep).toBeLessThan(withTraces)
  })
})
