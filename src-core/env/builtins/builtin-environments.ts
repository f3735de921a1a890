import { RandomStream } from '../../random'
import { readTextMaze } from '../formats/text-maze'
import { morrisArena, morrisStartSequence } from '../generators/morris-arena'
import { syntheticTerrain } from '../generators/terrain-generator'
import type { Grid } from '../grid'
import { rcOf, type CellRC } from '../grid-ops'
import type { EnvironmentSchedule } from '../schedule'
import { BIANCHI_MAZE_1_TEXT, BIANCHI_MAZE_2_TEXT } from './bianchi-mazes'
import { marsBianchiGrid } from './mars-bianchi'

/** A ready-made environment: its layouts by id and the schedule that picks them trial by trial. */
export interface BuiltinEnvironment {
  title: string
  description: string
  /** Trials of the protocol (the source's figure, or our default when it gives none). */
  trialCount: number
  /** Step budget per trial (integration ticks), when the protocol has one. */
  maxStepsPerTrial?: number
  /**
   * Hardware cut-off of a trial in µs (the spec's `hardwareTime.cutoffUs`), when the source gives one: a trial
   * past it is a time-out, and the agent goes on to the goal within the step budget.
   */
  cutoffUs?: number
  /** Builds fresh grids each call (callers may mutate them). */
  build(): { layouts: Record<string, Grid>; schedule: EnvironmentSchedule }
}

/** Bianchi 2023: start at row 4, column 28 (1-based) of both mazes. */
export const BIANCHI_START: CellRC = { row: 3, col: 27 }

/**
 * Starts of the authors' 120-trial MATLAB protocol, moved every 15 trials. The sources do not list the
 * cells (our choice): the original start, then free cells of both mazes spread over the four corners
 * and the middle, each with a goal reachable in both mazes.
 */
export const MATLAB_PROTOCOL_STARTS: CellRC[] = [
  { row: 3, col: 27 },
  { row: 1, col: 1 },
  { row: 27, col: 27 },
  { row: 27, col: 1 },
  { row: 1, col: 20 },
  { row: 12, col: 27 },
  { row: 23, col: 2 },
  { row: 7, col: 10 }
]

const maze1 = () => readTextMaze(BIANCHI_MAZE_1_TEXT).grid
const maze2 = () => readTextMaze(BIANCHI_MAZE_2_TEXT).grid

/**
 * Fixed generator states, so that the generated built-ins are the same on every machine and in every
 * version. They are the states an unmixed seed gave (pure-rand's `xoroshiro128plus(seed)`: [-1, ~seed,
 * seed, 0]) before `RandomStream.fromSeed` mixed its seed (2026-12-07): a built-in is data, so its map
 * and start sequence did not change with the seeding.
 */
const frozenStream = (seed: number): RandomStream => RandomStream.fromState([-1, ~seed, seed, 0])
const MORRIS_SEED = 1988 // our choice
const MARS_SEED = 2023 // our choice

function singleMaze(id: string, grid: () => Grid): BuiltinEnvironment['build'] {
  return () => ({ layouts: { [id]: grid() }, schedule: { layouts: [{ fromTrial: 1, layoutId: id }], starts: [{ fromTrial: 1, start: { ...BIANCHI_START } }] } })
}

export const BUILTIN_ENVIRONMENTS: Record<string, BuiltinEnvironment> = {
  'bianchi-maze-1': {
    title: 'Bianchi maze 1',
    description: "The authors' 30×30 maze (Labirinto_1), 2×2 goal, start at row 4, column 28.",
    trialCount: 60, // Bianchi 2023 hardware: 60 trials per maze phase
    build: singleMaze('bianchi-maze-1', maze1)
  },
  'bianchi-maze-2': {
    title: 'Bianchi maze 2',
    description: 'Maze 1 changed in 8 cells (Labirinto_1_2): one passage closed, the wall east of the goal opened.',
    trialCount: 60, // Bianchi 2023 hardware: 60 trials per maze phase
    build: singleMaze('bianchi-maze-2', maze2)
  },
  'bianchi-dynamic-180': {
    title: 'Dynamic maze, 180 trials (hardware experiment)',
    description: 'Maze 1 for trials 1–60, maze 2 for 61–120, maze 1 again for 121–180; start at row 4, column 28; each trial cut off at ≈900 µs.',
    trialCount: 180, // Bianchi 2023 hardware experiment
    // Our default: room to go on to the goal after a time-out (a first trial takes ≈ 10³ ticks), as the example
    // (examples/bianchi-dynamic-maze.json) and `reproduce fig4b` run it.
    maxStepsPerTrial: 5000,
    cutoffUs: 900, // Bianchi 2023 hardware: trial cut-off ≈ 900 µs
    build: () => ({
      layouts: { 'bianchi-maze-1': maze1(), 'bianchi-maze-2': maze2() },
      schedule: {
        layouts: [
          { fromTrial: 1, layoutId: 'bianchi-maze-1' },
          { fromTrial: 61, layoutId: 'bianchi-maze-2' },
          { fromTrial: 121, layoutId: 'bianchi-maze-1' }
        ],
        starts: [{ fromTrial: 1, start: { ...BIANCHI_START } }]
      }
    })
  },
  'matlab-protocol-120': {
    title: "Authors' MATLAB protocol, 120 trials",
    description: 'Maze 1 for trials 1–40, maze 2 for 41–80, maze 1 for 81–120; 600 steps per trial; the start moves every 15 trials (cells chosen by us).',
    trialCount: 120, // authors' MATLAB model
    maxStepsPerTrial: 600, // authors' MATLAB model
    build: () => ({
      layouts: { 'bianchi-maze-1': maze1(), 'bianchi-maze-2': maze2() },
      schedule: {
        layouts: [
          { fromTrial: 1, layoutId: 'bianchi-maze-1' },
          { fromTrial: 41, layoutId: 'bianchi-maze-2' },
          { fromTrial: 81, layoutId: 'bianchi-maze-1' }
        ],
        starts: MATLAB_PROTOCOL_STARTS.map((start, k) => ({ fromTrial: 1 + 15 * k, start: { ...start } }))
      }
    })
  },
  'morris-arena': {
    title: 'Morris water-maze arena',
    description: 'A 31-cell circular pool with a hidden 3-cell platform in the NE quadrant; 20 trials in blocks of four from N, E, S, W in shuffled order.',
    trialCount: 20, // our default: 4 trials a day for 5 days, a common Morris schedule
    build: () => ({
      layouts: { 'morris-arena': morrisArena() },
      schedule: { layouts: [{ fromTrial: 1, layoutId: 'morris-arena' }], starts: morrisStartSequence(frozenStream(MORRIS_SEED), 20) }
    })
  },
  'mars-bianchi-128': {
    title: 'Mars terrain of the paper, 128×128',
    description:
      "The rover task's own map (Bianchi 2023 source data, Fig. 5a/5c): 1,225 obstacle cells, start at row 80, column 12, goal at row 60, column 109; the shortest 8-connected path has 97 moves.",
    trialCount: 100, // Bianchi 2023: ~100 trials of rover navigation
    build: () => {
      const grid = marsBianchiGrid()
      return {
        layouts: { 'mars-bianchi-128': grid },
        schedule: { layouts: [{ fromTrial: 1, layoutId: 'mars-bianchi-128' }], starts: [{ fromTrial: 1, start: rcOf(grid, grid.starts[0]) }] }
      }
    }
  },
  'mars-synthetic-128': {
    title: 'Synthetic Mars terrain, 128×128',
    description: 'Fractal relief with impact craters at 1 m per cell; slopes over 25° are obstacles, gentler slopes cost 0.1 penalty point per degree; start and goal at opposite corners.',
    trialCount: 100, // Bianchi 2023: ~100 trials of rover navigation
    build: () => {
      const { grid } = syntheticTerrain(frozenStream(MARS_SEED), { width: 128, height: 128 })
      return {
        layouts: { 'mars-synthetic-128': grid },
        schedule: { layouts: [{ fromTrial: 1, layoutId: 'mars-synthetic-128' }], starts: [{ fromTrial: 1, start: rcOf(grid, grid.starts[0]) }] }
      }
    }
  }
}
