import type { Handlers } from './types'
import type { presetsOps } from '../ops/presets'

export const presetsHandlers: Pick<Handlers, keyof typeof presetsOps> = {}
