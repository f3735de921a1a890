/**
 * Every operation and event channel by name, as plain strings (no zod), so the sandboxed preload
 * can expose one function per operation without bundling the schemas. contract.ts checks at compile
 * time that this list and the contract agree.
 */
export const OPERATION_NAMES = [
  'system.info',
  'system.ping',
  'audit.recent',
  'runs.list',
  'runs.get',
  'runs.spec',
  'runs.trials',
  'runs.update',
  'runs.delete'
] as const

export const EVENT_NAMES = ['status', 'runs.progress'] as const

export type OperationName = (typeof OPERATION_NAMES)[number]
export type EventName = (typeof EVENT_NAMES)[number]
