import { describe, expect, it } from 'vitest'
import { shortestStepsToGoal } from '../env/bfs'
import { readTextMaze } from '../env/formats/text-maze'
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
    const make = () => new DqnAgent(grid, dqnParamsSchema.parse({ kind: 'dqn', hiddenLayers: [32] }), RandomStream.fromSeed(4))
    const a = train(make(), start, 60, 300)
    const b = train(make(), start, 60, 300)
    expect(b).toEqual(a)
    expect(a.reachedGoal).toBe(true)
    expect(a.pathLength).toBeLessThanOrEqual(shortest + 4)
  })
})
