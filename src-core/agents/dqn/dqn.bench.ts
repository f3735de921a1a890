/**
 * DQN throughput: environment steps per second (one step = one action, with its gradient step once
 * the replay is warm), single thread, against the agent as it was before the Double-DQN rewrite
 * (`legacy-dqn.ts`, kept verbatim) with the SAME network — one-hot 900 → 32 → 8, minibatch 32, a
 * gradient step every step, hard target copy every 200 — measured in the same run, alternating
 * rounds, best round kept (the machine is shared). Two more lines time the previous default agent
 * (before count-based exploration) and the new default.
 * Run: npm run bench:dqn   (or npx tsx src-core/agents/dqn/dqn.bench.ts)
 */
import { cpus, loadavg } from 'node:os'
import { BIANCHI_MAZE_1_TEXT } from '../../env/builtins/bianchi-mazes'
import { readTextMaze } from '../../env/formats/text-maze'
import { indexOf } from '../../env/grid-ops'
import { BIANCHI_START } from '../../env/builtins/builtin-environments'
import { RandomStream } from '../../random'
import { newOutcome, type Agent } from '../types'
import { DqnAgent } from './dqn'
import { LegacyDqnAgent, type LegacyDqnParams } from './legacy-dqn'
import { dqnParamsSchema } from './params'

const grid = readTextMaze(BIANCHI_MAZE_1_TEXT).grid
const start = indexOf(grid, BIANCHI_START)
const TRIALS = 8
const BUDGET = 400
const ROUNDS = 3

const sameNetwork = {
  input: 'one-hot' as const,
  hiddenLayers: [32],
  learningRate: 1e-3,
  discount: 0.95,
  replayCapacity: 10_000,
  batchSize: 32,
  warmupTransitions: 200,
  trainEvery: 1,
  targetSyncEvery: 200,
  huberDelta: 1
}
const legacyParams: LegacyDqnParams = {
  ...sameNetwork,
  exploration: { epsilonStart: 1, epsilonMin: 0.05, epsilonDecay: 0.95 },
  rewards: { goal: 1, wall: -0.1, step: -0.01, perPenaltyPoint: -0.01 }
}
// The same network and schedule in the new agent: hard target, one-step returns, plain ε-greedy, uniform
// replay, no bump masking; it does the one extra forward pass Double DQN needs (the online network's argmax at s′).
const newSame = dqnParamsSchema.parse({
  kind: 'dqn',
  ...sameNetwork,
  targetUpdate: 'hard',
  nStep: 1,
  extendedExploration: { maxRepeat: 1 },
  prioritizedReplay: { enabled: false },
  changeDetection: { maskBumps: false }
})
const newDefault = dqnParamsSchema.parse({ kind: 'dqn' })
// The default before count-based exploration: random εz exploration, minibatch 32, ε decay 0.95.
const previousDefault = dqnParamsSchema.parse({ kind: 'dqn', countExploration: { enabled: false }, batchSize: 32, exploration: { epsilonDecay: 0.95 } })

function measure(make: () => Agent): { steps: number; seconds: number } {
  const agent = make()
  const o = newOutcome()
  let steps = 0
  const t0 = performance.now()
  for (let t = 0; t < TRIALS; t++) {
    agent.runTrial({ start, maxSteps: BUDGET, greedy: false, recordPath: false }, o)
    steps += o.steps
  }
  return { steps, seconds: (performance.now() - t0) / 1000 }
}

const cases: [string, () => Agent][] = [
  ['before (legacy, same network)', () => new LegacyDqnAgent(grid, legacyParams, RandomStream.fromSeed(1))],
  ['after  (same network)', () => new DqnAgent(grid, newSame, RandomStream.fromSeed(1))],
  [
    `after  (previous default: ${previousDefault.hiddenLayers.join('→')} hidden, Double, ${previousDefault.nStep}-step, soft target, εz, batch 32)`,
    () => new DqnAgent(grid, previousDefault, RandomStream.fromSeed(1))
  ],
  [`after  (new default: + count-based exploration, batch ${newDefault.batchSize})`, () => new DqnAgent(grid, newDefault, RandomStream.fromSeed(1))]
]
const best = cases.map(() => 0)
for (let r = 0; r < ROUNDS; r++) {
  cases.forEach(([, make], k) => {
    const { steps, seconds } = measure(make)
    best[k] = Math.max(best[k], steps / seconds)
  })
}
console.log(`DQN env steps/s on Bianchi maze 1 (${TRIALS} trials × ≤ ${BUDGET} steps, best of ${ROUNDS}; ${cpus().length} cores, load ${loadavg()[0].toFixed(1)})`)
cases.forEach(([name], k) => console.log(`  ${name.padEnd(72)} ${best[k].toFixed(0).padStart(8)} steps/s  ×${(best[k] / best[0]).toFixed(2)}`))
