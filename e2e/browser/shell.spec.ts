import { test, expect } from '@playwright/test'
import type { Page } from 'playwright-core'
import { screenshot } from '../support/screenshots'
import { useLabSession } from '../support/session'

const session = useLabSession()
let page: Page

test.beforeEach(async () => {
  page = await session.browser.newPage({ viewport: { width: 1440, height: 900 } })
})
test.afterEach(async () => page?.close())

const PANELS = [
  { id: 'iv', title: 'I–V characterization' },
  { id: 'array', title: 'Array programming' },
  { id: 'maze', title: 'Maze design' },
  { id: 'runs', title: 'Runs & comparison' }
]

test('the shell shows four panels and a status bar naming transport, notebook and instrument', async () => {
  await page.goto(session.host.url)
  const status = page.getByRole('status', { name: 'Status bar' })
  await expect(status.locator('[data-status="transport"]')).toContainText('Lab host · connected')
  await expect(status.locator('[data-status="db"]')).toContainText(session.host.dbFile)
  await expect(status.locator('[data-status="backend"]')).toContainText('Simulated instruments')
  // Layout: the panel fills the width beside the navigation, the status bar the whole window.
  const nav = (await page.locator('nav.nav-rail').boundingBox())!
  const main = (await page.locator('main').boundingBox())!
  const bar = (await status.boundingBox())!
  expect(Math.abs(main.x - (nav.x + nav.width))).toBeLessThan(2)
  expect(main.x + main.width).toBeGreaterThan(1440 - 2)
  expect(bar.x).toBeLessThan(2)
  expect(bar.width).toBeGreaterThan(1440 - 2)
  for (const p of PANELS) {
    await page.locator(`nav [data-panel="${p.id}"]`).click()
    await expect(page).toHaveURL(new RegExp(`#/${p.id}$`))
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(p.title)
    await screenshot(page, `shell-${p.id}`)
  }
})

test('hash routing survives a reload and the browser back button', async () => {
  await page.goto(`${session.host.url}#/maze`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Maze design')
  await page.locator('nav [data-panel="runs"]').click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Runs & comparison')
  await page.goBack()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Maze design')
  await page.reload()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Maze design')
})

test('a page opened without the token cannot reach the API, and the host logs the refusal', async () => {
  await page.goto(session.host.origin + '/#/runs')
  await expect(page.locator('[data-status="transport"]')).toContainText(/connecting|lost|not connected/)
  await expect.poll(() => session.host.stderr.some((l) => /refused a WebSocket .*no token/.test(l))).toBe(true)
})

test('a bad request gets an error envelope with code, message and field, and the connection stays up', async () => {
  await page.goto(`${session.host.url}#/runs`)
  await expect(page.locator('[data-status="transport"]')).toContainText('connected')
  // Ask for a run that does not exist, from inside the page, then check the socket still answers.
  const result = await page.evaluate(async (token) => {
    const ws = new WebSocket(`ws://${location.host}/api?token=${token}`)
    await new Promise((r) => (ws.onopen = r))
    const reply = new Promise<string>((r) => (ws.onmessage = (e) => r(String(e.data))))
    ws.send(JSON.stringify({ id: 1, op: 'runs.get', input: { id: 424242 } }))
    const first = JSON.parse(await reply)
    const again = new Promise<string>((r) => (ws.onmessage = (e) => r(String(e.data))))
    ws.send(JSON.stringify({ id: 2, op: 'system.ping', input: { nonce: 'still-up' } }))
    return { first, second: JSON.parse(await again) }
  }, session.host.token)
  expect(result.first).toEqual({ id: 1, result: { ok: false, error: { code: 'not-found', message: 'run 424242 does not exist', field: 'id' } } })
  expect(result.second.result.value.nonce).toBe('still-up')
})
