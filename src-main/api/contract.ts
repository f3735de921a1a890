import { z } from 'zod'
import { runsOps } from './ops/runs'
import { systemOps } from './ops/system'
import type { EventName, OperationName } from './names'
import { runStatusSchema } from './schemas/run'

export { OPERATION_NAMES, EVENT_NAMES } from './names'
export type { OperationName, EventName } from './names'

/** Every operation of the workbench, once: name → zod input and output. */
export const operations = {
  ...systemOps,
  ...runsOps
}

/** Every event channel main pushes to the renderer, with its payload schema. */
export const events = {
  /** Status-bar facts that change: instrument back end and link state. */
  status: z.object({ instrumentBackend: z.string(), link: z.enum(['none', 'connecting', 'ready', 'busy', 'lost']) }),
  /** A run's progress: the newest trial count and its status. */
  'runs.progress': z.object({ runId: z.number().int(), trial: z.number().int(), of: z.number().int(), status: runStatusSchema })
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
