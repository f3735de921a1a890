import type { RunSpec } from '../../../src-core/experiment'
import { ComparisonViewsRepo } from '../../services/store/comparison-views-repo'
import { cancelSweep, launchSweep, sweepResults } from '../../services/runs/sweep-runner'
import { SweepsRepo } from '../../services/store/sweeps-repo'
import type { runsOps } from '../ops/runs'
import type { CallContext, Handlers } from './types'

const views = new WeakMap<object, ComparisonViewsRepo>()
function viewsOf(ctx: CallContext): ComparisonViewsRepo {
  let repo = views.get(ctx.services.store)
  if (!repo) views.set(ctx.services.store, (repo = new ComparisonViewsRepo(ctx.services.store.db)))
  return repo
}

export const runsHandlers: Pick<Handlers, keyof typeof runsOps> = {
  'runs.list': (input, ctx) => {
    const all = input.ids ? ctx.services.store.runs.listByIds(input.ids) : ctx.services.store.runs.list()
    return input.status ? all.filter((r) => r.status === input.status) : all
  },
  'runs.get': (input, ctx) => ctx.services.store.runs.get(input.id),
  // As stored: a maze run's spec was validated (and made self-contained) before it was stored.
  'runs.spec': (input, ctx) => ctx.services.store.runs.spec(input.id) as RunSpec | Record<string, unknown>,
  'runs.trials': (input, ctx) => ctx.services.store.runs.trials(input.id),
  'runs.update': (input, ctx) => {
    const { id, ...patch } = input
    return ctx.services.store.runs.updateMeta(id, patch, ctx.actor)
  },
  'runs.delete': (input, ctx) => {
    ctx.services.store.runs.delete(input.id, ctx.actor)
    return { deleted: input.id }
  },
  'runs.start': (input, ctx) => ctx.services.runs.startSpec(input),
  'runs.pause': (input, ctx) => ctx.services.runs.pause(input.id),
  'runs.resume': (input, ctx) => ctx.services.runs.resume(input.id),
  'runs.cancel': (input, ctx) => ctx.services.runs.cancel(input.id),
  'runs.rerun': (input, ctx) => ctx.services.runs.rerun(input.id, input.seed, input.name),
  'runs.series': (input, ctx) => ctx.services.store.runs.series(input.ids, input.metric),
  'runs.snapshots': (input, ctx) => {
    ctx.services.store.runs.get(input.id)
    return ctx.services.runs.snapshots.list(input.id)
  },
  'runs.snapshot': (input, ctx) => ctx.services.runs.snapshots.get(input.id, input.trial),
  'runs.examples': (_input, ctx) => ctx.services.runs.examples(),
  'runs.startSweep': (input, ctx) => {
    const s = launchSweep(ctx.services.runs, ctx.services.store, input.sweep, input.name)
    return { sweepId: s.sweepId, cells: s.cells.length, runs: s.runIds.reduce((a, ids) => a + ids.length, 0) }
  },
  'runs.sweeps': (_input, ctx) => new SweepsRepo(ctx.services.store.db).list(),
  'runs.sweep': (input, ctx) => sweepResults(ctx.services.store, input.id),
  'runs.cancelSweep': (input, ctx) => cancelSweep(ctx.services.runs, ctx.services.store, input.id),
  'runs.views': (_input, ctx) => viewsOf(ctx).list(),
  'runs.view': (input, ctx) => {
    const v = viewsOf(ctx).get(input.name)
    return { name: v.name, view: v.view, updatedAt: v.updatedAt }
  },
  'runs.saveView': (input, ctx) => {
    const v = viewsOf(ctx).save(input.name, input.view)
    return { name: v.name, updatedAt: v.updatedAt }
  },
  'runs.deleteView': (input, ctx) => {
    viewsOf(ctx).delete(input.name)
    return { deleted: input.name }
  }
}
