import { test, expect } from '@playwright/test'
import type { Page } from 'playwright-core'
import { startEmulator } from '../support/emulator'
import { screenshot } from '../support/screenshots'
import { useLabSession } from '../support/session'

const session = useLabSession()
let page: Page

test.beforeEach(async () => {
  page = await session.browser.newPage({ viewport: { width: 1440, height: 900 } })
})
test.afterEach(async () => page?.close())

test('the instrument in the status bar is a menu: connect a board by its path, see it named, go back to simulated', async () => {
  test.setTimeout(60_000)
  await page.goto(`${session.host.url}#/iv`)
  const backend = page.locator('[data-status="backend"]')
  await expect(backend).toContainText('Simulated instruments')
  const emulator = await startEmulator(3)
  try {
    await backend.click()
    const menu = page.locator('[data-test="backend-menu"]')
    await expect(menu.locator('[data-choice="simulated"]')).toBeVisible()
    await menu.locator('[data-field="backendPath"]').fill(emulator.path)
    await screenshot(page, 'status-bar-backend-menu')
    await menu.locator('[data-action="backend-connect"]').click()
    await expect(backend).toContainText(`Serial port ${emulator.path}`)
    await expect(menu).toBeHidden()

    // A path with no board behind it: the reason comes as a toast, the board stays connected.
    await backend.click()
    await expect(menu.locator('[data-action="backend-disconnect"]')).toBeVisible()
    await menu.locator('[data-field="backendPath"]').fill('/dev/no-such-port')
    await menu.locator('[data-action="backend-connect"]').click()
    await expect(page.getByText(/no-such-port/).last()).toBeVisible()
    await screenshot(page, 'status-bar-connect-error')
    await menu.locator('[data-choice="simulated"]').click()
    await expect(backend).toContainText('Simulated instruments')
  } finally {
    emulator.child.kill('SIGTERM')
  }
})
