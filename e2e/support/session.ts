import { test } from '@playwright/test'
import type { Browser, Page } from 'playwright-core'
import { launchChromium } from './chromium'
import { startHost, type RunningHost } from './lab-host'

export interface LabSession {
  host: RunningHost
  browser: Browser
}

/**
 * One real lab host (temporary SQLite file) and one Chromium for the spec file: started before its
 * first test, stopped after its last. Read `session.host` / `session.browser` inside tests and hooks.
 */
export function useLabSession(): LabSession {
  const session = {} as LabSession
  test.beforeAll(async () => {
    session.host = await startHost()
    session.browser = await launchChromium()
  })
  test.afterAll(async () => {
    await session.browser?.close()
    await session.host?.stop()
  })
  return session
}

/** One API call over the lab host's WebSocket, made from inside the page as the app's client does. */
export async function pageApiCall<T>(page: Page, token: string, op: string, input: unknown): Promise<T> {
  const reply = await page.evaluate(
    async ({ token, op, input }) => {
      const ws = new WebSocket(`ws://${location.host}/api?token=${token}`)
      await new Promise((r) => (ws.onopen = r))
      // Events (e.g. runs.progress) share the socket: wait for the reply to our request id.
      const answer = new Promise<{ result: { ok: boolean; value?: unknown; error?: { message: string } } }>((r) => {
        ws.onmessage = (e) => {
          const msg = JSON.parse(String(e.data))
          if (msg.id === 1) r(msg)
        }
      })
      ws.send(JSON.stringify({ id: 1, op, input }))
      const msg = await answer
      ws.close()
      return msg.result
    },
    { token, op, input }
  )
  if (!reply.ok) throw new Error(`${op}: ${reply.error?.message}`)
  return reply.value as T
}
