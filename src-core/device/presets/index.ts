import sioxBianchi2023 from './siox-bianchi-2023.json'
import { parseDevicePreset } from '../preset-schema'
import type { DevicePreset } from '../types'

function frozen(p: DevicePreset): DevicePreset {
  if (p.hrsTable) {
    Object.freeze(p.hrsTable.vStopV)
    Object.freeze(p.hrsTable.lnRMedian)
    Object.freeze(p.hrsTable.lnRSigma)
    Object.freeze(p.hrsTable)
  }
  return Object.freeze(p)
}

/**
 * "SiOx 1T1R (Bianchi 2023)": fitted by device/fit.ts from data/bianchi-2023/*.csv
 * (regenerate with `npx tsx scripts/generate-preset.ts`). Validated and frozen at load.
 */
export const DEFAULT_PRESET: DevicePreset = frozen(parseDevicePreset(sioxBianchi2023))

/** Presets shipped with the workbench, by name. */
export const BUILTIN_PRESETS: readonly DevicePreset[] = Object.freeze([DEFAULT_PRESET])
