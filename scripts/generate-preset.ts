/**
 * Produce the default device preset from the reference measurements:
 *   npx tsx scripts/generate-preset.ts
 * reads data/bianchi-2023/*.csv, fits with src-core/device/fit.ts and writes
 * src-core/device/presets/siox-bianchi-2023.json (committed; a spec test checks it is not stale).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BIANCHI_2023_FILES, fitBianchi2023 } from '../src-core/device/presets/bianchi-2023-fit'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'src-core/device/presets/siox-bianchi-2023.json')

const texts = {
  lrsVsCompliance: readFileSync(join(root, BIANCHI_2023_FILES.lrsVsCompliance), 'utf8'),
  hrsVsVStop: readFileSync(join(root, BIANCHI_2023_FILES.hrsVsVStop), 'utf8'),
  cycles: readFileSync(join(root, BIANCHI_2023_FILES.cycles), 'utf8')
}
const { preset, report } = fitBianchi2023(texts)
// Write to a temporary file, then rename: never a half-written preset.
writeFileSync(out + '.tmp', JSON.stringify(preset, null, 2) + '\n')
renameSync(out + '.tmp', out)

console.log(`wrote ${out}`)
for (const s of report.sections) {
  console.log(`\n${s.title}`)
  for (const [k, v] of Object.entries(s.parameters)) console.log(`  ${k} = ${v.toPrecision(6)}`)
  for (const series of s.series) {
    if (series.residualKind !== 'relative') continue
    const worst = Math.max(...series.residual.map(Math.abs))
    console.log(`  ${series.label}: worst |data/model − 1| = ${(100 * worst).toFixed(1)} %`)
  }
}
console.log(`\nnot fitted (defaults): ${report.unfittedFields.join(', ')}`)
