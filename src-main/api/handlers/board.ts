import type { Handlers } from './types'
import type { boardOps } from '../ops/board'

export const boardHandlers: Pick<Handlers, keyof typeof boardOps> = {}
