import { arraysHandlers } from './arrays'
import { boardHandlers } from './board'
import { ivHandlers } from './iv'
import { mazesHandlers } from './mazes'
import { paperHandlers } from './paper'
import { presetsHandlers } from './presets'
import { runsHandlers } from './runs'
import { slurmHandlers } from './slurm'
import { systemHandlers } from './system'
import type { Handlers } from './types'

export type { CallContext, Handlers } from './types'

/** Operation → service call, for every operation of the contract. */
export const handlers: Handlers = {
  ...systemHandlers,
  ...runsHandlers,
  ...mazesHandlers,
  ...ivHandlers,
  ...arraysHandlers,
  ...presetsHandlers,
  ...boardHandlers,
  ...slurmHandlers,
  ...paperHandlers
}
