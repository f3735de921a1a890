import type { Handlers } from './types'
import type { ivOps } from '../ops/iv'

export const ivHandlers: Pick<Handlers, keyof typeof ivOps> = {}
