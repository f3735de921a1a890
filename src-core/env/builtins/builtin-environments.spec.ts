import { describe, expect, it } from 'vitest'
import { isGoalReachable, shortestStepsToGoal } from '../bfs'
import { CELL_WALL } from '../grid'
import { assertValidGrid, countDifferentCells, indexOf } from '../grid-ops'
import { resolveTrial, validateSchedule } from '../schedule'
import { BUILTIN_ENVIRONMENTS, MATLAB_PROTOCOL_STARTS } from './builtin-environments'

describe('BUILTIN_ENVIRONMENTS', () => {
  it('holds the named environments, each valid with a reachable goal from every scheduled start', () => {
    expect(Object.keys(BUILTIN_ENVIRONMENTS).sort()).toEqual(
      ['bianchi-dynamic-180', 'bianchi-maze-1', 'bianchi-maze-2', 'matlab-protocol-120', 'mars-bianchi-128', 'mars-synthetic-128', 'morris-arena'].sort()
    )
    for (const [name, env] of Object.entries(BUILTIN_ENVIRONMENTS)) {
      const { layouts, schedule } = env.build()
      validateSchedule(schedule, layouts)
      for (const grid of Object.values(layouts)) assertValidGrid(grid)
      for (let trial = 1; trial <= env.trialCount; trial++) {
        const { layoutId, start } = resolveTrial(schedule, trial)
        expect(isGoalReachable(layouts[layoutId], indexOf(layouts[layoutId], start)), `${name} trial ${trial}`).toBe(true)
      }
    }
  })

  it('has Bianchi mazes 1 and 2 differing in exactly 8 cells', () => {
    const { layouts } = BUILTIN_ENVIRONMENTS['bianchi-dynamic-180'].build()
    expect(countDifferentCells(layouts['bianchi-maze-1'], layouts['bianchi-maze-2'])).toBe(8)
  })

  it('runs the 180-trial protocol as maze 1, 2, 1 with the start at row 4, column 28 (1-based)', () => {
    const { schedule } = BUILTIN_ENVIRONMENTS['bianchi-dynamic-180'].build()
    const at = (t: number) => resolveTrial(schedule, t)
    expect([at(1), at(60), at(61), at(120), at(121), at(180)].map((r) => r.layoutId)).toEqual([
      'bianchi-maze-1',
      'bianchi-maze-1',
      'bianchi-maze-2',
      'bianchi-maze-2',
      'bianchi-maze-1',
      'bianchi-maze-1'
    ])
    expect(at(150).start).toEqual({ row: 3, col: 27 })
  })

  it('runs the MATLAB protocol switching at 41 and 81 and moving the start every 15 trials', () => {
    const env = BUILTIN_ENVIRONMENTS['matlab-protocol-120']
    const { schedule, layouts } = env.build()
    expect([40, 41, 80, 81].map((t) => resolveTrial(schedule, t).layoutId)).toEqual(['bianchi-maze-1', 'bianchi-maze-2', 'bianchi-maze-2', 'bianchi-maze-1'])
    expect(resolveTrial(schedule, 15).start).toEqual(MATLAB_PROTOCOL_STARTS[0])
    expect(resolveTrial(schedule, 16).start).toEqual(MATLAB_PROTOCOL_STARTS[1])
    expect(resolveTrial(schedule, 120).start).toEqual(MATLAB_PROTOCOL_STARTS[7])
    expect(env.maxStepsPerTrial).toBe(600)
    // The chosen starts are distinct free cells at different distances from the goal.
    const m1 = layouts['bianchi-maze-1']
    const d = MATLAB_PROTOCOL_STARTS.map((s) => shortestStepsToGoal(m1, indexOf(m1, s)))
    expect(new Set(d).size).toBeGreaterThan(4)
    for (const s of MATLAB_PROTOCOL_STARTS) expect(m1.cells[indexOf(m1, s)]).not.toBe(CELL_WALL)
  })

  it('builds the Mars terrain identically each time, 128×128 with start and goal far apart', () => {
    const a = BUILTIN_ENVIRONMENTS['mars-synthetic-128'].build().layouts['mars-synthetic-128']
    const b = BUILTIN_ENVIRONMENTS['mars-synthetic-128'].build().layouts['mars-synthetic-128']
    expect([a.width, a.height]).toEqual([128, 128])
    expect(Array.from(a.cells)).toEqual(Array.from(b.cells))
    expect(shortestStepsToGoal(a, a.starts[0])).toBeGreaterThan(100)
  })

  it('gives fresh grids on every build, so a caller cannot spoil the next one', () => {
    const first = BUILTIN_ENVIRONMENTS['bianchi-maze-1'].build().layouts['bianchi-maze-1']
    first.cells.fill(CELL_WALL)
    expect(BUILTIN_ENVIRONMENTS['bianchi-maze-1'].build().layouts['bianchi-maze-1'].cells[31]).not.toBe(CELL_WALL)
  })
})
