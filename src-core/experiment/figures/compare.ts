import { mean, median, quantiles } from '../../stats/descriptive'
import type { FigureName } from './names'
import { PAPER_ITEMS, PAPER_MARS_SHORTEST_MOVES, PAPER_SWITCH_TRIALS, paperTable1Accuracy, type PaperItem } from './paper'
import type { Fig4bResult, Fig4cResult, Fig4fResult, Fig4gResult, Fig5dResult, Fig5gResult, FigureResults, Table1Result } from './results'

/** One published number of a figure with ours beside it (null: the result does not hold it, e.g. a cancelled run). */
export interface PaperComparison extends PaperItem {
  ours: string | null
}

const pct = (a: number) => `${(100 * a).toFixed(0)} %`
const us = (x: number) => `${x < 10 ? x.toFixed(1) : x.toFixed(0)} µs`
/** Two significant figures, never in exponent notation (100, not 1.0e+2). */
const sig2 = (x: number) => String(Number(x.toPrecision(2)))
const nj = (j: number) => `${sig2(j * 1e9)} nJ`
/** nJ, or pJ below 1 nJ (the paper's integration energy: "tens of nJ → tens of pJ"). */
const energy = (j: number) => (j >= 1e-9 ? nj(j) : `${sig2(j * 1e12)} pJ`)
const perSeed = (n: number) => n.toFixed(1)
const count = (n: number) => n.toLocaleString('en')

/** Phases of the dynamic maze: maximal runs of trials on one layout, in order (maze 1, maze 2, maze 1 again). */
export function mazePhases(r: Fig4bResult): Fig4bResult['trials'][] {
  const phases: Fig4bResult['trials'][] = []
  for (const t of r.trials) {
    const last = phases.at(-1)
    if (last && last[0].layout === t.layout) last.push(t)
    else phases.push([t])
  }
  return phases
}

/**
 * The seeds of a maze phase (0-based, in `phases`) that took the most trials of time-outs and re-learning, slowest first
 * (ties: lower seed first), at most `n` and only those that took any: the runs a researcher opens to see why.
 */
export function slowestSeeds(r: Fig4bResult, phase: number, n: number): { seed: number; runId: number | null; trials: number; timeouts: number }[] {
  const p = r.phases?.[phase]
  if (!p) return []
  return p.relearningPerSeed
    .map((trials, k) => ({ seed: r.seeds?.[k] ?? k + 1, runId: r.runIds?.[k] ?? null, trials, timeouts: p.timeoutsPerSeed[k] ?? 0 }))
    .filter((s) => s.trials > 0)
    .sort((a, b) => b.trials - a.trials || a.seed - b.seed)
    .slice(0, n)
}

/** The dynamic maze's phases in words, in order (maze 1, maze 2, maze 1 again). */
export const MAZE_PHASE_NAMES = ['first learning', 'after the switch', 'back on the first maze'] as const

/**
 * The phases after the first, each with its slowest seeds (`slowestSeeds`, at most `n`), named with their trials, e.g.
 * "after the switch (trials 61–120)"; phases where no seed paid anything are left out. What the Paper view and the
 * report list.
 */
export function slowestByPhase(r: Fig4bResult, n: number): { what: string; seeds: ReturnType<typeof slowestSeeds> }[] {
  return mazePhases(r)
    .slice(1, MAZE_PHASE_NAMES.length)
    .map((phase, k) => ({ what: `${MAZE_PHASE_NAMES[k + 1]} (trials ${phase[0].trial}–${phase.at(-1)!.trial})`, seeds: slowestSeeds(r, k + 1, n) }))
    .filter((o) => o.seeds.length > 0)
}

/** Time-outs a seed over a phase (each trial's time-outs over the seeds that ran it). */
function timeoutsPerSeed(phase: Fig4bResult['trials']): number {
  return phase.reduce((a, t) => a + (t.seeds ? t.timeouts / t.seeds : 0), 0)
}

/** The converged time to reward of a phase: median over its last 10 trials of their median times. */
function convergedUs(phase: Fig4bResult['trials']): number {
  return median(phase.slice(-10).map((t) => t.medianTimeUs))
}

/** First trial of a phase from which the median time to reward stays within 2× the converged one, or null. */
function recoveredAt(phase: Fig4bResult['trials'], converged: number): number | null {
  const lastAbove = phase.findLastIndex((t) => t.medianTimeUs > 2 * converged)
  return lastAbove === phase.length - 1 ? null : phase[lastAbove + 1].trial
}

/**
 * A phase after a change, read against its own converged time (median of its last 10 trials): each layout has its
 * own learned path, so maze 2's route may be longer than maze 1's and settle at a longer time.
 */
type SeedPhase = NonNullable<Fig4bResult['phases']>[number]

/**
 * A phase read seed by seed: the paper's hardware is one run, so where its number falls in our seeds' spread says
 * more than our mean. `paperTrials`: the paper's trials of time-outs and re-learning, to count the seeds at or past it.
 * `firstTime`: the first phase on the same layout, for a maze seen before (README §3: "recalled faster than the first
 * time"), seed against seed.
 */
function seedWords(seeds: SeedPhase | undefined, paperTrials: number | null, firstTime: SeedPhase | undefined): string {
  const n = seeds?.relearningPerSeed.length ?? 0
  if (!seeds || n === 0) return ''
  const xs = seeds.relearningPerSeed
  const [lo, mid, hi] = quantiles(xs, [0.25, 0.5, 0.75]).map((x) => x.toFixed(0))
  const none = seeds.timeoutsPerSeed.filter((x) => x === 0).length
  const past = paperTrials === null ? '' : `; ${xs.filter((x) => x >= paperTrials).length} of ${n} seeds ${paperTrials} or more`
  const before = firstTime?.relearningPerSeed
  const faster = before?.length === n ? `; fewer than its first time on this maze in ${xs.filter((x, k) => x < before[k]).length} of ${n} seeds` : ''
  return `. Per seed, trials of time-outs and re-learning (slower than 2× its own final time): median ${mid}, middle half ${lo}–${hi}${past}${faster}; ${none} of ${n} seeds with no time-out`
}

/**
 * A change blocks a seed's route when its path on the trial before runs through a cell the new layout walls off (the
 * two mazes differ in 8 cells, science README §3). Whether the seeds that time out on the phase's first trial are
 * exactly those tells a researcher what a run with no time-out there had learned: a route the change left open.
 */
function blockedWords(seeds: SeedPhase | undefined): string {
  const blocked = seeds?.blockedPerSeed
  const timedOut = seeds?.firstTimedOutPerSeed
  if (!seeds || !blocked || !timedOut || timedOut.length !== blocked.length) return ''
  const known = blocked.flatMap((b, k) => (b === null ? [] : [{ b, out: timedOut[k] }]))
  const on = known.filter((x) => x.b)
  const off = known.filter((x) => !x.b)
  const outs = (xs: typeof known) => xs.filter((x) => x.out).length
  const [first, before] = [seeds.firstTrial, seeds.firstTrial - 1]
  if (known.length === 0) return ''
  if (off.length === 0) return `; every seed's path on trial ${before} crosses a cell this layout walls off, and ${outs(on)} of ${on.length} time out on trial ${first}`
  if (on.length === 0) return `; no seed's path on trial ${before} crosses a cell this layout walls off, and ${outs(off)} of ${off.length} time out on trial ${first}`
  return `; trial ${first} times out in ${outs(on)} of the ${on.length} seeds whose path on trial ${before} crosses a cell this layout walls off, and in ${outs(off)} of the other ${off.length}`
}

function phaseWords(phase: Fig4bResult['trials'] | undefined, cutoffUs: number, seeds: SeedPhase | undefined, paperTrials: number | null, firstTime?: SeedPhase): string | null {
  if (!phase?.length) return null
  const first = phase[0]
  const last = phase.at(-1)!
  const own = convergedUs(phase)
  const back = own < cutoffUs ? recoveredAt(phase, own) : null
  const span = `trials ${first.trial}–${last.trial}`
  return (
    `${perSeed(timeoutsPerSeed(phase))} time-outs a seed (${span}); ${first.timeouts} of ${first.seeds} seeds time out on trial ${first.trial}; ` +
    (back === null ? `not re-learned by trial ${last.trial} (the median trial still times out)` : `median time within 2× its final ${us(own)} from trial ${back}`) +
    seedWords(seeds, paperTrials, firstTime) +
    blockedWords(seeds)
  )
}

/**
 * The paper's hardware is one run: ≈ 30 trials of time-outs and re-learning after the switch, then no time-out back on
 * maze 1. How many of our seeds did both, and which (the first few), so a researcher can open such a run.
 */
function likeThePaper(r: Fig4bResult): string | null {
  const [, after, back] = r.phases ?? []
  if (!after || !back || after.relearningPerSeed.length === 0 || back.timeoutsPerSeed.length !== after.relearningPerSeed.length) return null
  const n = after.relearningPerSeed.length
  const like = after.relearningPerSeed.flatMap((x, k) => (x >= PAPER_SWITCH_TRIALS && back.timeoutsPerSeed[k] === 0 ? [r.seeds?.[k] ?? k + 1] : []))
  const which = like.length ? ` (seed${like.length > 1 ? 's' : ''} ${like.slice(0, 6).join(', ')}${like.length > 6 ? ', …' : ''})` : ''
  return `${like.length} of ${n} seeds: ${PAPER_SWITCH_TRIALS} or more trials of time-outs and re-learning after the switch, and no time-out back on maze 1${which}`
}

function fig4b(r: Fig4bResult): (string | null)[] {
  const phases = mazePhases(r)
  if (!phases.length) return [us(r.cutoffUs), null, null, null, null]
  const converged = convergedUs(phases[0])
  const last10 = `trials ${phases[0].slice(-10)[0].trial}–${phases[0].at(-1)!.trial}`
  const seeds = (p: Fig4bResult['trials'] | undefined) => (p ? r.phases?.find((s) => s.firstTrial === p[0].trial) : undefined)
  return [
    us(r.cutoffUs),
    `${us(converged)} (median, ${last10})`,
    phaseWords(phases[1], r.cutoffUs, seeds(phases[1]), PAPER_SWITCH_TRIALS),
    phaseWords(
      phases[2],
      r.cutoffUs,
      seeds(phases[2]),
      null,
      r.phases?.find((s) => s.layout === phases[2]?.[0].layout && s.firstTrial < phases[2][0].trial)
    ),
    likeThePaper(r)
  ]
}

function table1(r: Table1Result): (string | null)[] {
  const pairs = r.cells.flatMap((c) => {
    const p = paperTable1Accuracy(c.iComplianceUA, c.vStopV)
    return c.accuracy === null || p === null ? [] : [[c.accuracy, p] as const]
  })
  if (!pairs.length) return [null]
  const rms = Math.sqrt(mean(pairs.map(([o, p]) => (100 * (o - p)) ** 2)))
  const corner = (ic: number, v: number) => r.cells.find((c) => c.iComplianceUA === ic && c.vStopV === v)?.accuracy
  const lo = corner(50, -1.0)
  const hi = corner(160, -1.6)
  const ends = lo != null && hi != null ? `${pct(lo)} (50 µA, −1.0 V) → ${pct(hi)} (160 µA, −1.6 V); ` : ''
  return [`${ends}RMS ${rms.toFixed(1)} pp from the paper's ${pairs.length} cells (${r.cells[0].seeds} seeds a cell)`]
}

function fig4c(r: Fig4cResult): (string | null)[] {
  if (!r.trials.length) return [null, null, null]
  const fire = r.trials.map((t) => t.fireJ)
  const ctl = r.trials.map((t) => t.controllerJ)
  const late = median(r.trials.slice(-10).map((t) => t.integrationJ))
  const early = r.trials[0].integrationJ
  const range = (xs: number[]) => (Math.max(...xs) / Math.min(...xs) < 1.05 ? `${nj(median(xs))}, flat` : `${sig2(Math.min(...xs) * 1e9)}–${nj(Math.max(...xs))}`)
  return [`${range(fire)} (median a trial)`, range(ctl), `${energy(early)} (trial ${r.trials[0].trial}) → ${energy(late)} (median of the last 10 trials)`]
}

function fig4f(r: Fig4fResult): (string | null)[] {
  const dqn = r.cells.filter((c) => c.agent === 'dqn' && c.accuracy !== null).map((c) => c.accuracy as number)
  if (!dqn.length) return [null]
  const seeds = r.cells.find((c) => c.agent === 'dqn')?.seeds ?? 0
  return [`mean ${pct(mean(dqn))}, cells ${(100 * Math.min(...dqn)).toFixed(0)}–${pct(Math.max(...dqn))} (${dqn.length} cells, ${seeds} seeds a cell)`]
}

function fig4g(r: Fig4gResult): (string | null)[] {
  const row = r.rows[0]
  if (!row) return [null, null, null]
  return [
    `${count(row.bioRram / row.positions)} devices per position`,
    `${count(row.qTable / row.positions)} entries per position`,
    `${count(row.dqn)} at ${count(row.positions)} positions (${r.architectures.dqn})`
  ]
}

function fig5d(r: Fig5dResult): (string | null)[] {
  const shortest = r.shortestMoves ?? PAPER_MARS_SHORTEST_MOVES
  const last = r.trials.slice(-10)
  if (!last.length) return [r.shortestMoves === null ? null : `${r.shortestMoves} moves`, null]
  const moves = median(last.map((t) => t.medianMoves))
  const reached = mean(last.map((t) => t.reachedShare))
  const span = `trials ${last[0].trial}–${last.at(-1)!.trial}`
  const meanMoves = mean(last.map((t) => t.meanMoves))
  return [
    r.shortestMoves === null ? null : `${r.shortestMoves} moves`,
    `${(moves / shortest).toFixed(1)}× (median ${moves.toFixed(0)} moves, ${span}; the mean, ${(meanMoves / shortest).toFixed(1)}×, carries the seeds still exploring); ${pct(reached)} of trials reach the goal`
  ]
}

function fig5g(r: Fig5gResult): (string | null)[] {
  const first = r.trials[0]
  if (!first || first.beforeMeanMoves === null || first.afterMeanMoves === null) return [null]
  return [`trial 1: ${count(Math.round(first.afterMeanMoves))} moves from the learned state against ${count(Math.round(first.beforeMeanMoves))} from scratch (mean over seeds)`]
}

const OURS: { [F in FigureName]: (r: FigureResults[F]) => (string | null)[] } = { table1, fig4b, fig4c, fig4f, fig4g, fig5d, fig5g }

/**
 * The paper's published numbers of a figure (paper.ts), each with ours read from the figure's result the same
 * way: what a researcher holds beside the paper. Without a result, ours are all null.
 */
export function paperComparison<F extends FigureName>(figure: F, result: FigureResults[F] | null): PaperComparison[] {
  const ours = result ? OURS[figure](result) : []
  return PAPER_ITEMS[figure].map((item, k) => ({ ...item, ours: ours[k] ?? null }))
}
