export { RramArray, MAX_ARRAY_SIDE, checkGeometry, type ArrayGeometry, type ArrayOptions, type InitialCellState, type RramArrayState } from './array-state'
export { CellProgrammer, ACTION_READ, ACTION_SET, ACTION_RESET, ACTION_FORM, ACTION_DONE, type CellAction } from './cell-programmer'
export { defaultProgramParams, checkProgramParams, type ProgramAlgorithm, type ProgramParams } from './program-params'
export {
  programCells,
  recordCell,
  newProgramMaps,
  newProgramTotals,
  binaryThresholdS,
  complianceForConductanceA,
  checkTargetForAlgorithm,
  type ProgramMaps,
  type ProgramTotals
} from './program-array'
export { PulseLog, encodeLog, decodeLog, LOG_ENTRY_BYTES, OP_READ, OP_SET, OP_RESET, OP_FORM, OP_NAMES, type OpName, type LogEntry } from './pulse-log'
export {
  checkerboardTarget,
  gradientTarget,
  quantizedTarget,
  placeOnArray,
  defaultLevelsS,
  checkLevels,
  targetConductanceS,
  MAX_LEVELS,
  type TargetMap
} from './targets'
export { parseNumericCsv, NumericCsvError, type NumericMatrix } from './numeric-csv'
export { yieldAt, yieldCurve, levelHistograms, summarizeMaps, type LevelHistogram, type ProgramSummary } from './map-stats'
export { readArrayMap, type ReadMap } from './read-map'
export { retentionSeries, logTimes, DEFAULT_DRIFT, type DriftModel, type RetentionOptions, type RetentionSeries } from './retention'
