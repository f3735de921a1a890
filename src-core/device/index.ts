export type { DeviceCounters, DeviceModel, DevicePreset, HrsTable } from './types'
export { createDeviceModel, drawD2dFactor, lrsMedianOhm, lrsSigmaAt, hrsLnMedianAt, hrsSigmaAt, lrsMeanOhm, hrsMeanOhm } from './model'
export { Cell } from './cell'
export { UNMEASURED_DEFAULTS } from './defaults'
export { devicePresetSchema, hrsTableSchema, parseDevicePreset, DevicePresetError } from './preset-schema'
export {
  simulateSweep,
  sweepPointsPerCycle,
  BRANCH_NAMES,
  BRANCH_SET_UP,
  BRANCH_SET_DOWN,
  BRANCH_RESET_DOWN,
  BRANCH_RESET_UP,
  type BranchName,
  type SweepSpec,
  type SweepOptions,
  type SweepTrace
} from './iv-sweep'
export { extractCycles, type IvData, type ExtractOptions, type CycleExtraction } from './extract'
export { fitPreset, fitLrsVsCompliance, fitHrsVsVStop, fitCycles, fitSweeps, FitInputError, type FitInputs } from './fit'
export type { FitReport, FitSection, FitSeries, FitSectionId } from './fit-report'
export { parseMeasurementCsv, MeasurementCsvError, type Measurement, type MeasurementKind } from './measurement-csv'
export { DEFAULT_PRESET, BUILTIN_PRESETS } from './presets'
