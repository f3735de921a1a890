// Simulated sweep delivery: 1,000 cycles × 1,003 points read point by point (the async iterator)
// against the same sweep read in blocks (SweepRun.blocks), and the core simulator alone as the
// floor. Medians of 5, ratios against the per-point baseline measured in the same run.
// Run: npx tsx src-main/services/instruments/sweep-blocks.bench.ts
import { simulateSweep } from '../../../src-core/device/iv-sweep'
import { createDeviceModel } from '../../../src-core/device/model'
import { DEFAULT_PRESET } from '../../../src-core/device/presets'
import { RandomStream } from '../../../src-core/random'
import { SimulatedInstrument } from './simulated-instrument'

const RUNS = 5
// 0 → 2.5 V → 0 → −1.6 V → 0 in 8.2 mV steps: 1,003 points per cycle (as scripts/bench-iv.ts).
const WAVEFORM = { vSetMaxV: 2.5, vStopV: -1.6, vStepV: 0.0082, iComplianceA: 150e-6, cycles: 1000 }
const model = createDeviceModel(DEFAULT_PRESET)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function main(): Promise<void> {
  const core: number[] = []
  const perPoint: number[] = []
  const blocks: number[] = []
  let mismatches = 0
  for (let r = 0; r < RUNS; r++) {
    let t0 = performance.now()
    simulateSweep(model, { vMaxV: 2.5, vStopV: -1.6, stepV: 0.0082, iComplianceA: 150e-6, cycles: 1000 }, RandomStream.fromSeed(r + 1))
    core.push(performance.now() - t0)
    const a = new SimulatedInstrument({ model, seed: r + 1, rows: 16, cols: 16 })
    t0 = performance.now()
    const currents = new Float64Array(1003 * 1000)
    for await (const p of await a.sweep({ row: 0, col: 0 }, WAVEFORM)) currents[p.index] = p.iA
    perPoint.push(performance.now() - t0)
    const b = new SimulatedInstrument({ model, seed: r + 1, rows: 16, cols: 16 })
    t0 = performance.now()
    for await (const blk of (await b.sweep({ row: 0, col: 0 }, WAVEFORM)).blocks()) for (let j = 0; j < blk.length; j++) if (blk.iA[j] !== currents[blk.firstIndex + j]) mismatches++
    blocks.push(performance.now() - t0)
  }
  const base = median(perPoint)
  console.log(`1,000 cycles × 1,003 points, median of ${RUNS} (records ${mismatches === 0 ? 'identical' : `DIFFER at ${mismatches} points`})`)
  console.log(`  point by point (baseline) ${base.toFixed(1)} ms`)
  console.log(`  in blocks                 ${median(blocks).toFixed(1)} ms   ratio ${(median(blocks) / base).toFixed(2)}×`)
  console.log(`  core simulateSweep alone  ${median(core).toFixed(1)} ms   ratio ${(median(core) / base).toFixed(2)}×`)
}

void main()
