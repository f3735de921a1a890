import type { Handlers } from './types'

export const runsHandlers: Pick<Handlers, 'runs.list' | 'runs.get' | 'runs.spec' | 'runs.trials' | 'runs.update' | 'runs.delete'> = {
  'runs.list': (input, ctx) => {
    const all = ctx.services.store.runs.list()
    return input.status ? all.filter((r) => r.status === input.status) : all
  },
  'runs.get': (input, ctx) => ctx.services.store.runs.get(input.id),
  'runs.spec': (input, ctx) => ctx.services.store.runs.spec(input.id),
  'runs.trials': (input, ctx) => ctx.services.store.runs.trials(input.id),
  'runs.update': (input, ctx) => {
    const { id, ...patch } = input
    return ctx.services.store.runs.updateMeta(id, patch, ctx.actor)
  },
  'runs.delete': (input, ctx) => {
    ctx.services.store.runs.delete(input.id, ctx.actor)
    return { deleted: input.id }
  }
}
