import type { paperOps } from '../ops/paper'
import type { Handlers } from './types'

/** The Paper view: the paper's figures reproduced on the runs service (services/reproduce). */
export const paperHandlers: Pick<Handlers, keyof typeof paperOps> = {
  'paper.run': (input, ctx) => ctx.services.reproduce.start({ figures: input.figures, seeds: input.seeds }),
  'paper.status': (_input, ctx) => ({ reproduction: ctx.services.reproduce.status(), latest: ctx.services.reproduce.latest() }),
  'paper.cancel': (_input, ctx) => ctx.services.reproduce.cancel(),
  'paper.report': (_input, ctx) => ctx.services.reproduce.report()
}
