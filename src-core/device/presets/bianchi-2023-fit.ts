import { fitPreset } from '../fit'
import { parseMeasurementCsv } from '../measurement-csv'
import type { FitReport } from '../fit-report'
import type { DevicePreset } from '../types'

export const BIANCHI_2023_PRESET_NAME = 'SiOx 1T1R (Bianchi 2023)'

/** The reference files, relative to the repository root. */
export const BIANCHI_2023_FILES = {
  lrsVsCompliance: 'data/bianchi-2023/siox-lrs-vs-compliance.csv',
  hrsVsVStop: 'data/bianchi-2023/siox-hrs-vs-vstop.csv',
  cycles: 'data/bianchi-2023/siox-lrs-hrs-cycles.csv'
} as const

/**
 * Fit the default preset from the texts of the three Bianchi 2023 CSV files, with the same code
 * that fits a user's measurements. Parameters the files do not give are UNMEASURED_DEFAULTS.
 */
export function fitBianchi2023(texts: Record<keyof typeof BIANCHI_2023_FILES, string>): { preset: DevicePreset; report: FitReport } {
  const lrs = parseMeasurementCsv(texts.lrsVsCompliance, 'lrs-vs-compliance')
  const hrs = parseMeasurementCsv(texts.hrsVsVStop, 'hrs-vs-vstop')
  const cycles = parseMeasurementCsv(texts.cycles, 'lrs-hrs-cycles')
  if (lrs.kind !== 'lrs-vs-compliance' || hrs.kind !== 'hrs-vs-vstop' || cycles.kind !== 'lrs-hrs-cycles') throw new Error('unreachable')
  return fitPreset({
    name: BIANCHI_2023_PRESET_NAME,
    source:
      'Fitted by rram-workbench (src-core/device/fit.ts) from ' +
      Object.values(BIANCHI_2023_FILES).join(', ') +
      ': source data of Bianchi et al., Nat. Commun. 14, 1565 (2023), doi 10.1038/s41467-023-37097-5. ' +
      'V_set, V_reset, forming, read voltage and noise, pulse width: our defaults (docs/device-model.md).',
    lrsVsCompliance: { iComplianceA: lrs.iComplianceA, rLrsOhm: lrs.rLrsOhm },
    hrsVsVStop: { vStopV: hrs.vStopV, rHrsOhm: hrs.rHrsOhm },
    cycles: { rLrsOhm: cycles.rLrsOhm, rHrsOhm: cycles.rHrsOhm }
  })
}
