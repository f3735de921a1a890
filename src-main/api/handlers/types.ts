import type { OperationName, Output, ParsedInput } from '../contract'
import type { Services } from '../../services'

export interface CallContext {
  services: Services
  transport: 'desktop' | 'lab-host' | 'cli'
  /** Who is calling, for the audit log (e.g. "lab-host 127.0.0.1" or "desktop"). */
  actor: string
  appVersion: string
}

export type Handler<N extends OperationName> = (input: ParsedInput<N>, ctx: CallContext) => Output<N> | Promise<Output<N>>

/** One handler per operation; a missing one is a compile error. */
export type Handlers = { [N in OperationName]: Handler<N> }
