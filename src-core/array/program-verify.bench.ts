// Program-and-verify of a 256×256 simulated array (gate ramp, checkerboard), against a plain baseline
// measured in the same run: one Cell object per device and a per-cell loop that allocates a pulse
// record per pulse (the straightforward way). Run: npx tsx src-core/array/program-verify.bench.ts
import { Cell, createDeviceModel, DEFAULT_PRESET, drawD2dFactor } from '../device'
import { RandomStream } from '../random'
import { RramArray } from './array-state'
import { newProgramMaps, newProgramTotals, programCells } from './program-array'
import { defaultProgramParams } from './program-params'
import { checkerboardTarget, defaultLevelsS } from './targets'

const SIDE = 256
const model = createDeviceModel(DEFAULT_PRESET)
const params = defaultProgramParams(DEFAULT_PRESET, 'gate-ramp')
const target = checkerboardTarget(SIDE, SIDE, defaultLevelsS(model, 2))

function ours(seed: number): number {
  const array = new RramArray(model, { rows: SIDE, cols: SIDE, seed, initialState: 'hrs' })
  const maps = newProgramMaps(SIDE, SIDE)
  const totals = newProgramTotals()
  programCells(array, target, params, maps, totals)
  return totals.converged
}

function baseline(seed: number): number {
  const root = RandomStream.fromSeed(seed)
  const d2d = root.split()
  const rng = root.split()
  const cells: Cell[] = []
  for (let k = 0; k < SIDE * SIDE; k++) cells.push(new Cell(model, { gS: model.drawResetConductanceS(-1.6, rng), d2dFactor: drawD2dFactor(DEFAULT_PRESET, d2d) }))
  let converged = 0
  cells.forEach((cell, k) => {
    const goal = target.levelsS[target.level[k]]
    const lo = goal * (1 - params.toleranceRel)
    const hi = goal * (1 + params.toleranceRel)
    const pulses: { kind: string; level: number; gS: number }[] = []
    let i = params.iComplianceA
    let v = params.vStopV
    let g = cell.readCurrentA(rng) / DEFAULT_PRESET.vReadV
    while (!(g >= lo && g <= hi) && pulses.length < params.maxPulses) {
      if (g < lo) {
        cell.set(i, rng)
        i = Math.min(params.iComplianceMaxA, i + params.iComplianceStepA)
        v = params.vStopV
      } else {
        cell.reset(v, rng)
        v = Math.max(params.vStopMinV, v - params.vStopStepV)
        i = params.iComplianceA
      }
      g = cell.readCurrentA(rng) / DEFAULT_PRESET.vReadV
      pulses.push({ kind: g < lo ? 'set' : 'reset', level: g < lo ? i : v, gS: g })
    }
    if (g >= lo && g <= hi) converged++
  })
  return converged
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[s.length >> 1]
}

function time(fn: (seed: number) => number, runs = 5): number {
  fn(99) // warm-up
  const t: number[] = []
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now()
    fn(r + 1)
    t.push(performance.now() - t0)
  }
  return median(t)
}

const tBase = time(baseline)
const tOurs = time(ours)
console.log(`program-and-verify ${SIDE}×${SIDE} (gate ramp, checkerboard), median of 5:`)
console.log(`  baseline (Cell objects, allocation per pulse): ${tBase.toFixed(0)} ms`)
console.log(`  programCells (typed arrays, no allocation):    ${tOurs.toFixed(0)} ms  (${(tBase / tOurs).toFixed(2)}× faster; target < 2000 ms: ${tOurs < 2000 ? 'met' : 'NOT met'})`)
