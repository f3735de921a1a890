import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { fitPreset, FitInputError, type FitInputs } from '../../../src-core/device/fit'
import { parseMeasurementCsv, MeasurementCsvError, type MeasurementKind } from '../../../src-core/device/measurement-csv'
import { DevicePresetError } from '../../../src-core/device/preset-schema'
import { DEFAULT_PRESET } from '../../../src-core/device/presets'
import { fail } from '../options'

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
  const m = parseMeasurementCsv(text, expected)
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

const fmt = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(4) : String(Number(v.toPrecision(5))))

/** `device fit FILE --kind iv|lrs-vs-ic|hrs-vs-vstop|cycles [--json]`. */
export function registerDevice(program: Command): void {
  const device = program.command('device').description('device characterization: fit presets from measurement files')
  device
    .command('fit <file>')
    .description('fit a device preset from a measurement CSV (docs/device-model.md formats) with the code that fits the default SiOx preset')
    .requiredOption('--kind <kind>', 'iv | lrs-vs-ic | hrs-vs-vstop | cycles')
    .option('--name <name>', 'name of the fitted preset')
    .option('--json', 'print { preset, report } as JSON')
    .action((file: string, opts: { kind: string; name?: string; json?: boolean }) => {
      if (!fs.existsSync(file)) fail(`${file}: no such file`)
      let result: ReturnType<typeof fitPreset>
      try {
        result = fitFile(file, opts.kind, opts.name)
      } catch (e) {
        if (e instanceof MeasurementCsvError || e instanceof FitInputError || e instanceof DevicePresetError) fail(`${file}: ${e.message}`)
        throw e
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
      out.push('Use --json for the preset itself.')
      process.stdout.write(out.join('\n') + '\n')
    })
}
