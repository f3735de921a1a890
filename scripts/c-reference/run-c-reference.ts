/**
 * Drives bio-rule.c, the optimized C loop of the bio-RRAM rule (issue 3's yardstick), from the
 * bio-RRAM bench: compiles it once into .tmp/c-reference/ (gitignored), writes one case's input
 * (grid, rule constants, generator states, and V8's ziggurat and expNear0 tables) and reads back
 * ticks, last position and seconds of every call.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { EXP_NEAR0_TABLE } from '../../src-core/device/model'
import { CELL_GOAL, CELL_WALL, DIR_DCOL, DIR_DROW, type Grid } from '../../src-core/env/grid'
import { RandomStream } from '../../src-core/random'
import { ZIG_F, ZIG_K, ZIG_W } from '../../src-core/random/ziggurat'

/** The compiler flags: optimized, but no fused multiply-add or reassociation (same operations as V8). */
export const C_FLAGS: readonly string[] = ['-O2', '-ffp-contract=off']

const here = dirname(fileURLToPath(import.meta.url))
const outDir = join(here, '../../.tmp/c-reference')

/** A programming level: median conductance (S) and log-space σ (model.ts `ConductanceLevel`). */
export interface LevelInput {
  readonly medianG: number
  readonly sigma: number
}

/** The constants of the rule, as `runReference` of bio-rram.bench.ts derives them from the params. */
export interface BioRuleConstants {
  readonly devicesPerSynapse: number
  readonly vReadV: number
  /** Integrator floor (A·ticks): no spike below it. */
  readonly floor: number
  /** θ = κ·G of the state device. */
  readonly kappa: number
  readonly lastPositions: number
  readonly deadlockTicks: number
  readonly initialLrsProbability: number
  readonly rest: LevelInput
  readonly reward: LevelInput
  readonly initialHrs: LevelInput
  readonly hebbian: LevelInput
  readonly top: LevelInput
  readonly penalty: LevelInput
  readonly ladder: readonly LevelInput[]
  /** The default rule (src-core/agents/bio-rram/reference-loop.ts) instead of the legacy one, and its constants. */
  readonly defaultRule: boolean
  readonly shortcut: boolean
  /** reward.counts 'explored' (the default rule's K counts positions left while not remembered). */
  readonly explored: boolean
  readonly relax: LevelInput
  /** The reward's HRS level at V_STOP (the gradual reward's spread). */
  readonly rewardHrs: LevelInput
  readonly rewardStep: number
  readonly penaltyStep: number
  readonly penaltyTopG: number
  readonly minTheta: number
}

export interface BioRuleCase {
  readonly grid: Grid
  readonly start: number
  readonly trials: number
  readonly budget: number
  /** Rounds over all seeds, in one process. */
  readonly rounds: number
  /** Integer seeds of `RandomStream.fromSeed`; their generator states are passed. */
  readonly seeds: readonly number[]
  readonly rule: BioRuleConstants
}

/** One call: a seed's trials. */
export interface CCall {
  readonly ticks: number
  readonly lastPosition: number
  readonly seconds: number
}

let compiled: string | null | undefined

/** Path of the compiled C loop, or null when gcc is not on PATH. Compiles once per process. */
export function compileBioRule(): string | null {
  if (compiled !== undefined) return compiled
  if (spawnSync('gcc', ['--version']).error) return (compiled = null)
  mkdirSync(outDir, { recursive: true })
  const exe = join(outDir, 'bio-rule')
  execFileSync('gcc', [...C_FLAGS, '-o', exe, join(here, 'bio-rule.c'), '-lm'], { stdio: 'inherit' })
  return (compiled = exe)
}

const list = (xs: ArrayLike<number>): string => Array.prototype.join.call(xs, ' ')
const field = (name: string, xs: ArrayLike<number>): string => `${name} ${xs.length} ${list(xs)}`
const level = (name: string, l: LevelInput): string => field(name, [l.medianG, l.sigma])

/** The input file's text: `name count values…` per field, in bio-rule.c's `readCase` order. */
export function bioRuleInput(c: BioRuleCase): string {
  const r = c.rule
  const words = c.seeds.flatMap((s) => RandomStream.fromSeed(s).state().slice(0, 4))
  // Numbers print as JavaScript's shortest round-trip decimals, which strtod reads back to the same bits.
  return [
    field('width', [c.grid.width]),
    field('height', [c.grid.height]),
    field('cells', c.grid.cells),
    field('wall', [CELL_WALL]),
    field('goal', [CELL_GOAL]),
    field('dRow', DIR_DROW),
    field('dCol', DIR_DCOL),
    field('start', [c.start]),
    field('trials', [c.trials]),
    field('budget', [c.budget]),
    field('rounds', [c.rounds]),
    field('devicesPerSynapse', [r.devicesPerSynapse]),
    field('vReadV', [r.vReadV]),
    field('floor', [r.floor]),
    field('kappa', [r.kappa]),
    field('lastPositions', [r.lastPositions]),
    field('deadlockTicks', [r.deadlockTicks]),
    field('initialLrsProbability', [r.initialLrsProbability]),
    level('restLevel', r.rest),
    level('rewardLevel', r.reward),
    level('initialHrsLevel', r.initialHrs),
    level('hebbianLevel', r.hebbian),
    level('topLevel', r.top),
    level('penaltyLevel', r.penalty),
    field(
      'ladder',
      r.ladder.flatMap((l) => [l.medianG, l.sigma])
    ),
    field('defaultRule', [r.defaultRule ? 1 : 0]),
    field('shortcut', [r.shortcut ? 1 : 0]),
    field('explored', [r.explored ? 1 : 0]),
    level('relaxLevel', r.relax),
    level('rewardHrsLevel', r.rewardHrs),
    field('rewardStep', [r.rewardStep]),
    field('penaltyStep', [r.penaltyStep]),
    field('penaltyTopG', [r.penaltyTopG]),
    field('minTheta', [r.minTheta]),
    field('zigK', ZIG_K),
    field('zigW', ZIG_W),
    field('zigF', ZIG_F),
    field('expTable', EXP_NEAR0_TABLE),
    field('seeds', words),
    ''
  ].join('\n')
}

const LINE = /^round (\d+) seed (\d+) ticks (\d+) last (-?\d+) seconds ([\d.]+)$/

/** Runs every seed `rounds` times in one process; result[round][seed]. */
export function runBioRule(exe: string, c: BioRuleCase): CCall[][] {
  mkdirSync(outDir, { recursive: true })
  const file = join(outDir, `input-${process.pid}.txt`)
  writeFileSync(file, bioRuleInput(c))
  try {
    const out = execFileSync(exe, [file], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 })
    const rounds: CCall[][] = Array.from({ length: c.rounds }, () => [])
    for (const line of out.trim().split('\n')) {
      const m = LINE.exec(line)
      if (!m) throw new Error(`bio-rule printed an unexpected line: ${line}`)
      rounds[Number(m[1])][Number(m[2])] = { ticks: Number(m[3]), lastPosition: Number(m[4]), seconds: Number(m[5]) }
    }
    if (rounds.some((r) => r.length !== c.seeds.length)) throw new Error('bio-rule printed fewer calls than seeds × rounds')
    return rounds
  } finally {
    rmSync(file, { force: true })
  }
}
