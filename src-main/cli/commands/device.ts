import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { fitPreset, FitInputError, type FitInputs } from '../../../src-core/device/fit'
import { parseMeasurementCsv, MeasurementCsvError, type MeasurementKind } from '../../../src-core/device/measurement-csv'
import { DevicePresetError } from '../../../src-core/device/preset-schema'
import { DEFAULT_PRESET } from '../../../src-core/device/presets'
import { fail } from '../options'
import { formatNumber } from '../../../src-core/format/si'
import { convertCsv, previewCsv, type ColumnMapping } from '../../services/iv/import-csv'
import { Services } from '../../services'
import { InputError } from '../../services/errors'
import { StoreError } from '../../services/store/errors'

const KINDS: Record<string, MeasurementKind> = {
  iv: 'iv-sweep',
  'lrs-vs-ic': 'lrs-vs-compliance',
  'hrs-vs-vstop': 'hrs-vs-vstop',
  cycles: 'lrs-hrs-cycles'
}

/** Fit a preset from one measurement file; what the file does not determine comes from the default SiOx preset. */
export function fitFile(file: string, kind: string, name?: string): ReturnType<typeof fitPreset> {
  const expected = KINDS[kind]
  if (!expected) throw new FitInputError('--kind', `expected one of ${Object.keys(KINDS).join(', ')}, got "${kind}"`)
  const text = fs.readFileSync(file, 'utf8')
  const m = expected === 'iv-sweep' ? parseIvFile(text) : parseMeasurementCsv(text, expected)
  const { name: _n, source: _s, ...base } = DEFAULT_PRESET
  void _n
  void _s
  const inputs: FitInputs = {
    name: name ?? `Fitted from ${path.basename(file)}`,
    source: `Fitted by rram-workbench (src-core/device/fit.ts) from ${path.basename(file)} (${kind}); other fields from "${DEFAULT_PRESET.name}".`,
    base: { ...base }
  }
  switch (m.kind) {
    case 'iv-sweep':
      inputs.sweeps = [{ v: m.v, i: m.i, ...(m.cycle ? { cycle: m.cycle } : {}) }]
      break
    case 'lrs-vs-compliance':
      inputs.lrsVsCompliance = { iComplianceA: m.iComplianceA, rLrsOhm: m.rLrsOhm }
      break
    case 'hrs-vs-vstop':
      inputs.hrsVsVStop = { vStopV: m.vStopV, rHrsOhm: m.rHrsOhm }
      break
    case 'lrs-hrs-cycles':
      inputs.cycles = { rLrsOhm: m.rLrsOhm, rHrsOhm: m.rHrsOhm }
      break
  }
  return fitPreset(inputs)
}

const fmt = (v: number) => formatNumber(v, 5)

/**
 * An I–V file in the documented two-column format, or else as the I–V panel imports it: PyMeasure
 * `#` headers, named columns with units ("Voltage (V)", "Current (mA)"), a cycle column; the columns
 * are guessed as the import dialog guesses them.
 */
function parseIvFile(text: string): ReturnType<typeof parseMeasurementCsv> {
  try {
    return parseMeasurementCsv(text, 'iv-sweep')
  } catch (first) {
    let guess: Partial<ColumnMapping>
    try {
      guess = previewCsv(text).guess
    } catch {
      throw first
    }
    if (guess.v === undefined || guess.v === null || guess.i === undefined || guess.i === null) throw first
    const mapping: ColumnMapping = { vUnit: 'V', iUnit: 'A', ...guess, v: guess.v, i: guess.i }
    try {
      // convertCsv gives |I| files their sign back and says whether it did.
      const { points, currentWasMagnitude } = convertCsv(text, mapping, DEFAULT_PRESET.vReadV)
      return { kind: 'iv-sweep', v: Float64Array.from(points.vV), i: Float64Array.from(points.iA), cycle: mapping.cycle != null ? Uint32Array.from(points.cycle) : null, currentWasMagnitude }
    } catch (e) {
      throw e instanceof InputError ? new FitInputError('columns', e.message) : e
    }
  }
}

/** `device fit FILE --kind iv|lrs-vs-ic|hrs-vs-vstop|cycles [--json]`. */
export function registerDevice(program: Command): void {
  const device = program.command('device').description('device characterization: fit presets from measurement files')
  device
    .command('fit <file>')
    .description('fit a device preset from a measurement CSV (docs/device-model.md formats) with the code that fits the default SiOx preset')
    .requiredOption('--kind <kind>', 'iv | lrs-vs-ic | hrs-vs-vstop | cycles')
    .option('--name <name>', 'name of the fitted preset')
    .option('--json', 'print { preset, report } as JSON')
    .option('--db <file>', 'also store the fitted preset in this lab notebook (its preset library; audited)')
    .action(async (file: string, opts: { kind: string; name?: string; json?: boolean; db?: string }) => {
      if (!fs.existsSync(file)) fail(`${file}: no such file`)
      let result: ReturnType<typeof fitPreset>
      try {
        result = fitFile(file, opts.kind, opts.name)
      } catch (e) {
        if (e instanceof MeasurementCsvError || e instanceof StoreError || e instanceof InputError || e instanceof FitInputError || e instanceof DevicePresetError) fail(`${file}: ${e.message}`)
        throw e
      }
      if (opts.db) {
        const services = new Services({ dbFile: opts.db })
        try {
          services.presets.save(result.preset, 'cli')
        } catch (e) {
          await services.close()
          fail(`${opts.db}: the preset was not stored: ${(e as Error).message}`)
        }
        await services.close()
      }
      if (opts.json) {
        process.stdout.write(JSON.stringify(result, null, 2) + '\n')
        return
      }
      const out: string[] = [`Preset "${result.preset.name}" fitted from ${file} (${opts.kind})`]
      for (const s of result.report.sections) {
        out.push('', s.title)
        for (const [k, v] of Object.entries(s.parameters)) out.push(`  ${k.padEnd(26)} ${fmt(v)}`)
        for (const n of s.notes) out.push(`  note: ${n}`)
      }
      out.push('', `Not fitted (from "${DEFAULT_PRESET.name}"): ${result.report.unfittedFields.join(', ')}`)
      out.push(opts.db ? `Stored in the preset library of ${opts.db}.` : 'Use --json for the preset itself; --db FILE stores it in a notebook.')
      process.stdout.write(out.join('\n') + '\n')
    })
}
