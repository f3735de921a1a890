// Export of a long I–V session: HDF5 (h5wasm, temp file, base64 for the API) against the CSV export
// measured in the same run. Median of 5 each. Run: npx tsx src-main/services/iv/export-hdf5.bench.ts
import { Services } from '../index'
import { ivRecipeSchema } from './recipe-schema'

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function timed(f: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = performance.now()
  await f()
  return performance.now() - t0
}

async function main(): Promise<void> {
  const services = new Services({ dbFile: ':memory:' })
  try {
    // 2000 cycles of a 50 mV DC double sweep: 330,000 points, the size of a long endurance session.
    const s = await services.iv.start(ivRecipeSchema.parse({ recipe: 'dc-sweep', vStepV: 0.05, cycles: 2000 }))
    const done = await services.iv.settled(s.id)
    await services.iv.exportHdf5(s.id) // loads h5wasm once, outside the timings
    const csvMs: number[] = []
    const h5Ms: number[] = []
    let csvBytes = 0
    let h5Bytes = 0
    for (let k = 0; k < 5; k++) {
      csvMs.push(await timed(() => (csvBytes = Buffer.byteLength(services.iv.exportCsv(s.id).text))))
      h5Ms.push(await timed(async () => (h5Bytes = (await services.iv.exportHdf5(s.id)).bytes.toString('base64').length)))
    }
    console.log(`session: ${done.points.toLocaleString('en')} points, ${done.cycles} cycles`)
    console.log(`CSV export (baseline): median ${median(csvMs).toFixed(0)} ms, ${(csvBytes / 1e6).toFixed(1)} MB text`)
    console.log(`HDF5 export + base64:  median ${median(h5Ms).toFixed(0)} ms, ${(h5Bytes / 1e6).toFixed(1)} MB base64`)
    console.log(`ratio HDF5 / CSV time: ${(median(h5Ms) / median(csvMs)).toFixed(2)}×, size: ${(h5Bytes / csvBytes).toFixed(2)}×`)
  } finally {
    await services.close()
  }
}

void main()
