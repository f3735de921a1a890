import { describe, expect, it } from 'vitest'
import { readTextMaze } from '../../env/formats/text-maze'
import { memoryElementsOf } from '../../experiment/memory-elements'
import { RandomStream } from '../../random'
import { newOutcome } from '../types'
import { DqnAgent } from './dqn'
import { dqnParamsSchema, type DqnParams } from './params'

// A corridor: S, three free cells, G. Moving E four times reaches the goal.
const CORRIDOR = readTextMaze('#######\n#S...G#\n#######\n').grid

const params = (over: object = {}): DqnParams => dqnParamsSchema.parse({ kind: 'dqn', warmupTransitions: 1000, ...over })

describe('DqnAgent', () => {
  it('stores n-step returns: Σ γ^k r_k over n steps, bootstrapping n steps later; the goal flushes shorter ones', () => {
    // ε = 1 with runs along one direction: the walk is random, the replay holds what happened.
    const agent = new DqnAgent(CORRIDOR, params({ nStep: 3, discount: 0.9, exploration: { epsilonStart: 1, epsilonMin: 1 } }), RandomStream.fromSeed(2))
    const o = newOutcome()
    agent.runTrial({ start: CORRIDOR.starts[0], maxSteps: 400, greedy: false, recordPath: true }, o)
    expect(o.reachedGoal).toBe(true)
    const r = agent.replay
    expect(r.size).toBe(o.steps) // one stored transition per step
    const { step, wall, goal } = agent.params.rewards
    for (let i = 0; i < r.size; i++) {
      const h = r.horizon[i]
      expect(h).toBeGreaterThanOrEqual(1)
      expect(h).toBeLessThanOrEqual(3)
      if (r.done[i] === 0) expect(h).toBe(3) // only the goal cuts a return short (the trial did not time out)
      // Every reward is step, step + wall, or step + goal: the return lies between the extremes.
      const lo = ((step + wall) * (1 - 0.9 ** h)) / 0.1
      const hi = step * ((1 - 0.9 ** h) / 0.1) + goal
      expect(r.reward[i]).toBeGreaterThanOrEqual(lo - 1e-12)
      expect(r.reward[i]).toBeLessThanOrEqual(hi + 1e-12)
    }
    // The last stored transition is the goal step itself: one step, reward step + goal, terminal.
    const last = r.size - 1
    expect([r.horizon[last], r.done[last], r.nextState[last]]).toEqual([1, 1, o.finalPosition])
    expect(r.reward[last]).toBeCloseTo(step + goal, 12)
  })

  it('reports trainable parameters and replay entries apart; the pure formula equals the built count', () => {
    for (const [w, h, hidden, input] of [
      [7, 3, [16], 'one-hot'],
      [12, 9, [32, 16], 'one-hot'],
      [5, 5, [8], 'coordinates']
    ] as const) {
      const grid = readTextMaze(Array.from({ length: h }, (_, r) => (r === 0 ? 'S' + '.'.repeat(w - 2) + 'G' : '.'.repeat(w))).join('\n')).grid
      const p = params({ hiddenLayers: [...hidden], input, replayCapacity: 12_345 })
      const agent = new DqnAgent(grid, p, RandomStream.fromSeed(1))
      expect(agent.memoryElements).toBe(agent.online.theta.length)
      const formula = memoryElementsOf(p, w, h)
      expect(formula.memoryElements).toBe(agent.memoryElements)
      expect(formula.replayEntries).toBe(12_345)
      expect(agent.replayEntries).toBe(12_345)
    }
  })

  it('is reproducible by seed and differs between seeds', () => {
    const run = (seed: number) => {
      const agent = new DqnAgent(CORRIDOR, params({ warmupTransitions: 10 }), RandomStream.fromSeed(seed))
      const o = newOutcome()
      const steps: number[] = []
      for (let t = 0; t < 6; t++) {
        agent.runTrial({ start: CORRIDOR.starts[0], maxSteps: 50, greedy: false, recordPath: false }, o)
        steps.push(o.steps)
      }
      return { steps, theta: Array.from(agent.online.theta.slice(0, 20)) }
    }
    expect(run(5)).toEqual(run(5))
    expect(run(5)).not.toEqual(run(6))
  })

  it('detects a changed layout from its own bumps: re-explores and drops the contradicted transitions', () => {
    const agent = new DqnAgent(CORRIDOR, params({ warmupTransitions: 10 }), RandomStream.fromSeed(3))
    const o = newOutcome()
    const start = CORRIDOR.starts[0]
    for (let t = 0; t < 30; t++) agent.runTrial({ start, maxSteps: 50, greedy: false, recordPath: false }, o)
    expect(agent.changesDetected).toBe(0) // a static corridor never contradicts itself
    const east = 2 // N NE E …: the direction that moved S → the next cell
    const { replay } = agent
    const movedEast = () => Array.from({ length: replay.size }, (_, j) => j).filter((j) => replay.state[j] === start && replay.action[j] === east && replay.firstMoved[j] === 1)
    expect(movedEast().length).toBeGreaterThan(0)
    // A wall appears right of the start.
    agent.setLayout(readTextMaze('#######\n#S#..G#\n#######\n').grid)
    agent.runTrial({ start, maxSteps: 50, greedy: false, recordPath: false }, o)
    expect(agent.changesDetected).toBeGreaterThan(0)
    expect(movedEast()).toEqual([])
  })
})
