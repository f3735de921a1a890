import { dispatch } from '../api/dispatch'
import type { Envelope } from '../api/schemas/envelope'
import { APP_VERSION } from '../app-info'
import type { Services } from '../services'

/** The one IPC channel of the API; the preload exposes one function per operation over it. */
export const API_CHANNEL = 'rram:op'
export const EVENT_CHANNEL = 'rram:event'

export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown): void
}

/** Only our own renderer's top frame may call: the packaged file or the dev server's URL. */
export function isTrustedSender(frameUrl: string | undefined, rendererUrl: string): boolean {
  if (!frameUrl) return false
  try {
    const a = new URL(frameUrl)
    const b = new URL(rendererUrl)
    if (a.protocol === 'file:') return b.protocol === 'file:' && a.pathname === b.pathname
    return a.origin === b.origin
  } catch {
    return false
  }
}

export function registerApiIpc(ipcMain: IpcMainLike, services: Services, rendererUrl: string): void {
  const ctx = { services, transport: 'desktop' as const, actor: 'desktop', appVersion: APP_VERSION }
  ipcMain.handle(API_CHANNEL, async (event, name, input): Promise<Envelope<unknown>> => {
    if (!isTrustedSender(event.senderFrame?.url, rendererUrl)) return { ok: false, error: { code: 'unauthorized', message: 'calls are accepted only from the workbench window' } }
    return dispatch(ctx, name, input)
  })
}
