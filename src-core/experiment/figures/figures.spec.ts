import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { BUILTIN_ENVIRONMENTS } from '../../env/builtins'
import { isGoalReachable } from '../../env/bfs'
import { indexOf } from '../../env/grid-ops'
import { fig4gRows } from '../memory-elements'
import { expandSweep } from '../sweep'
import { sweepSpecSchema } from '../sweep'
import { parseRunSpec } from '../spec'
import {
  FIG4F_STEPS,
  FIG4F_TRIALS,
  FIG5G_SOURCE_START,
  FIGURES,
  figurePlan,
  figurePlans,
  figureExtraCsv,
  figureResultSchemas,
  paperTable1Accuracy,
  reduceFig4b,
  fig4bPathTrials,
  reduceFig4c,
  reduceFig4f,
  reduceFig4g,
  reduceFig5d,
  reduceFig5g,
  reduceTable1,
  slowestByPhase,
  slowestSeeds,
  type FigureExamples,
  type FigureTrial
} from '.'

const read = (f: string) => JSON.parse(fs.readFileSync(path.join(__dirname, '../../../examples', f), 'utf8')) as Record<string, unknown>
const examples: FigureExamples = {
  table1Sweep: read('table1-sweep.json'),
  dynamicMaze: read('bianchi-dynamic-maze.json'),
  accuracyMap: read('accuracy-map.json'),
  marsBianchi: read('mars-bianchi.json')
}

function trial(t: number, o: Partial<FigureTrial> = {}): FigureTrial {
  return { trial: t, steps: 10, timeUs: 250, reachedGoal: true, pathLength: 10, shortestPath: 8, layoutId: 'm1', energyJ: { fire: 1e-10, integration: 1e-8, controller: 3e-8 }, ...o }
}

describe('figure plans', () => {
  it('every figure plans valid specs: each group spec parses, each sweep expands', () => {
    for (const plan of figurePlans(FIGURES, examples, { seeds: 2 })) {
      for (const g of plan.groups) expect(() => parseRunSpec({ ...g.spec, seed: 1 }), `${plan.figure} ${g.key}`).not.toThrow()
      for (const s of plan.sweeps) expect(expandSweep(sweepSpecSchema.parse(s.sweep)).every((c) => c.specs.length === 2)).toBe(true)
    }
  })

  it("table1 runs the paper's 5 × 4 grid of I_C × V_STOP with the example's base, whatever grid the file holds", () => {
    const [sweep] = figurePlan('table1', examples).sweeps
    const cells = expandSweep(sweepSpecSchema.parse(sweep.sweep))
    expect(cells.map((c) => [c.values['agent.programming.iComplianceUA'], c.values['agent.programming.vStopV']])).toHaveLength(20)
    expect(new Set(cells.map((c) => c.values['agent.programming.iComplianceUA']))).toEqual(new Set([50, 70, 100, 130, 160]))
    expect(cells.every((c) => paperTable1Accuracy(Number(c.values['agent.programming.iComplianceUA']), Number(c.values['agent.programming.vStopV'])) !== null)).toBe(true)
    expect(cells[0].specs[0].maxStepsPerTrial).toBe((examples.table1Sweep.base as { maxStepsPerTrial: number }).maxStepsPerTrial)
  })

  it('fig4b and fig4c share one group of runs (reproducing both runs it once)', () => {
    expect(figurePlan('fig4b', examples).groups).toEqual(figurePlan('fig4c', examples).groups)
    expect(figurePlan('fig4b', examples, { seeds: 3 }).groups[0].seeds).toBe(3)
  })

  it("fig4f sweeps the paper's axes, 8 × 8 cells per agent", () => {
    const sweeps = figurePlan('fig4f', examples).sweeps
    expect(sweeps.map((s) => s.key)).toEqual(['accuracy-map-bio-rram', 'accuracy-map-dqn'])
    expect(sweeps[0].sweep.grid).toEqual({ trials: FIG4F_TRIALS, maxStepsPerTrial: FIG4F_STEPS })
  })

  it("fig5g's related task starts on a free cell connected to the goal; the transfer group names it as its source", () => {
    const { layouts } = BUILTIN_ENVIRONMENTS['mars-bianchi-128'].build()
    const grid = layouts['mars-bianchi-128']
    expect(isGoalReachable(grid, indexOf(grid, FIG5G_SOURCE_START))).toBe(true)
    const groups = figurePlan('fig5g', examples).groups
    expect(groups.find((g) => g.key === 'mars-transfer')?.initialStateFrom).toBe('mars-transfer-source')
  })
})

describe('figure reducers', () => {
  it('table1: accuracy is the share of seeds whose final trial reached the goal, per cell, with the axes in µA and V', () => {
    const out = reduceTable1({
      groups: {},
      sweeps: { table1: [{ values: { 'agent.programming.iComplianceUA': 50, 'agent.programming.vStopV': -1 }, finals: [trial(20), trial(20, { reachedGoal: false }), trial(20), trial(20)] }] }
    })
    expect(out).toEqual({ cells: [{ iComplianceUA: 50, vStopV: -1, accuracy: 0.75, seeds: 4 }] })
    expect(figureResultSchemas.table1.parse(out)).toEqual(out)
  })

  it('fig4b: per trial the median time over seeds (time-outs count as the cut-off) and the number of time-outs', () => {
    const plan = figurePlan('fig4b', examples)
    const cutoff = 900 // examples/bianchi-dynamic-maze.json: hardwareTime.cutoffUs, the hardware's ≈ 900 µs
    const runs = [
      [trial(1, { timeUs: cutoff, reachedGoal: false }), trial(2, { timeUs: 100 })],
      [trial(1, { timeUs: 300 }), trial(2, { timeUs: 200, layoutId: 'm1' })],
      [trial(1, { timeUs: cutoff, reachedGoal: false }), trial(2, { timeUs: 50 })]
    ]
    const out = reduceFig4b({ groups: { 'dynamic-maze': runs }, sweeps: {} }, plan)
    expect(out.cutoffUs).toBeCloseTo(cutoff)
    expect(out.trials).toEqual([
      { trial: 1, layout: 'm1', medianTimeUs: cutoff, timeouts: 2, seeds: 3 },
      { trial: 2, layout: 'm1', medianTimeUs: 100, timeouts: 0, seeds: 3 }
    ])
    figureResultSchemas.fig4b.parse(out)
  })

  it('fig4b: with the stored paths, whose route each change blocked (a path through a cell the new layout walls off) and who timed out at once', () => {
    const plan = figurePlan('fig4b', examples) // bianchi-dynamic-180: its layouts are the paper's two mazes
    // Row 11, column 6 (1-based) is open in maze 1 and a wall in maze 2; row 17, column 15 the other way round; cells 31
    // and 33 (row 2) are open in both.
    const gap = 10 * 30 + 5
    const column15 = 16 * 30 + 14
    const at = (t: number, layoutId: string, reachedGoal = true) => trial(t, { layoutId, reachedGoal, timeUs: reachedGoal ? 10 : 900 })
    const run = (outs: number[]) => [1, 2, 3, 4, 5].map((t) => at(t, t === 1 || t >= 4 ? 'bianchi-maze-1' : 'bianchi-maze-2', !outs.includes(t)))
    const runs = [run([2, 4]), run([]), run([4])]
    // Seed 1 went through the gap on trial 1 and through column 15 on trial 3; seed 2 through neither; seed 3's trial-3
    // path was not stored.
    const groupPaths: Record<string, Record<number, number[]>[]> = { 'dynamic-maze': [{ 1: [31, gap, 33], 3: [31, column15, 33] }, { 1: [31, 33], 3: [31, 33] }, { 1: [31, gap] }] }
    const out = reduceFig4b({ groups: { 'dynamic-maze': runs }, groupPaths, sweeps: {} }, plan)
    expect(out.phases!.map((p) => [p.firstTrial, p.blockedPerSeed, p.firstTimedOutPerSeed])).toEqual([
      [1, undefined, undefined],
      [2, [true, false, true], [true, false, false]],
      [4, [true, false, null], [true, false, true]]
    ])
    const parsed = figureResultSchemas.fig4b.parse(out)
    expect(
      figureExtraCsv('fig4b', parsed)[0]
        .rows.filter((r) => r[2] === 3)
        .map((r) => r.slice(-2))
    ).toEqual([
      [1, 1],
      [0, 0],
      [null, 1]
    ])
    // The trials whose paths the notebook is asked for: the last before each change of the paper's schedule.
    expect(fig4bPathTrials(plan)).toEqual([60, 120])
    // Without paths (a result reduced before they were read) the phases carry neither field.
    expect(reduceFig4b({ groups: { 'dynamic-maze': runs }, sweeps: {} }, plan).phases![1]).not.toHaveProperty('blockedPerSeed')
  })

  it('fig4b: per maze phase, each seed’s time-outs and its trials of time-outs and re-learning (slower than 2× its own final time)', () => {
    const plan = figurePlan('fig4b', examples)
    // Two seeds on maze m1 (trials 1–2), then m2 (trials 3–14). Seed 1 times out on trial 3, takes 100 µs on trial 4
    // (above 2 × its final 10 µs), then 10 µs; seed 2 recalls m2 at once. Trial 5 at 20 µs is not above 2 × 10.
    const m2 = (t: number, timeUs: number, reachedGoal = true) => trial(t, { timeUs, reachedGoal, layoutId: 'm2' })
    const seed1 = [trial(1, { timeUs: 10 }), trial(2, { timeUs: 10 }), m2(3, 900, false), m2(4, 100), m2(5, 20), ...Array.from({ length: 9 }, (_, k) => m2(6 + k, 10))]
    const seed2 = [trial(1, { timeUs: 10 }), trial(2, { timeUs: 10 }), ...Array.from({ length: 12 }, (_, k) => m2(3 + k, 10))]
    const out = reduceFig4b({ groups: { 'dynamic-maze': [seed1, seed2] }, sweeps: {} }, plan)
    expect(out.phases).toEqual([
      { layout: 'm1', firstTrial: 1, lastTrial: 2, timeoutsPerSeed: [0, 0], relearningPerSeed: [0, 0] },
      { layout: 'm2', firstTrial: 3, lastTrial: 14, timeoutsPerSeed: [1, 0], relearningPerSeed: [2, 0] }
    ])
    figureResultSchemas.fig4b.parse(out)
    // The CSV names each row by the seed its run was launched with, so a researcher can open that run: seeds 7 and 12
    // of a reproduction (a cancelled one keeps only its finished runs) are not "seed 1" and "seed 2".
    const withSeeds = reduceFig4b({ groups: { 'dynamic-maze': [seed1, seed2] }, groupSeeds: { 'dynamic-maze': [7, 12] }, groupRunIds: { 'dynamic-maze': [40, 41] }, sweeps: {} }, plan)
    expect(withSeeds.seeds).toEqual([7, 12])
    const parsed = figureResultSchemas.fig4b.parse(withSeeds)
    const [csv] = figureExtraCsv('fig4b', parsed)
    // seed, run id, phase, time-outs, trials of time-outs and re-learning
    expect(csv.rows.slice(1).map((r) => [r[0], r[1], r[2], r[6], r[7]])).toEqual([
      [7, 40, 1, 0, 0],
      [7, 40, 2, 1, 2],
      [12, 41, 1, 0, 0],
      [12, 41, 2, 0, 0]
    ])
    // The slowest seeds of a phase, to open their runs: only seeds that paid anything, slowest first.
    expect(slowestSeeds(parsed, 1, 5)).toEqual([{ seed: 7, runId: 40, trials: 2, timeouts: 1 }])
    expect(slowestSeeds(parsed, 0, 5)).toEqual([])
    // Per phase after the first, in words, as the Paper view and the report list them.
    expect(slowestByPhase(parsed, 5)).toEqual([{ what: 'after the switch (trials 3–14)', seeds: [{ seed: 7, runId: 40, trials: 2, timeouts: 1 }] }])
  })

  it('fig4c: medians of each energy part per trial, in J', () => {
    const e = (fire: number) => ({ fire, integration: fire * 100, controller: 33e-9 })
    const out = reduceFig4c({ groups: { 'dynamic-maze': [[trial(1, { energyJ: e(1e-10) })], [trial(1, { energyJ: e(3e-10) })], [trial(1, { energyJ: e(2e-10) })]] }, sweeps: {} })
    expect(out.trials).toHaveLength(1)
    expect(out.trials[0].fireJ).toBeCloseTo(2e-10, 20)
    expect(out.trials[0].integrationJ).toBeCloseTo(2e-8, 20)
    expect(out.trials[0].controllerJ).toBeCloseTo(33e-9, 20)
  })

  it('fig4f: one cell per agent × trials × steps per trial', () => {
    const cell = (trials: number, steps: number, ok: boolean[]) => ({ values: { trials, maxStepsPerTrial: steps }, finals: ok.map((r) => trial(trials, { reachedGoal: r })) })
    const out = reduceFig4f({ groups: {}, sweeps: { 'accuracy-map-bio-rram': [cell(35, 150, [true, true])], 'accuracy-map-dqn': [cell(35, 150, [false, true])] } })
    expect(out.cells).toEqual([
      { agent: 'bio-rram', trials: 35, stepsPerTrial: 150, accuracy: 1, seeds: 2 },
      { agent: 'dqn', trials: 35, stepsPerTrial: 150, accuracy: 0.5, seeds: 2 }
    ])
  })

  it('fig4g: 16 devices and 8 Q entries per position; deep Q counted as its network builds it', () => {
    const out = reduceFig4g()
    expect(out.rows.map((r) => r.positions)).toEqual([400, 4000, 40000, 400000, 4000000])
    for (const r of out.rows) {
      expect(r.bioRram).toBe(16 * r.positions)
      expect(r.qTable).toBe(8 * r.positions)
    }
    // The formula equals the built network's count (memory-elements.spec.ts); here: the figure uses it.
    expect(out.rows.map((r) => r.dqn)).toEqual(fig4gRows().map((r) => r.dqn))
    figureResultSchemas.fig4g.parse(out)
  })

  it('fig5d: mean, sample SD and median moves per trial and the share that reached the goal', () => {
    const runs = [[trial(1, { pathLength: 100 })], [trial(1, { pathLength: 200, reachedGoal: false })], [trial(1, { pathLength: 300 })]]
    const out = reduceFig5d({ groups: { mars: runs }, sweeps: {} })
    expect(out.shortestMoves).toBe(8)
    expect(out.trials).toEqual([{ trial: 1, meanMoves: 200, sdMoves: 100, medianMoves: 200, reachedShare: 2 / 3 }])
  })

  it('fig5g: mean moves per trial before (from scratch) and after (from the learned state)', () => {
    const out = reduceFig5g({
      groups: { 'mars-scratch': [[trial(1, { pathLength: 400 }), trial(2, { pathLength: 300 })]], 'mars-transfer': [[trial(1, { pathLength: 120 }), trial(2, { pathLength: 110 })]] },
      sweeps: {}
    })
    expect(out.trials).toEqual([
      { trial: 1, beforeMeanMoves: 400, afterMeanMoves: 120 },
      { trial: 2, beforeMeanMoves: 300, afterMeanMoves: 110 }
    ])
  })

  it('reduces nothing to empty figures (a reproduction cancelled before any run finished)', () => {
    const none = { groups: {}, sweeps: {} }
    expect(reduceTable1(none).cells).toEqual([])
    expect(reduceFig5d(none)).toEqual({ shortestMoves: null, trials: [] })
    expect(reduceFig5g(none).trials).toEqual([])
  })
})

describe('figure charts', () => {
  it('fig4b: the median time per trial, and beside it the share of seeds that timed out, with the count on each new layout', async () => {
    const { figureCharts } = await import('.')
    const trials = [1, 2, 3, 4].map((t) => ({ trial: t, layout: t <= 2 ? 'maze-1' : 'maze-2', medianTimeUs: 10, timeouts: t === 3 ? 3 : 0, seeds: 4 }))
    const [time, share] = figureCharts('fig4b', { cutoffUs: 900, trials })
    expect(time.lines[0].points.map((p) => p.y)).toEqual([10, 10, 10, 10])
    expect(share.title).toBe('Seeds that time out, per trial (4 seeds; 3 on trial 3)')
    expect(share.lines[0].points.map((p) => p.y)).toEqual([0, 0, 75, 0])
    expect(figureCharts('fig4b', { cutoffUs: 900, trials })).toHaveLength(2) // no per-seed phases: no spread panel
  })

  it('fig4b: the seeds’ spread per phase as the share with at most x trials of time-outs and re-learning, the paper’s ≈ 30 beside it', async () => {
    const { figureCharts } = await import('.')
    const trials = [1, 2, 3, 4].map((t) => ({ trial: t, layout: t <= 2 ? 'maze-1' : 'maze-2', medianTimeUs: 10, timeouts: 0, seeds: 4 }))
    const phases = [
      { layout: 'maze-1', firstTrial: 1, lastTrial: 2, timeoutsPerSeed: [0, 0, 1, 2], relearningPerSeed: [0, 0, 1, 2] },
      { layout: 'maze-2', firstTrial: 3, lastTrial: 4, timeoutsPerSeed: [0, 1, 1, 1], relearningPerSeed: [0, 2, 2, 2] }
    ]
    const spread = figureCharts('fig4b', { cutoffUs: 900, trials, phases })[2]
    expect(spread.lines.map((l) => l.label)).toEqual(['first learning (trials 1–2)', 'after the switch (trials 3–4)', 'paper: ≈ 30 after the switch'])
    expect(spread.lines[0].points).toEqual([
      { x: 0, y: 50 },
      { x: 1, y: 75 },
      { x: 2, y: 100 }
    ])
    expect(spread.lines[1].points.map((p) => p.y)).toEqual([25, 25, 100])
    expect(spread.lines[2]).toMatchObject({
      paper: true,
      points: [
        { x: 30, y: 0 },
        { x: 30, y: 100 }
      ]
    })
  })

  it('label a log axis by decades, and by 1-2-5 when the data span two decades or less', async () => {
    const { logTickLabel } = await import('./chart-config')
    expect([1e3, 2e3, 3e3, 5e3, 1e4].map((v) => logTickLabel(v))).toEqual(['1,000', '', '', '', '10,000'])
    expect([1e3, 2e3, 3e3, 5e3, 1e-9].map((v) => logTickLabel(v, [1, 2, 5]))).toEqual(['1,000', '2,000', '', '5,000', '1e-9'])
  })
})
