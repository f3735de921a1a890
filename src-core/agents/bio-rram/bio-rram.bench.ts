/**
 * Bio-RRAM network throughput: agent time steps (ticks) per second, single thread, against a
 * deliberately plain reference loop of the same rule written here (typed arrays, no classes, tick by
 * tick), in the same run; plus a 1000×1000 open grid with resident memory.
 * Run: npx tsx src-core/agents/bio-rram/bio-rram.bench.ts
 * A step is one agent time step: every direction integrates its synapse once. The reference walks
 * every tick; the network jumps from spike to spike and counts the ticks in between. Both follow the
 * same rule with the same random draws in the same order, so both must end with identical tick counts
 * and positions — checked below, so the ratio compares equal work.
 * With gcc on PATH, a third column: issue 3's yardstick, an optimized C loop of the same rule
 * (scripts/c-reference/bio-rule.c, the same draws and floating-point operations as the plain loop),
 * run in the same bench and held to the same check; without gcc that column is skipped.
 */
import { cpus, loadavg } from 'node:os'
import { C_FLAGS, compileBioRule, runBioRule, type BioRuleConstants } from '../../../scripts/c-reference/run-c-reference'
import { createDeviceModel, drawLevelConductanceS as drawLevel, resetLevel, setLevel } from '../../device/model'
import { DEFAULT_PRESET } from '../../device/presets'
import type { DeviceModel } from '../../device/types'
import { BIANCHI_MAZE_1_TEXT } from '../../env/builtins/bianchi-mazes'
import { readTextMaze } from '../../env/formats/text-maze'
import { CELL_GOAL, CELL_WALL, DIR_DCOL, DIR_DROW, type Grid } from '../../env/grid'
import { RandomStream } from '../../random'
import { newOutcome } from '../types'
import { BioRramNetwork } from './network'
import { bioRramParamsSchema, type BioRramParams } from './params'
import { runReferenceDefault } from './reference-loop'
import { capLrsSpread, stopVoltageForConductance } from './thresholds'

// Module-local aliases: under tsx an imported binding is a getter on the module object, which would
// slow the reference loop for reasons that have nothing to do with the rule.
const drawLevelConductanceS = drawLevel
const WALL = CELL_WALL
const GOAL = CELL_GOAL

const model = createDeviceModel(DEFAULT_PRESET)
/**
 * The rule the first plain loop (below) and the C loop implement: the tick-quantized winner with level
 * rewards (the network's rule before issue 14). The default rule (first-crossing winner, gradual
 * corner-cut reward, stepped penalty, SETs that never weaken, goal rewarded, trace-only forgetting) has
 * its own plain loop (reference-loop.ts) and C loop (bio-rule.c, run_default), measured in its own case.
 */
const LEGACY_RULE = {
  kind: 'bio-rram',
  winner: 'largest-integral',
  synapse: { hebbianIcUA: 100, setNeverWeakens: false },
  homeostasis: { icLadderUA: [20, 30, 45, 70] },
  penalty: { iComplianceUA: 160, stepped: false },
  reward: { lastPositions: 50, counts: 'visited', gradual: false, loopErased: false, includeGoal: false },
  forgetting: { scope: 'all' }
} as const
const params = bioRramParamsSchema.parse(LEGACY_RULE)

/**
 * Wall-clock seconds (microsecond resolution). Process CPU time (getrusage) advances in scheduler
 * ticks on this kernel, too coarse for the few milliseconds of one seed; the machine's load is
 * handled by taking the best of several alternating rounds.
 */
function seconds(): number {
  return performance.now() / 1000
}

interface Work {
  ticks: number
  lastPosition: number
  seconds: number
}

function runNetwork(grid: Grid, start: number, trials: number, budget: number, seed: number, p: BioRramParams = params): Work {
  const net = new BioRramNetwork(grid, p, model, RandomStream.fromSeed(seed))
  const o = newOutcome()
  let ticks = 0
  const t0 = seconds()
  for (let t = 0; t < trials; t++) {
    net.runTrial({ start, maxSteps: budget, greedy: false, recordPath: false }, o)
    ticks += o.steps
  }
  return { ticks, lastPosition: o.finalPosition, seconds: seconds() - t0 }
}

/** The rule's constants from the params and device model, shared by the plain loop and the C loop's input. */
function ruleConstants(m: DeviceModel, p: BioRramParams): BioRuleConstants {
  const UA = 1e-6
  const icMax = p.programming.iComplianceUA * UA
  const vReadV = m.preset.vReadV
  const hebbIc = Math.min(p.synapse.hebbianIcUA * UA, icMax)
  const k = p.devicesPerPosition / 8 // devices in parallel per synapse
  const theta0 = p.theta0LrsTicks * k * vReadV * m.medianLrsConductanceS(p.synapse.hebbianIcUA * UA)
  const penaltyIc = Math.min(p.penalty.iComplianceUA * UA, icMax)
  // Each programming operation's level: median conductance and σ (a draw is median·exp(−σ·z)).
  const pre = m.preset
  const gRest = m.medianHrsConductanceS(p.homeostasis.restVStopV)
  const penaltyL = capLrsSpread(pre, setLevel(pre, penaltyIc))
  return {
    // The default rule's (reference-loop.ts; the C loop's run_default) switch and extra constants.
    defaultRule: p.winner === 'first-crossing',
    shortcut: p.reward.shortcut,
    explored: p.reward.counts === 'explored',
    relax: resetLevel(pre, stopVoltageForConductance(m, p.forgetting.relaxFactor * gRest, p.homeostasis.restVStopV)),
    rewardHrs: resetLevel(pre, p.programming.vStopV),
    rewardStep: Math.min(1, m.medianHrsConductanceS(p.programming.vStopV) / gRest),
    penaltyStep: Math.max(1, penaltyL.medianG / gRest),
    penaltyTopG: Math.max(penaltyL.medianG, m.medianLrsConductanceS(icMax)),
    minTheta: 1e-9 * theta0,
    devicesPerSynapse: k,
    vReadV,
    floor: vReadV * m.medianHrsConductanceS(p.programming.vStopV), // one HRS device (README §2.2)
    kappa: theta0 / m.medianHrsConductanceS(p.homeostasis.restVStopV),
    lastPositions: p.reward.lastPositions,
    deadlockTicks: p.deadlock.ticks,
    initialLrsProbability: p.synapse.initialLrsProbability,
    rest: resetLevel(pre, p.homeostasis.restVStopV),
    reward: resetLevel(pre, p.programming.vStopV),
    initialHrs: resetLevel(pre, p.synapse.initialHrsVStopV),
    hebbian: capLrsSpread(pre, setLevel(pre, hebbIc)),
    top: setLevel(pre, icMax),
    penalty: capLrsSpread(pre, setLevel(pre, penaltyIc)),
    ladder: p.homeostasis.icLadderUA.map((u) => capLrsSpread(pre, setLevel(pre, Math.min(u * UA, icMax))))
  }
}

/** The same rule, written flat: one function, typed arrays, no abstraction (forgetting omitted: static layouts). */
function runReference(grid: Grid, start: number, trials: number, budget: number, seed: number, m: DeviceModel, p: BioRramParams): Work {
  const rng = RandomStream.fromSeed(seed)
  const W = grid.width + 2
  const n = W * (grid.height + 2)
  const c = ruleConstants(m, p)
  const { vReadV: vRead, devicesPerSynapse: k, floor, kappa, lastPositions: K, ladder: ladderL } = c
  const restL = c.rest
  const rewardL = c.reward
  const initHrsL = c.initialHrs
  const hebbL = c.hebbian
  const topL = c.top
  const penaltyL = c.penalty
  const syn = new Float64Array(n * 8)
  const theta = new Float64Array(n).fill(Infinity)
  const kind = new Uint8Array(n) // 0 rest, 1 rewarded, 2 penalised
  const visits = new Uint16Array(n)
  const stamp = new Uint32Array(n)
  let raised = new Int32Array(n)
  const cells = new Uint8Array(n).fill(255)
  const off = new Int32Array(8)
  const recentP = new Int32Array(K)
  const recentD = new Uint8Array(K)
  for (let d = 0; d < 8; d++) off[d] = DIR_DROW[d] * W + DIR_DCOL[d]
  for (let r = 0; r < grid.height; r++) for (let c = 0; c < grid.width; c++) cells[(r + 1) * W + c + 1] = grid.cells[r * grid.width + c]
  for (let r = 0; r < grid.height; r++) {
    for (let c = 0; c < grid.width; c++) {
      const q = (r + 1) * W + c + 1
      theta[q] = kappa * drawLevelConductanceS(restL.medianG, restL.sigma, rng)
      for (let d = 0; d < 8; d++) {
        const L = rng.uniform() < p.synapse.initialLrsProbability ? hebbL : initHrsL
        let g = 0
        for (let j = 0; j < k; j++) g += vRead * drawLevelConductanceS(L.medianG, L.sigma, rng)
        syn[q * 8 + d] = g
      }
    }
  }
  const restore = (q: number) => {
    if (kind[q] === 1) theta[q] = kappa * drawLevelConductanceS(rewardL.medianG, rewardL.sigma, rng)
    else if (kind[q] === 2) theta[q] = Math.max(theta[q], kappa * drawLevelConductanceS(penaltyL.medianG, penaltyL.sigma, rng))
    else theta[q] = kappa * drawLevelConductanceS(restL.medianG, restL.sigma, rng)
  }
  let ticks = 0
  let pos = 0
  const t0 = seconds()
  for (let trial = 1; trial <= trials; trial++) {
    pos = (Math.floor(start / grid.width) + 1) * W + (start % grid.width) + 1
    let raisedN = 0
    let head = 0
    let count = 0
    let idle = 0
    let integrated = 0 // ticks since the last spike: each integrator holds integrated·I_d
    let steps = 0
    while (steps < budget) {
      steps++
      integrated++
      const base = pos * 8
      let best = -1
      let bestI = -Infinity
      let ties = 0
      for (let d = 0; d < 8; d++) {
        const v = integrated * syn[base + d]
        if (v > theta[pos + off[d]] && v > floor) {
          if (v > bestI) {
            best = d
            bestI = v
            ties = 1
          } else if (v === bestI) {
            ties++
            if (rng.int(ties) === 0) best = d
          }
        }
      }
      if (best < 0) {
        if (++idle >= p.deadlock.ticks) {
          for (let d = 0; d < 8; d++) {
            const q = pos + off[d]
            if (cells[q] === 255) continue
            if (kind[q] === 2) kind[q] = 0
            else if (visits[q] === 0) continue
            visits[q] = 0
            restore(q)
          }
          idle = 0
        }
        continue
      }
      idle = 0
      integrated = 0
      const t = pos + off[best]
      if (cells[t] === WALL) {
        kind[t] = 2
        theta[t] = Math.max(theta[t], kappa * drawLevelConductanceS(penaltyL.medianG, penaltyL.sigma, rng))
        continue
      }
      let g = 0
      for (let j = 0; j < k; j++) g += vRead * drawLevelConductanceS(hebbL.medianG, hebbL.sigma, rng)
      syn[base + best] = g
      const v = visits[pos]
      if (v === 0) {
        // A position cleared mid-trial (deadlock escape) and raised again is listed again: grow when full.
        if (raisedN === raised.length) {
          const grown = new Int32Array(raised.length * 2)
          grown.set(raised)
          raised = grown
        }
        raised[raisedN++] = pos
      }
      const L = ladderL[Math.min(v, ladderL.length - 1)]
      theta[pos] = Math.max(theta[pos], kappa * drawLevelConductanceS(L.medianG, L.sigma, rng))
      if (v < 0xffff) visits[pos] = v + 1
      recentP[head] = pos
      recentD[head] = best
      head = head + 1 === K ? 0 : head + 1
      if (count < K) count++
      pos = t
      if (cells[t] === GOAL) {
        for (let j = 0; j < count; j++) {
          head = head === 0 ? K - 1 : head - 1
          const q = recentP[head]
          let gs = 0
          for (let j = 0; j < k; j++) gs += vRead * drawLevelConductanceS(topL.medianG, topL.sigma, rng)
          syn[q * 8 + recentD[head]] = gs
          if (stamp[q] === trial) continue
          stamp[q] = trial
          kind[q] = 1
          theta[q] = kappa * drawLevelConductanceS(rewardL.medianG, rewardL.sigma, rng)
          visits[q] = 0
        }
        break
      }
    }
    for (let i = 0; i < raisedN; i++) {
      const q = raised[i]
      if (visits[q] === 0) continue
      visits[q] = 0
      restore(q)
    }
    ticks += steps
  }
  const r = Math.floor(pos / W) - 1
  return { ticks, lastPosition: r * grid.width + (pos % W) - 1, seconds: seconds() - t0 }
}

function openGrid(side: number): Grid {
  const cells = new Uint8Array(side * side)
  cells[(side - 1) * side + side - 1] = CELL_GOAL
  return { width: side, height: side, cells, penalty: null, starts: [0] }
}

/**
 * Best (shortest) of `repeats` rounds of each: network, plain loop and C loop (null without gcc) in
 * turn within every round, so that all three see the same machine (its speed drifts by 1.5× within
 * a minute, and not alike for JavaScript and C).
 */
function bestOfEach(a: () => Work, b: () => Work, c: () => Work | null, repeats: number): Rounds {
  let wa = a()
  let wb = b()
  let wc = c()
  // Same work (checked in `report`), so a ratio of speeds is a ratio of times.
  const toPlain = [wb.seconds / wa.seconds]
  const toC = wc ? [wc.seconds / wa.seconds] : []
  for (let k = 1; k < repeats; k++) {
    const xa = a()
    if (xa.seconds < wa.seconds) wa = xa
    const xb = b()
    if (xb.seconds < wb.seconds) wb = xb
    toPlain.push(xb.seconds / xa.seconds)
    const xc = c()
    if (xc && wc) {
      if (xc.ticks !== wc.ticks || xc.lastPosition !== wc.lastPosition) throw new Error('C loop: two rounds of the same seeds disagree')
      if (xc.seconds < wc.seconds) wc = xc
      toC.push(xc.seconds / xa.seconds)
    }
  }
  return { net: wa, ref: wb, c: wc, toPlain: median(toPlain), toC: wc ? median(toC) : null }
}

/** Each one's best round, and the median over rounds of the network's speed ÷ the plain loop's and ÷ the C loop's, within the round. */
interface Rounds {
  net: Work
  ref: Work
  c: Work | null
  toPlain: number
  toC: number | null
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** Seeds' calls folded into one batch: ticks and seconds add up, last positions hash in seed order. */
function fold(works: readonly Work[]): Work {
  const out: Work = { ticks: 0, lastPosition: 0, seconds: 0 }
  for (const w of works) {
    out.ticks += w.ticks
    out.seconds += w.seconds
    out.lastPosition = (out.lastPosition * 31 + w.lastPosition) % 1_000_000_007
  }
  return out
}

/** The optimized C loop (scripts/c-reference/bio-rule.c), null without gcc. */
const cLoop = compileBioRule()

/** One round of the C loop over the same seeds (one process), folded as the JS batches; null without gcc. */
function cSeeds(grid: Grid, start: number, trials: number, budget: number, seeds: number[], p: BioRramParams): Work | null {
  if (!cLoop) return null
  const [calls] = runBioRule(cLoop, { grid, start, trials, budget, rounds: 1, seeds, rule: ruleConstants(model, p) })
  return fold(calls)
}

const rows: string[][] = []
function report(name: string, { net, ref, c, toPlain, toC }: Rounds) {
  if (net.ticks !== ref.ticks || net.lastPosition !== ref.lastPosition) {
    throw new Error(`${name}: network and reference disagree (ticks ${net.ticks} vs ${ref.ticks}) — not the same rule`)
  }
  if (c && (net.ticks !== c.ticks || net.lastPosition !== c.lastPosition)) {
    throw new Error(`${name}: network and C loop disagree (ticks ${net.ticks} vs ${c.ticks}) — not the same rule`)
  }
  const a = net.ticks / net.seconds
  const b = ref.ticks / ref.seconds
  const row = [name, String(net.ticks), (a / 1e6).toFixed(1), (b / 1e6).toFixed(1), toPlain.toFixed(2)]
  if (c && toC !== null) row.push((c.ticks / c.seconds / 1e6).toFixed(1), toC.toFixed(2))
  rows.push(row)
}

const maze = readTextMaze(BIANCHI_MAZE_1_TEXT).grid
const mazeStart = maze.starts[0]
const load = loadavg()[0]
const SEEDS = 40
const seedList = Array.from({ length: SEEDS }, (_, i) => i + 1)
// Warm-up (JIT settles).
runNetwork(maze, mazeStart, 60, 2000, 1)
runReference(maze, mazeStart, 60, 2000, 1, model, params)
/**
 * Forty seeds of the 60-trial maze-1 phase (≈ 0.7 M steps) as one batch; the best of seven alternating
 * rounds of the batch (each seed times its trials only: building a network is not an agent time step).
 */
function mazeSeeds(p: BioRramParams = params): Rounds {
  const batch = (one: (seed: number) => Work) => (): Work => fold(seedList.map(one))
  return bestOfEach(
    batch((seed) => runNetwork(maze, mazeStart, 60, 2000, seed, p)),
    batch((seed) => runReference(maze, mazeStart, 60, 2000, seed, model, p)),
    () => cSeeds(maze, mazeStart, 60, 2000, seedList, p),
    7
  )
}
report(`maze 1, ${SEEDS} seeds × 60 trials × 2000`, mazeSeeds())
// A deadlock escape after 40 idle ticks: segments longer than the network's walk, so it jumps by division.
const deadlock40 = bioRramParamsSchema.parse({ ...LEGACY_RULE, deadlock: { ticks: 40 } })
report('maze 1, same, deadlock escape at 40 ticks', mazeSeeds(deadlock40))

// The default rule (first-crossing winner, gradual corner-cut reward, …): its own plain loop
// (reference-loop.ts) and C loop (bio-rule.c's run_default), checked tick for tick like the others.
const defaults = bioRramParamsSchema.parse({ kind: 'bio-rram' })
function runReferenceOfDefault(seed: number): Work {
  let t0 = 0
  const w = runReferenceDefault(maze, mazeStart, 60, 2000, RandomStream.fromSeed(seed), model, defaults, () => (t0 = seconds()))
  return { ...w, seconds: seconds() - t0 }
}
runReferenceOfDefault(1) // warm-up
const defaultRounds = bestOfEach(
  () => fold(seedList.map((seed) => runNetwork(maze, mazeStart, 60, 2000, seed, defaults))),
  () => fold(seedList.map(runReferenceOfDefault)),
  () => cSeeds(maze, mazeStart, 60, 2000, seedList, defaults),
  7
)
report(`default rule: maze 1, ${SEEDS} seeds × 60 trials × 2000`, defaultRounds)

const rssBefore = process.memoryUsage().rss
const big = openGrid(1000)
const bigFirst = runNetwork(big, 0, 1, 5_000_000, 3)
const rssAfter = process.memoryUsage().rss
const bigRounds = bestOfEach(
  () => runNetwork(big, 0, 1, 5_000_000, 3),
  () => runReference(big, 0, 1, 5_000_000, 3, model, params),
  () => cSeeds(big, 0, 1, 5_000_000, [3], params),
  4
)
report('open 1000×1000, 1 trial (budget 5 M)', { ...bigRounds, net: bigFirst.seconds < bigRounds.net.seconds ? bigFirst : bigRounds.net })

console.log('bio-RRAM network throughput (agent time steps per second, single thread; a step = one tick of all eight integrators)')
console.log(`load average at start: ${load.toFixed(1)} on ${cpus().length} cores — best of alternating rounds; compare ratios within a run`)
console.log(cLoop ? `C loop: scripts/c-reference/bio-rule.c (gcc ${C_FLAGS.join(' ')}), the same rule and draws, ticks and last positions checked equal` : 'C loop column skipped: gcc is not on PATH')
console.log('speeds: the best round of each; ratios: the median over rounds of the ratio within a round (the three run back to back)')
const head = ['case', 'steps', 'network M/s', 'plain loop M/s', 'network / plain']
console.log((cLoop ? [...head, 'C loop M/s', 'network / C'] : head).join('\t'))
for (const r of rows) console.log(r.join('\t'))
console.log(`resident memory after the 1000×1000 network: ${(rssAfter / 2 ** 20).toFixed(0)} MB (before: ${(rssBefore / 2 ** 20).toFixed(0)} MB)`)
