import type { Handlers } from './types'
import type { boardOps } from '../ops/board'
import { guarded } from './iv'
import { ApiFailure } from '../dispatch'

export const boardHandlers: Pick<Handlers, keyof typeof boardOps> = {
  'board.ports': (_input, ctx) => guarded(() => ctx.services.bench.listPorts()),
  'board.connect': (input, ctx) =>
    guarded(async () => {
      if (ctx.services.iv.runningId !== null) throw new ApiFailure('conflict', `I–V session ${ctx.services.iv.runningId} is running: stop it before changing the instrument`)
      const id = await ctx.services.bench.connectSerial(input.path, input.baudRate)
      return {
        status: ctx.services.bench.status,
        firmwareName: id.firmwareName,
        firmwareVersion: id.firmwareVersion,
        protocolVersion: id.protocolVersion,
        rows: id.rows,
        cols: id.cols,
        limits: id.limits
      }
    }),
  'board.disconnect': async (_input, ctx) => {
    if (ctx.services.iv.runningId !== null) throw new ApiFailure('conflict', `I–V session ${ctx.services.iv.runningId} is running: stop it before changing the instrument`)
    await ctx.services.bench.disconnect()
    return ctx.services.bench.status
  },
  'board.status': (_input, ctx) => ctx.services.bench.status
}
