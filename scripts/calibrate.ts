/**
 * Calibration of the bio-inspired RRAM network's default parameters against the published targets of
 * Bianchi et al., Nat. Commun. 14, 1565 (2023) — see docs/agents.md, "Calibration". Reproducible by seed,
 * bounded (about two minutes on this 2-core machine; `--quick` in seconds), and its result is the default:
 * `--write` stores it in src-core/agents/bio-rram/calibrated.json (which params.ts, spec.ts and energy.ts
 * import) and the Table-1 protocol in examples/table1-sweep.json.
 *
 *   npm run calibrate [-- --quick] [-- --protocol-only] [-- --write] [-- --seeds N] [-- --first-seed S]
 *
 * The search runs seeds S … S+N−1 (default 1001–1200 for Table 1, 1001–1100 for the dynamic maze), apart from the
 * seeds `reproduce` reports on (from 1), so the defaults are judged on seeds they were not chosen on.
 *
 * Steps (each uses the workbench's own device model and run/sweep code):
 *  1. Threshold steps through the fitted device model (no search): the homeostasis I_C ladder whose LRS
 *     medians are 1.6, 1.6², 1.6³ × the rest conductance (hardware trace: ≈ ×1.6 per spike, saturating),
 *     the penalty I_C giving ×4 (hardware trace), and the reward step G_HRS(V_STOP)/G_HRS(rest) reported.
 *  2. Tick: an exploring decision (maze 1, trial 1) integrates ≈ 46 µs (Bianchi 2023).
 *  3. A small grid over (Hebbian I_C, reward trace K and what K counts) × every Table-1 training-trial count of a range
 *     (one run of each Table-1 cell to the largest count serves them all). Objective = Table-1 RMS error
 *     in percentage points over the 20 published cells of accuracy (experiment/accuracy.ts, 900 µs cut-off)
 *     + 0.5 × |time-outs a seed in trials 61–120 of the dynamic maze − 30| + 5 × time-outs a seed in 121–130.
 *  4. Spike energy: fire ≈ 0.2 nJ per trial (median over the 180-trial dynamic-maze protocol).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import * as prettier from 'prettier'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { accuracyOf } from '../src-core/experiment/accuracy'
import { aggregateSweep, expandSweep, sweepSpecSchema } from '../src-core/experiment/sweep'
import { runExperiment } from '../src-core/experiment/run'
import { resolveEnvironment, resolvePreset } from '../src-core/experiment/resolve'
import { parseRunSpec, type RunSpec } from '../src-core/experiment/spec'
import { createDeviceModel } from '../src-core/device/model'
import { DEFAULT_PRESET } from '../src-core/device/presets'

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const write = args.includes('--write')
/**
 * --protocol-only: keep the network's defaults (Hebbian I_C, K, spike energy: calibrated.json) and search only the
 * training trials of the Table-1 protocol, on Table-1 RMS alone (the dynamic maze does not depend on them).
 */
const protocolOnly = args.includes('--protocol-only')
const seedsArg = args.indexOf('--seeds')
const SEEDS = seedsArg >= 0 ? Number(args[seedsArg + 1]) : quick ? 8 : 200
/**
 * Seeds of the search (Table 1 and the dynamic maze) start here: apart from the seeds `reproduce` reports on
 * (1, 2, …), so a default chosen by the search is not fitted to the noise of the seeds it is then judged on.
 */
const firstSeedArg = args.indexOf('--first-seed')
const FIRST_SEED = firstSeedArg >= 0 ? Number(args[firstSeedArg + 1]) : 1001
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const CALIBRATED = join(ROOT, 'src-core/agents/bio-rram/calibrated.json')

/** Published targets (Bianchi 2023, Table 1): accuracy % by I_C (rows, µA) × V_STOP (columns, V). */
export const TABLE1_IC_UA = [50, 70, 100, 130, 160]
export const TABLE1_VSTOP_V = [-1.0, -1.2, -1.4, -1.6]
export const TABLE1_PERCENT = [
  [69.4, 89.8, 96.6, 98.1],
  [73.1, 91.0, 97.0, 98.5],
  [75.3, 92.4, 97.7, 98.7],
  [77.7, 93.4, 99.0, 99.3],
  [78.6, 94.9, 99.2, 99.3]
]
/** Bianchi 2023 hardware: time cut-off of a trial, one exploring decision's integration, fire energy per trial. */
const CUTOFF_US = 900
const DECISION_INTEGRATION_US = 46
const FIRE_PER_TRIAL_J = 0.2e-9
/** Hardware trace: threshold × per homeostatic spike (3 rungs, then saturating) and × of a penalty. */
const HOMEOSTASIS_STEP = 1.6
const PENALTY_STEP = 4
/** Rest V_STOP of the state device: the shallowest V_STOP of the HRS data whose spread is moderate (docs/agents.md). */
const REST_VSTOP_V = -1.05

const t0 = performance.now()
const calibrated = JSON.parse(readFileSync(CALIBRATED, 'utf8')) as Record<string, unknown>

// 1. Threshold steps through the fitted device model.
const model = createDeviceModel(DEFAULT_PRESET)
const gRest = model.medianHrsConductanceS(REST_VSTOP_V)
const icForRatio = (ratio: number) => Math.pow(DEFAULT_PRESET.lrsA * gRest * ratio, 1 / DEFAULT_PRESET.lrsB)
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d
const ladder = [1, 2, 3].map((k) => round(icForRatio(HOMEOSTASIS_STEP ** k)))
const penaltyIc = round(icForRatio(PENALTY_STEP))
const rewardStep = model.medianHrsConductanceS(-1.6) / gRest
console.log(
  `1. thresholds: rest RESET at ${REST_VSTOP_V} V; homeostasis ladder ${ladder.join(', ')} µA (×${HOMEOSTASIS_STEP} per rung); penalty ${penaltyIc} µA (×${PENALTY_STEP}); reward step at −1.6 V ×${rewardStep.toFixed(3)}`
)
Object.assign(calibrated, { restVStopV: REST_VSTOP_V, icLadderUA: ladder, penaltyIcUA: penaltyIc })

function run(spec: RunSpec) {
  return runExperiment(spec, resolveEnvironment(spec), resolvePreset(spec.devicePreset)).records
}

// 2. Tick: ticks an exploring decision integrates (trial 1 of maze 1, before any reward), with a 1 µs tick.
let integration = 0
let decisions = 0
// A measurement, not a search: 20 seeds (8 with --quick) from 1, as when the tick was first set.
for (let seed = 1; seed <= (quick ? 8 : 20); seed++) {
  const spec = parseRunSpec({ environment: { builtin: 'bianchi-maze-1' }, agent: { kind: 'bio-rram' }, trials: 1, maxStepsPerTrial: 5000, tickSeconds: 1e-6, seed, hardwareTime: { spikeUs: 0 } })
  const r = run(spec)[0]
  integration += r.timeUs
  decisions += r.spikes
}
const ticksPerDecision = integration / decisions
const tickSeconds = Number(((DECISION_INTEGRATION_US / ticksPerDecision) * 1e-6).toPrecision(3))
console.log(`2. tick: an exploring decision integrates ${ticksPerDecision.toFixed(3)} ticks → tickSeconds ${tickSeconds} (${DECISION_INTEGRATION_US} µs a decision)`)
calibrated.tickSeconds = tickSeconds

// 3. Table 1.
interface Candidate {
  hebbianIcUA: number
  trials: number
  lastPositions: number
  /** reward.counts: what K counts (every position left, or only those left while not remembered). */
  counts: 'visited' | 'explored'
}
const agentOf = (c: Omit<Candidate, 'trials'>) => ({ kind: 'bio-rram', synapse: { hebbianIcUA: c.hebbianIcUA }, reward: { lastPositions: c.lastPositions, counts: c.counts } })
/**
 * Table 1 of one network for several training-trial counts at once: each cell's runs go to the largest count, and
 * the accuracy after T trials is read from trial T (a run's first T trials do not depend on how many follow).
 */
function table1ByTrials(c: Omit<Candidate, 'trials'>, trialsList: readonly number[], seeds: number): Map<number, number[][]> {
  const most = Math.max(...trialsList)
  const sweep = sweepSpecSchema.parse({
    base: {
      environment: { builtin: 'bianchi-maze-1' },
      agent: agentOf(c),
      trials: most,
      maxStepsPerTrial: 2000,
      tickSeconds,
      hardwareTime: { cutoffUs: CUTOFF_US }
    },
    grid: { 'agent.programming.iComplianceUA': TABLE1_IC_UA, 'agent.programming.vStopV': TABLE1_VSTOP_V },
    seeds: { count: seeds, first: FIRST_SEED }
  })
  const cells = expandSweep(sweep)
  const runs = cells.map((cell) => cell.specs.map((s) => run(s)))
  const out = new Map<number, number[][]>()
  for (const trials of trialsList) {
    const acc = aggregateSweep(
      cells,
      runs.map((cellRuns) => cellRuns.map((records) => records[trials - 1]))
    ).map((a) => a.accuracy * 100)
    out.set(
      trials,
      TABLE1_IC_UA.map((_, i) => acc.slice(i * 4, i * 4 + 4))
    )
  }
  return out
}
function rms(grid: number[][]): number {
  let s = 0
  for (let i = 0; i < 5; i++) for (let v = 0; v < 4; v++) s += (grid[i][v] - TABLE1_PERCENT[i][v]) ** 2
  return Math.sqrt(s / 20)
}
/** A network to try and the Table-1 training-trial counts to try it with (every integer of a range: one run serves all). */
interface Network {
  net: Omit<Candidate, 'trials'>
  trials: number[]
}
const range = (lo: number, hi: number) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i)
/** K counting every position left: a path is learned from one long first trial, so few training trials. */
const VISITED_TRIALS = range(4, 8)
/** K counting explored positions only: the path grows back from the goal by ≈ K a success, so more trials. */
const EXPLORED_TRIALS = range(10, 20)
const networks: Network[] = []
if (protocolOnly || quick) {
  // The network's defaults stay as they are: --protocol-only searches the Table-1 protocol (training trials) alone,
  // --quick runs the pipeline on the current defaults and their protocol only.
  const counts = calibrated.rewardCounts as Candidate['counts']
  networks.push({
    net: { hebbianIcUA: calibrated.hebbianIcUA as number, lastPositions: calibrated.lastPositions as number, counts },
    trials: quick ? [(calibrated.table1 as { trials: number }).trials] : counts === 'explored' ? EXPLORED_TRIALS : VISITED_TRIALS
  })
} else
  for (const hebbianIcUA of [20, 30, 40]) {
    for (const lastPositions of [50, 75, 100]) networks.push({ net: { hebbianIcUA, lastPositions, counts: 'visited' }, trials: VISITED_TRIALS })
    for (const lastPositions of [4, 6, 8, 10, 15]) networks.push({ net: { hebbianIcUA, lastPositions, counts: 'explored' }, trials: EXPLORED_TRIALS })
  }
/** The 180-trial dynamic maze (900 µs cut-off): time-outs per seed after the switch (61–120) and on the return (121–130). */
interface DynamicMaze {
  switchTimeouts: number
  returnTimeouts: number
  fire: number[]
}
/** The dynamic maze does not depend on the Table-1 protocol's trials: one run per network. */
const dynamicCache = new Map<string, DynamicMaze>()
function dynamicMazeOf(c: Omit<Candidate, 'trials'>, seeds: number): DynamicMaze {
  const key = `${c.hebbianIcUA}/${c.lastPositions}/${c.counts}`
  let d = dynamicCache.get(key)
  if (!d) dynamicCache.set(key, (d = dynamicMaze(c, seeds)))
  return d
}
function dynamicMaze(c: Omit<Candidate, 'trials'>, seeds: number): DynamicMaze {
  let switchTimeouts = 0
  let returnTimeouts = 0
  const fire: number[] = []
  for (let seed = FIRST_SEED; seed < FIRST_SEED + seeds; seed++) {
    const spec = parseRunSpec({
      environment: { builtin: 'bianchi-dynamic-180' },
      agent: agentOf(c),
      trials: 180,
      maxStepsPerTrial: 5000,
      tickSeconds,
      seed,
      hardwareTime: { cutoffUs: CUTOFF_US },
      energy: { spikeEnergyJ: 1 }
    })
    for (const r of run(spec)) {
      fire.push(r.energyJ.fire) // spikes in the measured window (1 J a spike)
      const failed = accuracyOf([r]) === 0
      if (failed && r.trial > 60 && r.trial <= 120) switchTimeouts++
      if (failed && r.trial > 120 && r.trial <= 130) returnTimeouts++
    }
  }
  return { switchTimeouts: switchTimeouts / seeds, returnTimeouts: returnTimeouts / seeds, fire }
}
/** Published dynamic-maze behaviour (science README §3, Bianchi 2023): ≈ 30 trials of time-outs after the switch, none on the return. */
const SWITCH_TIMEOUTS = 30
const dynSeeds = quick ? SEEDS : Math.min(SEEDS, 100)
let best: { c: Candidate; grid: number[][]; err: number; objective: number; dyn: DynamicMaze } | null = null
for (const { net, trials: trialsList } of networks) {
  const grids = table1ByTrials(net, trialsList, SEEDS)
  const dyn = protocolOnly ? { switchTimeouts: NaN, returnTimeouts: NaN, fire: [] } : dynamicMazeOf(net, dynSeeds)
  for (const trials of trialsList) {
    const c: Candidate = { ...net, trials }
    const grid = grids.get(trials)!
    const err = rms(grid)
    // Objective: Table-1 RMS (percentage points) + 0.5 pp per trial of switch cost away from 30 + 5 pp per return time-out.
    const objective = protocolOnly ? err : err + 0.5 * Math.abs(dyn.switchTimeouts - SWITCH_TIMEOUTS) + 5 * dyn.returnTimeouts
    console.log(
      `3. Hebbian I_C ${c.hebbianIcUA} µA, ${c.trials} trials, K ${c.lastPositions} ${c.counts}: Table-1 RMS ${err.toFixed(1)} pp; ` +
        (protocolOnly ? '' : `time-outs a seed: switch ${dyn.switchTimeouts.toFixed(1)}, return ${dyn.returnTimeouts.toFixed(1)}; `) +
        `objective ${objective.toFixed(1)}`
    )
    if (!best || objective < best.objective) best = { c, grid, err, objective, dyn }
  }
}
const b = best!
console.log(
  `   best: Hebbian I_C ${b.c.hebbianIcUA} µA, ${b.c.trials} trials, K ${b.c.lastPositions} ${b.c.counts} (objective ${b.objective.toFixed(1)}, Table-1 RMS ${b.err.toFixed(1)} pp over seeds ${FIRST_SEED}–${FIRST_SEED + SEEDS - 1})`
)
console.log('   I_C \\ V_STOP   ' + TABLE1_VSTOP_V.map((v) => `${v.toFixed(1)} V`.padStart(13)).join(''))
TABLE1_IC_UA.forEach((ic, i) => console.log(`   ${String(ic).padStart(3)} µA        ` + b.grid[i].map((a, v) => `${a.toFixed(0).padStart(5)} (${TABLE1_PERCENT[i][v]})`).join('')))
calibrated.table1 = { trials: b.c.trials, maxStepsPerTrial: 2000, cutoffUs: CUTOFF_US, seeds: SEEDS, firstSeed: FIRST_SEED, rmsPercentPoints: round(b.err, 1) }
if (!protocolOnly) {
  Object.assign(calibrated, {
    hebbianIcUA: b.c.hebbianIcUA,
    lastPositions: b.c.lastPositions,
    rewardCounts: b.c.counts,
    dynamicMaze: { seeds: dynSeeds, firstSeed: FIRST_SEED, switchTimeoutsPerSeed: round(b.dyn.switchTimeouts, 1), returnTimeoutsPerSeed: round(b.dyn.returnTimeouts, 1) }
  })
  // 4. Spike energy from the dynamic-maze protocol (180 trials, 900 µs cut-off) of the chosen candidate.
  const spikes = b.dyn.fire
  spikes.sort((x, y) => x - y)
  const medianSpikes = spikes[spikes.length >> 1]
  const spikeEnergyJ = Number((FIRE_PER_TRIAL_J / medianSpikes).toPrecision(2))
  console.log(`4. fire: median ${medianSpikes} spikes a trial → spikeEnergyJ ${spikeEnergyJ} (0.2 nJ a trial)`)
  calibrated.spikeEnergyJ = spikeEnergyJ
}
calibrated.note = protocolOnly
  ? `Network defaults from a full \`npm run calibrate\` (docs/calibration-log.md); Table-1 protocol from \`npm run calibrate -- --protocol-only\` (Table 1 on seeds ${FIRST_SEED}–${FIRST_SEED + SEEDS - 1}). See docs/agents.md, 'Calibration'.`
  : `Written by \`npm run calibrate${quick ? ' -- --quick' : ''}\` (scripts/calibrate.ts, Table 1 on seeds ${FIRST_SEED}–${FIRST_SEED + SEEDS - 1}): see docs/agents.md, 'Calibration'.`

console.log(`done in ${((performance.now() - t0) / 1000).toFixed(0)} s`)
/** JSON as the repository keeps it (prettier, its config): `npm run format:check` stays green after `--write`. */
async function writeJson(file: string, value: unknown): Promise<void> {
  const options = (await prettier.resolveConfig(file)) ?? {}
  writeFileSync(file, await prettier.format(JSON.stringify(value, null, 2), { ...options, filepath: file }))
}
if (write) {
  const example = join(ROOT, 'examples/table1-sweep.json')
  const sweep = JSON.parse(readFileSync(example, 'utf8')) as Record<string, Record<string, unknown>>
  sweep.base.trials = b.c.trials
  sweep.base.maxStepsPerTrial = 2000
  sweep.base.hardwareTime = { cutoffUs: CUTOFF_US }
  sweep.grid['agent.programming.iComplianceUA'] = TABLE1_IC_UA
  sweep.grid['agent.programming.vStopV'] = TABLE1_VSTOP_V
  Promise.all([writeJson(CALIBRATED, calibrated), writeJson(example, sweep)]).then(
    () => console.log(`wrote ${CALIBRATED} and ${example}`),
    (e: unknown) => {
      console.error(e)
      process.exitCode = 1
    }
  )
} else console.log('(dry run: --write stores the result as the defaults)')
