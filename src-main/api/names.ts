import { ARRAYS_EVENTS, ARRAYS_OPERATIONS } from './names/arrays'
import { BOARD_EVENTS, BOARD_OPERATIONS } from './names/board'
import { IV_EVENTS, IV_OPERATIONS } from './names/iv'
import { MAZES_EVENTS, MAZES_OPERATIONS } from './names/mazes'
import { PAPER_EVENTS, PAPER_OPERATIONS } from './names/paper'
import { PRESETS_EVENTS, PRESETS_OPERATIONS } from './names/presets'
import { RUNS_EVENTS, RUNS_OPERATIONS } from './names/runs'
import { SLURM_EVENTS, SLURM_OPERATIONS } from './names/slurm'
import { SYSTEM_EVENTS, SYSTEM_OPERATIONS } from './names/system'

/**
 * Every operation and event channel by name, as plain strings (no zod), so the sandboxed preload
 * can expose one function per operation without bundling the schemas. contract.ts checks at compile
 * time that these lists and the contract agree. One file per domain in names/.
 */
export const OPERATION_NAMES = [
  ...SYSTEM_OPERATIONS,
  ...RUNS_OPERATIONS,
  ...MAZES_OPERATIONS,
  ...IV_OPERATIONS,
  ...ARRAYS_OPERATIONS,
  ...PRESETS_OPERATIONS,
  ...BOARD_OPERATIONS,
  ...SLURM_OPERATIONS,
  ...PAPER_OPERATIONS
] as const

export const EVENT_NAMES = [...SYSTEM_EVENTS, ...RUNS_EVENTS, ...MAZES_EVENTS, ...IV_EVENTS, ...ARRAYS_EVENTS, ...PRESETS_EVENTS, ...BOARD_EVENTS, ...SLURM_EVENTS, ...PAPER_EVENTS] as const

export type OperationName = (typeof OPERATION_NAMES)[number]
export type EventName = (typeof EVENT_NAMES)[number]
