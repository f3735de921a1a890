import type { z } from 'zod'
import { arraysEvents, arraysOps } from './ops/arrays'
import { boardEvents, boardOps } from './ops/board'
import { ivEvents, ivOps } from './ops/iv'
import { mazesEvents, mazesOps } from './ops/mazes'
import { paperEvents, paperOps } from './ops/paper'
import { presetsEvents, presetsOps } from './ops/presets'
import { runsEvents, runsOps } from './ops/runs'
import { slurmEvents, slurmOps } from './ops/slurm'
import { systemEvents, systemOps } from './ops/system'
import type { EventName, OperationName } from './names'

export { OPERATION_NAMES, EVENT_NAMES } from './names'
export type { OperationName, EventName } from './names'

/** Every operation of the workbench, once: name → zod input and output. */
export const operations = {
  ...systemOps,
  ...runsOps,
  ...mazesOps,
  ...ivOps,
  ...arraysOps,
  ...presetsOps,
  ...boardOps,
  ...slurmOps,
  ...paperOps
}

/** Every event channel main pushes to the renderer, with its payload schema. */
export const events = {
  ...systemEvents,
  ...runsEvents,
  ...mazesEvents,
  ...ivEvents,
  ...arraysEvents,
  ...presetsEvents,
  ...boardEvents,
  ...slurmEvents,
  ...paperEvents
}

type Operations = typeof operations
export type Input<N extends OperationName> = z.input<Operations[N]['input']>
export type ParsedInput<N extends OperationName> = z.output<Operations[N]['input']>
export type Output<N extends OperationName> = z.output<Operations[N]['output']>
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>

// Compile-time check: names.ts lists exactly the contract's operations and events.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never
const namesMatch: Same<keyof Operations, OperationName> = true
const eventsMatch: Same<keyof typeof events, EventName> = true
void namesMatch
void eventsMatch
