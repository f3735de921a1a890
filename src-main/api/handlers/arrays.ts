import type { Handlers } from './types'
import type { arraysOps } from '../ops/arrays'

export const arraysHandlers: Pick<Handlers, keyof typeof arraysOps> = {
  'arrays.list': (_input, ctx) => ctx.services.arrays.list(),
  'arrays.create': (input, ctx) => ctx.services.arrays.create(input),
  'arrays.attach': (input, ctx) => ctx.services.arrays.attach(input),
  'arrays.detach': (input, ctx) => ctx.services.arrays.detach(input.id),
  'arrays.read': (input, ctx) => ctx.services.arrays.read(input.id, input.repeats, input.vReadV),
  'arrays.program': (input, ctx) => ctx.services.arrays.program(input),
  'arrays.cancel': (input, ctx) => ctx.services.arrays.cancel(input.runId),
  'arrays.programs': (input, ctx) => ctx.services.arrays.programs(input.arrayId),
  'arrays.result': (input, ctx) => ctx.services.arrays.result(input.runId),
  'arrays.map': (input, ctx) => ctx.services.arrays.map(input.runId, input.kind),
  'arrays.cellLog': (input, ctx) => ctx.services.arrays.cellLog(input.runId, input.row, input.col),
  'arrays.retention': (input, ctx) => ctx.services.arrays.retention(input.runId, input.timesS, input.drift, input.cellsPerLevel)
}
