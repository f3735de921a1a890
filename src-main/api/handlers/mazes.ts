import type { Handlers } from './types'
import type { mazesOps } from '../ops/mazes'

export const mazesHandlers: Pick<Handlers, keyof typeof mazesOps> = {}
