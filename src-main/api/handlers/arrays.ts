import type { Handlers } from './types'
import type { arraysOps } from '../ops/arrays'

export const arraysHandlers: Pick<Handlers, keyof typeof arraysOps> = {}
