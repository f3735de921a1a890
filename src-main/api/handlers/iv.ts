import type { Handlers } from './types'
import type { ivOps } from '../ops/iv'

export const ivHandlers: Pick<Handlers, keyof typeof ivOps> = {
  'iv.start': (input, ctx) => ctx.services.iv.start(input),
  'iv.stop': (input, ctx) => ctx.services.iv.stop(input.id),
  'iv.list': (_input, ctx) => ctx.services.iv.list(),
  'iv.get': (input, ctx) => ctx.services.iv.get(input.id),
  'iv.points': (input, ctx) => {
    const p = ctx.services.iv.points(input.id)
    return { cycle: Array.from(p.cycle), vV: Array.from(p.vV), iA: Array.from(p.iA), compliance: Array.from(p.compliance) }
  },
  'iv.analysis': (input, ctx) => ctx.services.iv.analysis(input.id),
  'iv.previewCsv': (input, ctx) => ctx.services.iv.preview(input.text),
  'iv.importCsv': (input, ctx) => ctx.services.iv.importCsv(input, ctx.actor),
  'iv.rename': (input, ctx) => ctx.services.iv.rename(input.id, input.name, ctx.actor),
  'iv.delete': (input, ctx) => ctx.services.iv.delete(input.id, ctx.actor),
  'iv.exportCsv': (input, ctx) => ctx.services.iv.exportCsv(input.id),
  'iv.exportHdf5': async (input, ctx) => {
    const { fileName, bytes } = await ctx.services.iv.exportHdf5(input.id)
    return { fileName, base64: bytes.toString('base64') }
  }
}
