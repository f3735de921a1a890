import { MAZE_PHASE_NAMES, mazePhases } from './compare'
import type { FigureName } from './names'
import { PAPER_MARS_SHORTEST_MOVES, PAPER_SWITCH_TRIALS, PAPER_TABLE1, PAPER_CUTOFF_US } from './paper'
import type { FigureResults } from './results'

/**
 * What each figure's plot shows, as plain data: the Paper view (Chart.js in the browser) and the
 * `--out` PNGs (Chart.js in Node) both draw from this, so the two cannot disagree.
 */
export interface ChartLine {
  label: string
  points: { x: number; y: number | null }[]
  /** The paper's numbers (drawn dashed). */
  paper?: boolean
  /** Colour index into the palette, so ours and the paper's pair up. */
  colour: number
}

export interface ChartMatrix {
  x: number[]
  y: number[]
  /** value[yIndex][xIndex], 0–1; null where nothing finished. */
  value: (number | null)[][]
}

export interface ChartPanel {
  title: string
  xLabel: string
  yLabel: string
  xLog?: boolean
  yLog?: boolean
  yMin?: number
  yMax?: number
  lines: ChartLine[]
  matrix?: ChartMatrix
}

const pct = (a: number | null) => (a === null ? null : 100 * a)

/** "20 seeds; 19 on trial 61, 9 on trial 121": how many seeds time out on the first trial of each new layout. */
function layoutChanges(r: FigureResults['fig4b']): string {
  const firsts = mazePhases(r)
    .slice(1)
    .map((phase) => phase[0])
  const seeds = r.trials[0]?.seeds ?? 0
  return [`${seeds} seeds`, ...firsts.map((t) => `${t.timeouts} on trial ${t.trial}`)].join('; ')
}

/**
 * The seeds' spread of each maze phase as an empirical distribution: per x, the share of seeds with at most x trials of
 * time-outs and re-learning in the phase. The paper's hardware is one run: its ≈ 30 after the switch is drawn as a
 * dashed vertical line, so where it falls among our seeds reads off the plot.
 */
function seedSpread(r: FigureResults['fig4b']): ChartPanel | null {
  const phases = r.phases?.filter((p) => p.relearningPerSeed.length > 0) ?? []
  if (!phases.length) return null
  const lines: ChartLine[] = phases.map((p, k) => {
    const xs = p.relearningPerSeed
    const len = p.lastTrial - p.firstTrial + 1
    return {
      label: `${MAZE_PHASE_NAMES[k] ?? p.layout} (trials ${p.firstTrial}–${p.lastTrial})`,
      colour: k,
      points: Array.from({ length: len + 1 }, (_, x) => ({ x, y: (100 * xs.filter((v) => v <= x).length) / xs.length }))
    }
  })
  if (phases.length > 1)
    lines.push({
      label: `paper: ≈ ${PAPER_SWITCH_TRIALS} after the switch`,
      colour: 1,
      paper: true,
      points: [
        { x: PAPER_SWITCH_TRIALS, y: 0 },
        { x: PAPER_SWITCH_TRIALS, y: 100 }
      ]
    })
  return {
    title: `Per seed: trials of time-outs and re-learning (slower than 2× its own final time), ${phases[0].relearningPerSeed.length} seeds`,
    xLabel: 'trials of time-outs and re-learning in the phase',
    yLabel: 'seeds with at most that many (%)',
    yMin: 0,
    yMax: 100,
    lines
  }
}

export function figureCharts<F extends FigureName>(figure: F, result: FigureResults[F]): ChartPanel[] {
  switch (figure) {
    case 'table1': {
      const r = result as FigureResults['table1']
      const lines: ChartLine[] = []
      PAPER_TABLE1.vStopV.forEach((v, k) => {
        lines.push({ label: `ours, V_STOP ${v} V`, colour: k, points: r.cells.filter((c) => c.vStopV === v).map((c) => ({ x: c.iComplianceUA, y: pct(c.accuracy) })) })
        lines.push({ label: `paper, V_STOP ${v} V`, colour: k, paper: true, points: PAPER_TABLE1.iComplianceUA.map((ic, i) => ({ x: ic, y: PAPER_TABLE1.accuracyPct[i][k] })) })
      })
      return [{ title: 'Accuracy against I_C, one line per V_STOP (dashed: the paper)', xLabel: 'compliance current I_C (µA)', yLabel: 'accuracy (%)', yMin: 0, yMax: 100, lines }]
    }
    case 'fig4b': {
      const r = result as FigureResults['fig4b']
      const spread = seedSpread(r)
      return [
        {
          title: `Median time to reward over ${r.trials[0]?.seeds ?? 0} seeds (cut-off ${r.cutoffUs.toFixed(0)} µs; the hardware's ≈ ${PAPER_CUTOFF_US} µs); ${r.trials.filter((t) => t.timeouts > 0).length} trials with time-outs`,
          xLabel: 'trial',
          yLabel: 'time to reward (µs)',
          yLog: true,
          lines: [
            { label: 'median time (µs)', colour: 0, points: r.trials.map((t) => ({ x: t.trial, y: Math.max(t.medianTimeUs, 1e-3) })) },
            {
              label: 'paper: cut-off ≈ 900 µs',
              colour: 3,
              paper: true,
              points: r.trials.length
                ? [
                    { x: 1, y: PAPER_CUTOFF_US },
                    { x: r.trials.length, y: PAPER_CUTOFF_US }
                  ]
                : []
            }
          ]
        },
        {
          // The median hides a minority of seeds that time out (e.g. on the return to maze 1): show the share.
          title: `Seeds that time out, per trial (${layoutChanges(r)})`,
          xLabel: 'trial',
          yLabel: 'seeds timed out (%)',
          yMin: 0,
          yMax: 100,
          lines: [{ label: 'seeds timed out (%)', colour: 1, points: r.trials.map((t) => ({ x: t.trial, y: t.seeds ? (100 * t.timeouts) / t.seeds : null })) }]
        },
        ...(spread ? [spread] : [])
      ]
    }
    case 'fig4c': {
      const r = result as FigureResults['fig4c']
      const line = (label: string, colour: number, f: (t: FigureResults['fig4c']['trials'][number]) => number) => ({
        label,
        colour,
        points: r.trials.map((t) => ({ x: t.trial, y: f(t) > 0 ? f(t) : null }))
      })
      return [
        {
          title: 'Energy per trial, median over seeds (paper: fire ≈ 0.2 nJ, controller ≈ 33 nJ)',
          xLabel: 'trial',
          yLabel: 'energy (J)',
          yLog: true,
          lines: [
            line('firing (J)', 0, (t) => t.fireJ),
            line('integration (J)', 1, (t) => t.integrationJ),
            line('controller (J)', 2, (t) => t.controllerJ),
            {
              label: 'paper: fire ≈ 0.2 nJ',
              colour: 0,
              paper: true,
              points: r.trials.length
                ? [
                    { x: 1, y: 0.2e-9 },
                    { x: r.trials.length, y: 0.2e-9 }
                  ]
                : []
            },
            {
              label: 'paper: controller ≈ 33 nJ',
              colour: 2,
              paper: true,
              points: r.trials.length
                ? [
                    { x: 1, y: 33e-9 },
                    { x: r.trials.length, y: 33e-9 }
                  ]
                : []
            }
          ]
        }
      ]
    }
    case 'fig4f': {
      const r = result as FigureResults['fig4f']
      return (['bio-rram', 'dqn'] as const).map((agent) => {
        const cells = r.cells.filter((c) => c.agent === agent)
        const x = [...new Set(cells.map((c) => c.stepsPerTrial))].sort((a, b) => a - b)
        const y = [...new Set(cells.map((c) => c.trials))].sort((a, b) => a - b)
        const value = y.map((t) => x.map((s) => cells.find((c) => c.trials === t && c.stepsPerTrial === s)?.accuracy ?? null))
        const seeds = cells[0]?.seeds ?? 0
        return { title: `${agent === 'dqn' ? 'deep Q' : 'bio-RRAM'}: accuracy (${seeds} seeds a cell)`, xLabel: 'steps per trial', yLabel: 'trials', lines: [], matrix: { x, y, value } }
      })
    }
    case 'fig4g': {
      const r = result as FigureResults['fig4g']
      const line = (label: string, colour: number, f: (row: FigureResults['fig4g']['rows'][number]) => number) => ({ label, colour, points: r.rows.map((row) => ({ x: row.positions, y: f(row) })) })
      return [
        {
          title: 'Memory elements against environment size',
          xLabel: 'positions',
          yLabel: 'memory elements',
          xLog: true,
          yLog: true,
          lines: [line('bio-RRAM (devices)', 0, (x) => x.bioRram), line('tabular Q (entries)', 1, (x) => x.qTable), line('deep Q (parameters)', 2, (x) => x.dqn)]
        }
      ]
    }
    case 'fig5d': {
      const r = result as FigureResults['fig5d']
      const shortest = r.shortestMoves ?? PAPER_MARS_SHORTEST_MOVES
      const n = r.trials.length
      return [
        {
          title: `Moves per trial on the paper's Mars terrain (shortest path ${shortest}; paper: learned ≈ 1.8× shortest)`,
          xLabel: 'trial',
          yLabel: 'moves',
          yLog: true,
          lines: [
            { label: 'mean moves', colour: 0, points: r.trials.map((t) => ({ x: t.trial, y: t.meanMoves })) },
            { label: 'median moves', colour: 1, points: r.trials.map((t) => ({ x: t.trial, y: t.medianMoves })) },
            {
              label: 'shortest path',
              colour: 2,
              paper: true,
              points: n
                ? [
                    { x: 1, y: shortest },
                    { x: n, y: shortest }
                  ]
                : []
            },
            {
              label: 'paper: ≈ 1.8 × shortest',
              colour: 3,
              paper: true,
              points: n
                ? [
                    { x: 1, y: 1.8 * shortest },
                    { x: n, y: 1.8 * shortest }
                  ]
                : []
            }
          ]
        }
      ]
    }
    case 'fig5g': {
      const r = result as FigureResults['fig5g']
      return [
        {
          title: 'Transfer learning on Mars: mean moves per trial',
          xLabel: 'trial',
          yLabel: 'moves',
          yLog: true,
          lines: [
            { label: 'from scratch (before)', colour: 0, points: r.trials.map((t) => ({ x: t.trial, y: t.beforeMeanMoves })) },
            { label: 'from the learned state (after)', colour: 1, points: r.trials.map((t) => ({ x: t.trial, y: t.afterMeanMoves })) }
          ]
        }
      ]
    }
  }
  return []
}

/** One figure as CSV rows (header first), units in the column names. */
export function figureCsvRows<F extends FigureName>(figure: F, result: FigureResults[F]): (string | number | null)[][] {
  switch (figure) {
    case 'table1': {
      const r = result as FigureResults['table1']
      return [
        ['i_compliance_uA', 'v_stop_V', 'accuracy', 'seeds', 'paper_accuracy'],
        ...r.cells.map((c) => {
          const i = PAPER_TABLE1.iComplianceUA.indexOf(c.iComplianceUA as never)
          const k = PAPER_TABLE1.vStopV.indexOf(c.vStopV as never)
          return [c.iComplianceUA, c.vStopV, c.accuracy, c.seeds, i >= 0 && k >= 0 ? Number((PAPER_TABLE1.accuracyPct[i][k] / 100).toFixed(4)) : null]
        })
      ]
    }
    case 'fig4b': {
      const r = result as FigureResults['fig4b']
      return [['trial', 'layout', 'median_time_us', 'timeouts', 'seeds', 'cutoff_us'], ...r.trials.map((t) => [t.trial, t.layout, t.medianTimeUs, t.timeouts, t.seeds, r.cutoffUs])]
    }
    case 'fig4c': {
      const r = result as FigureResults['fig4c']
      return [['trial', 'fire_J', 'integration_J', 'controller_J'], ...r.trials.map((t) => [t.trial, t.fireJ, t.integrationJ, t.controllerJ])]
    }
    case 'fig4f': {
      const r = result as FigureResults['fig4f']
      return [['agent', 'trials', 'steps_per_trial', 'accuracy', 'seeds'], ...r.cells.map((c) => [c.agent, c.trials, c.stepsPerTrial, c.accuracy, c.seeds])]
    }
    case 'fig4g': {
      const r = result as FigureResults['fig4g']
      return [['positions', 'bio_rram', 'q_table', 'dqn'], ...r.rows.map((x) => [x.positions, x.bioRram, x.qTable, x.dqn])]
    }
    case 'fig5d': {
      const r = result as FigureResults['fig5d']
      return [
        ['trial', 'mean_moves', 'sd_moves', 'median_moves', 'reached_share', 'shortest_moves'],
        ...r.trials.map((t) => [t.trial, t.meanMoves, t.sdMoves, t.medianMoves, t.reachedShare, r.shortestMoves])
      ]
    }
    case 'fig5g': {
      const r = result as FigureResults['fig5g']
      return [['trial', 'before_mean_moves', 'after_mean_moves'], ...r.trials.map((t) => [t.trial, t.beforeMeanMoves, t.afterMeanMoves])]
    }
  }
  return []
}

/**
 * Further CSV tables of a figure beside `NAME.csv`, as `NAME-SUFFIX.csv`: fig4b's seeds, one row per seed and maze
 * phase, by the seed the run was launched with (a result without seeds numbers its runs from 1) and its run id in
 * the notebook (empty outside it).
 */
export function figureExtraCsv<F extends FigureName>(figure: F, result: FigureResults[F]): { suffix: string; rows: (string | number | null)[][] }[] {
  if (figure !== 'fig4b') return []
  const phases = (result as FigureResults['fig4b']).phases
  if (!phases?.length) return []
  // path_blocked: the seed's path on the trial before the phase crosses a cell the phase's layout walls off (empty: not known).
  const rows: (string | number | null)[][] = [['seed', 'run_id', 'phase', 'layout', 'first_trial', 'last_trial', 'timeouts', 'relearning_trials', 'path_blocked', 'first_trial_timed_out']]
  const n = Math.max(...phases.map((p) => p.timeoutsPerSeed.length))
  const { seeds, runIds } = result as FigureResults['fig4b']
  for (let k = 0; k < n; k++) {
    const flag = (x: boolean | null | undefined) => (x == null ? null : x ? 1 : 0)
    phases.forEach((p, i) =>
      rows.push([
        seeds?.[k] ?? k + 1,
        runIds?.[k] ?? null,
        i + 1,
        p.layout,
        p.firstTrial,
        p.lastTrial,
        p.timeoutsPerSeed[k] ?? null,
        p.relearningPerSeed[k] ?? null,
        flag(p.blockedPerSeed?.[k]),
        flag(p.firstTimedOutPerSeed?.[k])
      ])
    )
  }
  return [{ suffix: 'seeds', rows }]
}

/** Every CSV table of a figure, named as `reproduce --out` writes them: `NAME.csv`, then `NAME-SUFFIX.csv` (figureExtraCsv). */
export function figureCsvTables<F extends FigureName>(figure: F, result: FigureResults[F]): { name: string; rows: (string | number | null)[][] }[] {
  return [{ name: `${figure}.csv`, rows: figureCsvRows(figure, result) }, ...figureExtraCsv(figure, result).map((e) => ({ name: `${figure}-${e.suffix}.csv`, rows: e.rows }))]
}
