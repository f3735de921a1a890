import { describe, expect, it } from 'vitest'
import { BIANCHI_MAZE_1_TEXT } from '../../env/builtins/bianchi-mazes'
import { readTextMaze } from '../../env/formats/text-maze'
import { runExperiment } from '../../experiment/run'
import { resolveEnvironment, resolvePreset } from '../../experiment/resolve'
import { parseRunSpec } from '../../experiment/spec'
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

  it('counter-based exploration finds the goal of maze 1 in fewer 150-step trials than the εz random walk it replaces', () => {
    // Exploration alone: ε = 1 throughout, no gradient step (warm-up never reached); visit counts carry over between trials.
    const maze = readTextMaze(BIANCHI_MAZE_1_TEXT).grid
    const trialsToGoal = (counting: boolean, seed: number) => {
      const p = params({ warmupTransitions: 1e9, exploration: { epsilonStart: 1, epsilonMin: 1 }, countExploration: { enabled: counting } })
      const agent = new DqnAgent(maze, p, RandomStream.fromSeed(seed))
      const o = newOutcome()
      let t = 0
      do agent.runTrial({ start: maze.starts[0], maxSteps: 150, greedy: false, recordPath: false }, (t++, o))
      while (!o.reachedGoal && t < 200)
      return t
    }
    // 40 seeds (< 0.5 s: no gradient step): the worst of 8 seeds was too noisy to say anything about the tail.
    const seeds = Array.from({ length: 40 }, (_, k) => k + 1)
    const directed = seeds.map((k) => trialsToGoal(true, k)).sort((a, b) => a - b)
    const random = seeds.map((k) => trialsToGoal(false, k)).sort((a, b) => a - b)
    // Fewer trials at the median, and the worst seed's wait at least halved: what decides whether 35 trials leave time
    // to learn (measured over seeds 1–40: median 7 against 20 trials, worst 14 against 89).
    expect(directed[20]).toBeLessThan(random[20])
    expect(directed[39] * 2).toBeLessThanOrEqual(random[39])
  })

  it('holds ε at its start until the first goal, then runs the schedule from there', () => {
    // ε = 1 for every learning action before the goal: no greedy choice, so no change can be detected either.
    const agent = new DqnAgent(CORRIDOR, params({ exploration: { epsilonStart: 1, epsilonDecay: 0.5, epsilonMin: 0 } }), RandomStream.fromSeed(4))
    const o = newOutcome()
    agent.runTrial({ start: CORRIDOR.starts[0], maxSteps: 2, greedy: false, recordPath: false }, o) // too short to arrive
    expect(o.reachedGoal).toBe(false)
    agent.runTrial({ start: CORRIDOR.starts[0], maxSteps: 2, greedy: false, recordPath: false }, o)
    expect(agent.epsilonOfNextTrial()).toBe(1)
    agent.runTrial({ start: CORRIDOR.starts[0], maxSteps: 400, greedy: false, recordPath: false }, o)
    expect(o.reachedGoal).toBe(true)
    // Goal in trial 3: trial 4 is the schedule's trial 1 (ε 1), trial 5 its trial 2 (ε 0.5).
    expect(agent.epsilonOfNextTrial()).toBe(1)
    agent.runTrial({ start: CORRIDOR.starts[0], maxSteps: 50, greedy: false, recordPath: false }, o)
    expect(agent.epsilonOfNextTrial()).toBe(0.5)
  })

  it('solves Bianchi maze 1 in 35 trials of 150 steps for more seeds than the previous default agent', () => {
    // The accuracy map's hardest corner. The previous default: no count-based exploration, minibatch 32, Adam 3e-3, ε decay 0.95
    // (docs/agents.md: its final greedy trial reached the goal there for 1 seed of 8; first goals after 10–30 trials, if any).
    const previous = { countExploration: { enabled: false }, batchSize: 32, learningRate: 3e-3, exploration: { epsilonDecay: 0.95 } }
    const solved = (agent: object) =>
      [1, 2, 3, 4, 5, 6, 7, 8].filter((seed) => {
        const spec = parseRunSpec({ environment: { builtin: 'bianchi-maze-1' }, agent: { kind: 'dqn', ...agent }, trials: 35, maxStepsPerTrial: 150, seed })
        const r = runExperiment(spec, resolveEnvironment(spec), resolvePreset(spec.devicePreset)).records
        return r[r.length - 1].reachedGoal
      }).length
    const now = solved({}) // 5 of 8 (seeds 1–8); the previous default 1 of 8
    expect(now).toBeGreaterThanOrEqual(4)
    expect(now).toBeGreaterThan(solved(previous))
  })
})
