import type { Handlers } from './types'
import type { ivOps } from '../ops/iv'
import { ApiFailure } from '../dispatch'
import { InstrumentError } from '../../services/instruments/errors'
import { FitInputError } from '../../../src-core/device/fit'
import { DevicePresetError } from '../../../src-core/device/preset-schema'

/** Expected failures of instruments and fits, as API errors naming the field. */
export function asApiFailure(e: unknown): unknown {
  if (e instanceof InstrumentError) return new ApiFailure(e.code === 'LIMIT' ? 'limit' : 'instrument', `${e.code}: ${e.message}`, e.field)
  if (e instanceof FitInputError) return new ApiFailure('invalid-input', e.message, e.field)
  if (e instanceof DevicePresetError) return new ApiFailure('invalid-input', e.message, e.issues[0]?.field)
  if (e instanceof RangeError) return new ApiFailure('invalid-input', e.message)
  return e
}

export async function guarded<T>(f: () => T | Promise<T>): Promise<T> {
  try {
    return await f()
  } catch (e) {
    throw asApiFailure(e)
  }
}

export const ivHandlers: Pick<Handlers, keyof typeof ivOps> = {
  'iv.start': (input, ctx) => guarded(() => ctx.services.iv.start(input)),
  'iv.stop': (input, ctx) => ctx.services.iv.stop(input.id),
  'iv.list': (_input, ctx) => ctx.services.iv.list(),
  'iv.get': (input, ctx) => ctx.services.iv.get(input.id),
  'iv.points': (input, ctx) => {
    const p = ctx.services.iv.points(input.id)
    return { cycle: Array.from(p.cycle), vV: Array.from(p.vV), iA: Array.from(p.iA), compliance: Array.from(p.compliance) }
  },
  'iv.analysis': (input, ctx) => guarded(() => ctx.services.iv.analysis(input.id)),
  'iv.previewCsv': (input, ctx) => ctx.services.iv.preview(input.text),
  'iv.importCsv': (input, ctx) => guarded(() => ctx.services.iv.importCsv(input, ctx.actor)),
  'iv.exportCsv': (input, ctx) => ctx.services.iv.exportCsv(input.id),
  'iv.exportHdf5': async (input, ctx) => {
    const { fileName, bytes } = await ctx.services.iv.exportHdf5(input.id)
    return { fileName, base64: bytes.toString('base64') }
  }
}
