import type { Handlers } from './types'

export const systemHandlers: Pick<Handlers, 'system.info' | 'system.ping' | 'audit.recent'> = {
  'system.info': (_input, ctx) => ({
    appVersion: ctx.appVersion,
    transport: ctx.transport,
    dbFile: ctx.services.dbFile,
    instrumentBackend: ctx.services.instrumentBackend,
    interruptedAtOpen: ctx.services.store.interruptedAtOpen
  }),
  'system.ping': (input) => ({ nonce: input.nonce, serverTime: new Date().toISOString() }),
  'audit.recent': (input, ctx) => ctx.services.store.audit.recent(input.limit)
}
