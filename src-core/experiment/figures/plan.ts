import type { SweepSpecInput } from '../sweep'
import { FIGURES, FIGURE_TITLES, type FigureName } from './names'
import { PAPER_TABLE1 } from './paper'

/**
 * What a figure runs. A figure is groups of runs (one spec × N seeds) and/or parameter sweeps, all
 * run on the workbench's own worker pool and stored in the notebook like any other run. Group and
 * sweep keys are shared between figures: fig4c reduces fig4b's runs, so reproducing both runs them once.
 */
export interface RunGroupPlan {
  key: string
  title: string
  /** A run spec (JSON, validated when launched); its `seed` is replaced per run. */
  spec: Record<string, unknown>
  seeds: number
  firstSeed: number
  /** Transfer learning: seed k starts from the device state the run of seed k of group `initialStateFrom` left. */
  initialStateFrom?: string
}

export interface SweepPlan {
  key: string
  sweep: SweepSpecInput
}

export interface FigurePlan {
  figure: FigureName
  title: string
  groups: RunGroupPlan[]
  sweeps: SweepPlan[]
}

/** The example files a plan starts from (examples/*.json, read node-side; src-core cannot read files). */
export interface FigureExamples {
  /** examples/table1-sweep.json */
  table1Sweep: Record<string, unknown>
  /** examples/bianchi-dynamic-maze.json */
  dynamicMaze: Record<string, unknown>
  /** examples/accuracy-map.json */
  accuracyMap: Record<string, unknown>
  /** examples/mars-bianchi.json */
  marsBianchi: Record<string, unknown>
}

/** Example file names, by key of FigureExamples. */
export const FIGURE_EXAMPLE_FILES: Record<keyof FigureExamples, string> = {
  table1Sweep: 'table1-sweep.json',
  dynamicMaze: 'bianchi-dynamic-maze.json',
  accuracyMap: 'accuracy-map.json',
  marsBianchi: 'mars-bianchi.json'
}

/**
 * Seeds per figure when `--seeds` is not given (our defaults: `reproduce` of all figures within
 * 10 minutes on 2 cores, measured in docs/reproduce.md; deep Q dominates the time).
 */
export const DEFAULT_FIGURE_SEEDS = { table1: 100, fig4b: 100, fig4fBio: 20, fig4fDqn: 4, fig5d: 20, fig5g: 10 } as const

/** The paper's accuracy-map axes (Bianchi 2023 Fig. 4f): trials per experiment and steps per trial. */
export const FIG4F_TRIALS = [35, 40, 45, 50, 55, 60, 65, 70]
export const FIG4F_STEPS = [150, 200, 250, 300, 350, 400, 450, 500]
/** Environment sizes of the memory-elements figure (positions; Bianchi 2023 Fig. 4g spans 400 … 4·10⁶). */
export { FIG4G_POSITIONS } from '../memory-elements'

/**
 * Transfer learning on Mars (fig5g), our protocol: the related task is the same terrain and goal from
 * another start (row 100, column 30, 1-based; free and 8-connected to the goal), learned for
 * FIG5G_SOURCE_TRIALS trials; then FIG5G_TRIALS trials from the paper's start, from that device state
 * ("after") or a fresh network ("before"), same seeds.
 */
export const FIG5G_SOURCE_START = { row: 99, col: 29 }
export const FIG5G_SOURCE_TRIALS = 50
export const FIG5G_TRIALS = 30

export interface PlanOptions {
  /** Seeds of every figure (overrides DEFAULT_FIGURE_SEEDS). */
  seeds?: number
}

function withoutSeed(spec: Record<string, unknown>): Record<string, unknown> {
  const { seed: _seed, ...rest } = spec
  return rest
}

function dynamicMazeGroup(ex: FigureExamples, seeds: number): RunGroupPlan {
  return { key: 'dynamic-maze', title: 'dynamic maze 1 → 2 → 1', spec: withoutSeed(ex.dynamicMaze), seeds, firstSeed: 1 }
}

function accuracyMapSweep(ex: FigureExamples, agent: 'bio-rram' | 'dqn', seeds: number): SweepPlan {
  const base = (ex.accuracyMap.base ?? {}) as Record<string, unknown>
  return {
    key: `accuracy-map-${agent}`,
    sweep: {
      name: `reproduce fig4f · ${agent} · accuracy over trials × steps per trial`,
      base: { ...base, agent: { kind: agent } },
      grid: { trials: FIG4F_TRIALS, maxStepsPerTrial: FIG4F_STEPS },
      seeds: { count: seeds, first: 1 }
    }
  }
}

/** What one figure runs (fig4g runs nothing: it is a formula over the agents' sizes). */
export function figurePlan(figure: FigureName, ex: FigureExamples, options: PlanOptions = {}): FigurePlan {
  const seeds = (fallback: number) => options.seeds ?? fallback
  const plan: FigurePlan = { figure, title: FIGURE_TITLES[figure], groups: [], sweeps: [] }
  switch (figure) {
    case 'table1': {
      const sweep = ex.table1Sweep as SweepSpecInput
      plan.sweeps.push({
        key: 'table1',
        sweep: {
          ...sweep,
          name: 'reproduce table1 · accuracy over I_C × V_STOP',
          // The paper's axes (Table 1), whatever grid the example file holds.
          grid: { 'agent.programming.iComplianceUA': [...PAPER_TABLE1.iComplianceUA], 'agent.programming.vStopV': [...PAPER_TABLE1.vStopV] },
          seeds: { count: seeds(DEFAULT_FIGURE_SEEDS.table1), first: 1 }
        }
      })
      break
    }
    case 'fig4b':
    case 'fig4c':
      plan.groups.push(dynamicMazeGroup(ex, seeds(DEFAULT_FIGURE_SEEDS.fig4b)))
      break
    case 'fig4f':
      plan.sweeps.push(accuracyMapSweep(ex, 'bio-rram', seeds(DEFAULT_FIGURE_SEEDS.fig4fBio)), accuracyMapSweep(ex, 'dqn', seeds(DEFAULT_FIGURE_SEEDS.fig4fDqn)))
      break
    case 'fig4g':
      break
    case 'fig5d':
      plan.groups.push({ key: 'mars', title: "Mars rover, the paper's terrain", spec: withoutSeed(ex.marsBianchi), seeds: seeds(DEFAULT_FIGURE_SEEDS.fig5d), firstSeed: 1 })
      break
    case 'fig5g': {
      const n = seeds(DEFAULT_FIGURE_SEEDS.fig5g)
      const mars = withoutSeed(ex.marsBianchi)
      const environment = { builtin: 'mars-bianchi-128' }
      const source = {
        ...mars,
        environment,
        name: 'Mars, related task (start row 100, column 30)',
        schedule: { layouts: [{ fromTrial: 1, layoutId: 'mars-bianchi-128' }], starts: [{ fromTrial: 1, start: FIG5G_SOURCE_START }] },
        trials: FIG5G_SOURCE_TRIALS
      }
      const target = { ...mars, environment, trials: FIG5G_TRIALS }
      plan.groups.push(
        { key: 'mars-transfer-source', title: 'Mars, related task (another start)', spec: source, seeds: n, firstSeed: 1 },
        { key: 'mars-scratch', title: 'Mars from scratch (before)', spec: { ...target, name: 'Mars from scratch' }, seeds: n, firstSeed: 1 },
        { key: 'mars-transfer', title: 'Mars from the learned state (after)', spec: { ...target, name: 'Mars from a learned state' }, seeds: n, firstSeed: 1, initialStateFrom: 'mars-transfer-source' }
      )
      break
    }
  }
  return plan
}

/** Plans of several figures, in report order, without duplicates. */
export function figurePlans(figures: readonly FigureName[], ex: FigureExamples, options: PlanOptions = {}): FigurePlan[] {
  return FIGURES.filter((f) => figures.includes(f)).map((f) => figurePlan(f, ex, options))
}
