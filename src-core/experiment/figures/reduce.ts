import { agentSpecSchema, type AgentSpec, type RunSpec } from '../spec'
import { resolveEnvironment, type ResolvedEnvironment } from '../resolve'
import { layoutSwitchTrials } from '../../env/schedule'
import { CELL_WALL, type Grid } from '../../env/grid'
import { FIG4G_POSITIONS, fig4gRows, memoryElementsOf } from '../memory-elements'
import { mean, median, standardDeviation } from '../../stats/descriptive'
import { mazePhases } from './compare'
import type { FigureName } from './names'
import type { FigurePlan } from './plan'
import type { Fig4bResult, Fig4cResult, Fig4fResult, Fig4gResult, Fig5dResult, Fig5gResult, FigureResults, Table1Result } from './results'

/** The fields of a trial record the figures read (core's TrialRecord and the stored one both fit). */
export interface FigureTrial {
  trial: number
  steps: number
  timeUs: number
  reachedGoal: boolean
  /** Moves made (cells entered). */
  pathLength: number | null
  shortestPath: number | null
  layoutId?: string | null
  energyJ: { fire: number; integration: number; controller: number }
}

/** One finished sweep cell: its grid values and each seed's final trial. */
export interface SweepCellData {
  values: Record<string, unknown>
  finals: FigureTrial[]
}

/**
 * The runs behind a figure, finished ones only (a cancelled reproduction reduces what finished):
 * per run group, each seed's trials in order; per sweep, each cell's final trials.
 */
export interface FigureData {
  groups: Record<string, FigureTrial[][]>
  /** The seed of each run in `groups[key]`, in the same order (absent: seeds not known). */
  groupSeeds?: Record<string, number[]>
  /** The notebook's id of each run in `groups[key]`, in the same order (absent: not stored). */
  groupRunIds?: Record<string, number[]>
  sweeps: Record<string, SweepCellData[]>
  /**
   * Per run of `groups[key]`, in the same order, the path (cell indices) of each trial that has a stored snapshot
   * (absent: paths not read).
   */
  groupPaths?: Record<string, Record<number, number[]>[]>
}

/** Per trial number, the records of every seed that has that trial. */
function byTrial(runs: FigureTrial[][]): FigureTrial[][] {
  const out: FigureTrial[][] = []
  for (const run of runs) for (const r of run) (out[r.trial - 1] ??= []).push(r)
  return out.filter((x) => x !== undefined)
}

const share = (xs: FigureTrial[]) => (xs.length === 0 ? null : xs.filter((r) => r.reachedGoal).length / xs.length)
const moves = (r: FigureTrial) => r.pathLength ?? r.steps

/** Table 1: accuracy (share of seeds whose final trial reaches the goal within the budget) per I_C × V_STOP. */
export function reduceTable1(data: FigureData): Table1Result {
  return {
    cells: (data.sweeps.table1 ?? []).map((c) => ({
      iComplianceUA: Number(c.values['agent.programming.iComplianceUA']),
      vStopV: Number(c.values['agent.programming.vStopV']),
      accuracy: share(c.finals),
      seeds: c.finals.length
    }))
  }
}

/**
 * Fig. 4b: per trial, the median over seeds of the hardware time to reward (a timed-out trial counts as
 * the cut-off, which is what it spent) and how many seeds timed out. cutoffUs = the spec's hardware
 * cut-off (`hardwareTime.cutoffUs`, the hardware's ≈ 900 µs), or without one the step budget × tick.
 */
export function reduceFig4b(data: FigureData, plan: FigurePlan): Fig4bResult {
  const group = plan.groups.find((g) => g.key === 'dynamic-maze')
  const steps = Number(group?.spec.maxStepsPerTrial ?? 0)
  const tickSeconds = Number(group?.spec.tickSeconds ?? 25e-6) // spec default (src-core/experiment/spec.ts)
  const hardwareCutoffUs = (group?.spec.hardwareTime as { cutoffUs?: number | null } | undefined)?.cutoffUs
  const runs = data.groups['dynamic-maze'] ?? []
  const trials = byTrial(runs).map((rs) => ({
    trial: rs[0].trial,
    layout: rs[0].layoutId ?? '',
    medianTimeUs: median(rs.map((r) => r.timeUs)),
    timeouts: rs.filter((r) => !r.reachedGoal).length,
    seeds: rs.length
  }))
  const cutoffUs = hardwareCutoffUs ?? steps * tickSeconds * 1e6
  const paths = data.groupPaths?.['dynamic-maze']?.length === runs.length ? data.groupPaths['dynamic-maze'] : null
  const layouts = paths ? layoutsOf(group?.spec) : null
  // The maze phases (maze 1, maze 2, maze 1 again) as the comparison reads them; each seed's time-outs in each.
  const phases = mazePhases({ cutoffUs, trials }).map((phase) => {
    const [firstTrial, lastTrial] = [phase[0].trial, phase.at(-1)!.trial]
    const own = runs.map((run) => run.filter((r) => r.trial >= firstTrial && r.trial <= lastTrial))
    const converged = own.map((rs) => (rs.length ? median(rs.slice(-10).map((r) => r.timeUs)) : 0))
    // Whether the route each seed followed just before the change runs through a cell the new layout walls off.
    const grid = firstTrial > 1 ? layouts?.[phase[0].layout] : undefined
    const blocked = grid && paths ? paths.map((byTrial) => crossesWall(grid, byTrial[firstTrial - 1])) : null
    return {
      layout: phase[0].layout,
      firstTrial,
      lastTrial,
      timeoutsPerSeed: own.map((rs) => rs.filter((r) => !r.reachedGoal).length),
      relearningPerSeed: own.map((rs, k) => rs.filter((r) => !r.reachedGoal || r.timeUs > 2 * converged[k]).length),
      ...(blocked?.some((b) => b !== null) ? { blockedPerSeed: blocked, firstTimedOutPerSeed: own.map((rs) => rs.some((r) => r.trial === firstTrial && !r.reachedGoal)) } : {})
    }
  })
  const seeds = data.groupSeeds?.['dynamic-maze']
  const runIds = data.groupRunIds?.['dynamic-maze']
  return { cutoffUs, trials, phases, ...(seeds?.length === runs.length ? { seeds } : {}), ...(runIds?.length === runs.length ? { runIds } : {}) }
}

/** A run group's environment (null when it cannot be resolved here, e.g. a file environment). */
function environmentOf(spec: Record<string, unknown> | undefined): ResolvedEnvironment | null {
  if (!spec) return null
  try {
    return resolveEnvironment(spec as Pick<RunSpec, 'environment' | 'schedule'>)
  } catch {
    return null
  }
}

/** The layouts of a run group's environment by id (null when it cannot be resolved here). */
function layoutsOf(spec: Record<string, unknown> | undefined): Record<string, Grid> | null {
  return environmentOf(spec)?.layouts ?? null
}

/**
 * The trials whose stored paths fig4b reads (`FigureData.groupPaths`): the last trial before each layout change of the
 * dynamic maze's schedule (60 and 120 for the paper's protocol).
 */
export function fig4bPathTrials(plan: FigurePlan): number[] {
  const env = environmentOf(plan.groups.find((g) => g.key === 'dynamic-maze')?.spec)
  return env ? layoutSwitchTrials(env.schedule).map((t) => t - 1) : []
}

/** Whether a path (cell indices) enters a cell that is a wall of `grid`; null without a path. */
function crossesWall(grid: Grid, path: number[] | undefined): boolean | null {
  if (!path) return null
  return path.some((cell) => grid.cells[cell] === CELL_WALL)
}

/** Fig. 4c: per trial of the fig4b runs, the median over seeds of each energy part, J. */
export function reduceFig4c(data: FigureData): Fig4cResult {
  return {
    trials: byTrial(data.groups['dynamic-maze'] ?? []).map((rs) => ({
      trial: rs[0].trial,
      fireJ: median(rs.map((r) => r.energyJ.fire)),
      integrationJ: median(rs.map((r) => r.energyJ.integration)),
      controllerJ: median(rs.map((r) => r.energyJ.controller))
    }))
  }
}

/** Fig. 4f: accuracy per (agent, trials, steps per trial) cell of the two accuracy-map sweeps. */
export function reduceFig4f(data: FigureData): Fig4fResult {
  const cells: Fig4fResult['cells'] = []
  for (const agent of ['bio-rram', 'dqn'] as const) {
    for (const c of data.sweeps[`accuracy-map-${agent}`] ?? []) {
      cells.push({ agent, trials: Number(c.values.trials), stepsPerTrial: Number(c.values.maxStepsPerTrial), accuracy: share(c.finals), seeds: c.finals.length })
    }
  }
  return { cells }
}

/**
 * Fig. 4g: memory elements of each agent (its default parameters) on environments of `positions`
 * cells, by formula (memory-elements.ts: equal to the built agents' counts, tested there; building
 * a 4-million-input network to count it would take gigabytes).
 */
export function reduceFig4g(positions: readonly number[] = FIG4G_POSITIONS, agents?: { bio?: AgentSpec; q?: AgentSpec; dqn?: AgentSpec }): Fig4gResult {
  const bio = agents?.bio ?? agentSpecSchema.parse({ kind: 'bio-rram' })
  const q = agents?.q ?? agentSpecSchema.parse({ kind: 'q-table' })
  const dqn = agents?.dqn ?? agentSpecSchema.parse({ kind: 'dqn' })
  if (dqn.kind !== 'dqn') throw new RangeError('agents.dqn: expected a dqn agent')
  return {
    rows: fig4gRows(positions, { bioRram: bio, qTable: q, dqn }).map((r) => ({ positions: r.positions, bioRram: r.bioRram, qTable: r.qTable, dqn: r.dqn })),
    architectures: {
      bioRram: memoryElementsOf(bio, 1, 1).architecture,
      qTable: memoryElementsOf(q, 1, 1).architecture,
      dqn: `${memoryElementsOf(dqn, 1, 1).architecture.replace(/^MLP \d+/, 'MLP positions')}; trainable parameters (the replay buffer not counted)`
    }
  }
}

/** Fig. 5d: moves per trial on Mars over seeds (mean, sample SD, median; a timed-out trial counts its moves) and the share that reached the goal. */
export function reduceFig5d(data: FigureData): Fig5dResult {
  const runs = data.groups.mars ?? []
  return {
    shortestMoves: runs[0]?.[0]?.shortestPath ?? null,
    trials: byTrial(runs).map((rs) => {
      const m = rs.map(moves)
      return { trial: rs[0].trial, meanMoves: mean(m), sdMoves: standardDeviation(m), medianMoves: median(m), reachedShare: share(rs) ?? 0 }
    })
  }
}

/** Fig. 5g: mean moves per trial on Mars from scratch (before) and from the related task's learned state (after). */
export function reduceFig5g(data: FigureData): Fig5gResult {
  const before = byTrial(data.groups['mars-scratch'] ?? [])
  const after = byTrial(data.groups['mars-transfer'] ?? [])
  const n = Math.max(before.length, after.length)
  const meanOf = (rs: FigureTrial[] | undefined) => (rs && rs.length > 0 ? mean(rs.map(moves)) : null)
  return { trials: Array.from({ length: n }, (_, k) => ({ trial: k + 1, beforeMeanMoves: meanOf(before[k]), afterMeanMoves: meanOf(after[k]) })) }
}

/** One figure's result from the runs behind it. */
export function reduceFigure<F extends FigureName>(figure: F, data: FigureData, plan: FigurePlan): FigureResults[F] {
  const out: { [K in FigureName]: () => FigureResults[K] } = {
    table1: () => reduceTable1(data),
    fig4b: () => reduceFig4b(data, plan),
    fig4c: () => reduceFig4c(data),
    fig4f: () => reduceFig4f(data),
    fig4g: () => reduceFig4g(),
    fig5d: () => reduceFig5d(data),
    fig5g: () => reduceFig5g(data)
  }
  return out[figure]()
}
