import { runsHandlers } from './runs'
import { systemHandlers } from './system'
import type { Handlers } from './types'

export type { CallContext, Handlers } from './types'

/** Operation → service call, for every operation of the contract. */
export const handlers: Handlers = {
  ...systemHandlers,
  ...runsHandlers
}
