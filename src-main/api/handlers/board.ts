import type { Handlers } from './types'
import type { boardOps } from '../ops/board'
import type { InstrumentService } from '../../services/instruments/instrument-service'

const linkStatus = (instruments: InstrumentService) => {
  const s = instruments.status()
  return { instrumentBackend: s.backend, link: s.link }
}

// Errors map in dispatch.ts's table: a job holding the instrument (BUSY) is a conflict, not a fault.
export const boardHandlers: Pick<Handlers, keyof typeof boardOps> = {
  'board.ports': async (_input, ctx) =>
    (await ctx.services.instruments.listPorts()).map((p) => ({
      path: p.path,
      kind: p.kind,
      target: p.target ?? null,
      manufacturer: p.manufacturer ?? null,
      serialNumber: p.serialNumber ?? null
    })),
  'board.connect': async (input, ctx) => {
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
  },
  'board.connectSmu': async (input, ctx) => {
    const instruments = ctx.services.instruments
    await instruments.connectSmu({ ...input, ...(input.baudRate === undefined ? {} : { baudRate: input.baudRate }) })
    const id = instruments.status().identity!
    return { status: linkStatus(instruments), firmwareName: id.firmwareName, firmwareVersion: id.firmwareVersion, limits: id.limits }
  },
  'board.disconnect': async (_input, ctx) => {
    await ctx.services.instruments.disconnect()
    return linkStatus(ctx.services.instruments)
  },
  'board.status': (_input, ctx) => linkStatus(ctx.services.instruments)
}
