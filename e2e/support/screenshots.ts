import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'

export const SCREENSHOT_DIR = path.resolve(__dirname, '..', 'screenshots')

/** Save a full-page screenshot to e2e/screenshots/<name>.png (git-ignored) for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const file = path.join(SCREENSHOT_DIR, `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  return file
}
