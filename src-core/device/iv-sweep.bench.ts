/**
 * Benchmark: 1,000 cycles × ~1,000 points of quasi-static I–V sweep, and extraction over them.
 *   npx tsx src-core/device/iv-sweep.bench.ts
 * Targets (issue): simulation < 1 s, extraction < 200 ms. Figures are printed with ratios against
 * two baselines measured in the same run: a plain loop writing V·G into typed arrays, and the same
 * loop drawing one normal deviate per point (the noise floor of any seeded simulation).
 */
import { RandomStream } from '../random'
import { extractCycles } from './extract'
import { simulateSweep, sweepPointsPerCycle, type SweepSpec } from './iv-sweep'
import { createDeviceModel } from './model'
import { DEFAULT_PRESET } from './presets'

const spec: SweepSpec = { vMaxV: 2.5, vStopV: -1.6, stepV: 0.0082, iComplianceA: 100e-6, cycles: 1000 }
const n = sweepPointsPerCycle(spec) * spec.cycles
const model = createDeviceModel(DEFAULT_PRESET)

function best(label: string, runs: number, fn: () => unknown): number {
  let bestMs = Infinity
  let sink = 0
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now()
    const out = fn()
    bestMs = Math.min(bestMs, performance.now() - t0)
    sink += out ? 1 : 0
  }
  console.log(`${label.padEnd(44)} ${bestMs.toFixed(1).padStart(8)} ms  (best of ${runs}${sink < 0 ? '' : ''})`)
  return bestMs
}

const plain = best('baseline: plain loop V·G into typed arrays', 5, () => {
  const v = new Float64Array(n)
  const i = new Float64Array(n)
  for (let k = 0; k < n; k++) {
    v[k] = (k % 1000) * 0.0025
    i[k] = v[k] * 1e-4
  }
  return i
})
const withRng = best('baseline: same with one normal() per point', 5, () => {
  const rng = RandomStream.fromSeed(1)
  const v = new Float64Array(n)
  const i = new Float64Array(n)
  for (let k = 0; k < n; k++) {
    v[k] = (k % 1000) * 0.0025
    i[k] = v[k] * 1e-4 * (1 + 0.01 * rng.normal())
  }
  return i
})
let trace = simulateSweep(model, spec, RandomStream.fromSeed(1))
const sim = best(`simulateSweep ${spec.cycles} cycles × ${sweepPointsPerCycle(spec)} points`, 5, () => (trace = simulateSweep(model, spec, RandomStream.fromSeed(1))))
const ext = best('extractCycles (cycles inferred, no labels)', 5, () => extractCycles({ v: trace.v, i: trace.i }, { vReadV: 0.1 }))
const extC = best('extractCycles (cycle index given)', 5, () => extractCycles({ v: trace.v, i: trace.i, cycle: trace.cycle }, { vReadV: 0.1 }))

console.log(`\npoints: ${n.toLocaleString('en')}`)
console.log(`simulate / plain loop      = ${(sim / plain).toFixed(1)}×    simulate / rng loop = ${(sim / withRng).toFixed(2)}×   target < 1000 ms: ${sim < 1000 ? 'met' : 'MISSED'}`)
console.log(`extract  / plain loop      = ${(ext / plain).toFixed(1)}×    target < 200 ms: ${Math.max(ext, extC) < 200 ? 'met' : 'MISSED'}`)
