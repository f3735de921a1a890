import type { Handlers } from './types'
import type { presetsOps } from '../ops/presets'

export const presetsHandlers: Pick<Handlers, keyof typeof presetsOps> = {
  'presets.list': (_input, ctx) => ctx.services.presets.list(),
  'presets.save': (input, ctx) => {
    const saved = ctx.services.presets.save(input.preset, ctx.actor)
    ctx.services.events.emit('presets.changed', { names: [saved.name] })
    return saved
  },
  'presets.delete': (input, ctx) => {
    ctx.services.presets.delete(input.name, ctx.actor)
    ctx.services.events.emit('presets.changed', { names: [input.name] })
    return { deleted: input.name }
  },
  'presets.fit': (input, ctx) => {
    const sessions = input.sweepIds.map((id) => {
      const s = ctx.services.iv.get(id)
      return { id, name: s.name, analysis: ctx.services.iv.analysis(id), points: ctx.services.iv.points(id) }
    })
    return ctx.services.presets.fit(input.name, sessions, input.baseName)
  }
}
