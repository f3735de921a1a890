import type { Handlers } from './types'
import type { boardOps } from '../ops/board'
import { guarded } from './iv'
import { ApiFailure } from '../dispatch'
import { InstrumentError } from '../../services/instruments/errors'
import type { InstrumentService } from '../../services/instruments/instrument-service'

const linkStatus = (instruments: InstrumentService) => {
  const s = instruments.status()
  return { instrumentBackend: s.backend, link: s.link }
}

/** A job holding the instrument is a conflict (stop it first), not an instrument fault. */
async function changing<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f()
  } catch (e) {
    if (e instanceof InstrumentError && e.code === 'BUSY') throw new ApiFailure('conflict', e.message)
    throw e
  }
}

export const boardHandlers: Pick<Handlers, keyof typeof boardOps> = {
  'board.ports': (_input, ctx) =>
    guarded(async () =>
      (await ctx.services.instruments.listPorts()).map((p) => ({
        path: p.path,
        kind: p.kind,
        target: p.target ?? null,
        manufacturer: p.manufacturer ?? null,
        serialNumber: p.serialNumber ?? null
      }))
    ),
  'board.connect': (input, ctx) =>
    guarded(() =>
      changing(async () => {
        const instruments = ctx.services.instruments
        await instruments.connect({ backend: `serial:${input.path}`, baudRate: input.baudRate })
        const id = instruments.status().identity!
        return {
          status: linkStatus(instruments),
          firmwareName: id.firmwareName,
          firmwareVersion: id.firmwareVersion,
          protocolVersion: id.protocolVersion,
          rows: id.rows,
          cols: id.cols,
          limits: id.limits
        }
      })
    ),
  'board.connectSmu': (input, ctx) =>
    guarded(() =>
      changing(async () => {
        const instruments = ctx.services.instruments
        await instruments.connectSmu({ ...input, ...(input.baudRate === undefined ? {} : { baudRate: input.baudRate }) })
        const id = instruments.status().identity!
        return { status: linkStatus(instruments), firmwareName: id.firmwareName, firmwareVersion: id.firmwareVersion, limits: id.limits }
      })
    ),
  'board.disconnect': (_input, ctx) =>
    guarded(() =>
      changing(async () => {
        await ctx.services.instruments.disconnect()
        return linkStatus(ctx.services.instruments)
      })
    ),
  'board.status': (_input, ctx) => linkStatus(ctx.services.instruments)
}
