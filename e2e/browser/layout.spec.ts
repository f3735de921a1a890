import fs from 'node:fs'
import path from 'node:path'
import { PNG } from 'pngjs'
import { test, expect } from '@playwright/test'
import type { Page } from 'playwright-core'
import { ArrayPage } from '../pages/array'
import { IvPage } from '../pages/iv'
import { SCREENSHOT_DIR, screenshot } from '../support/screenshots'
import { pageApiCall, useLabSession } from '../support/session'

// Every panel at a laptop's 1280×800 and a desktop's 1920×1080: nothing scrolls sideways, every
// table's key columns are on screen, and a screenshot of each is kept for a person to look at.
test.describe.configure({ mode: 'serial' })

const session = useLabSession()
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 }
]

/** Neither the page nor the panel scrolls sideways. */
async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const o = await page.evaluate(() => {
    const main = document.querySelector('main')!
    return { page: document.documentElement.scrollWidth - window.innerWidth, main: main.scrollWidth - main.clientWidth }
  })
  expect.soft(o.page, `${where}: the page scrolls sideways by ${o.page} px`).toBeLessThanOrEqual(1)
  expect.soft(o.main, `${where}: the panel scrolls sideways by ${o.main} px`).toBeLessThanOrEqual(1)
}

/** The named column headers are inside the window (not clipped off its right edge). */
async function expectColumnsVisible(page: Page, table: string, headers: string[]): Promise<void> {
  const width = page.viewportSize()!.width
  for (const h of headers) {
    const th = page.locator(`${table} th, ${table} [role="columnheader"]`, { hasText: h }).first()
    await expect(th).toBeVisible()
    const box = (await th.boundingBox())!
    expect.soft(box.x + box.width, `column "${h}" of ${table} ends at ${box.x + box.width} px, window ${width} px`).toBeLessThanOrEqual(width)
  }
}

test.beforeAll(async () => {
  test.setTimeout(120_000)
  const page = await session.browser.newPage({ viewport: SIZES[1] })
  const iv = new IvPage(page)
  await iv.open(session.host.url)
  const spec = { environment: { builtin: 'bianchi-dynamic-180' }, agent: { kind: 'bio-rram' }, trials: 12, maxStepsPerTrial: 300 }
  const bio = await pageApiCall<{ id: number }[]>(page, session.host.token, 'runs.start', { name: 'Layout bio', seeds: 2, spec })
  await pageApiCall(page, session.host.token, 'runs.start', { name: 'Layout tabular Q', spec: { ...spec, agent: { kind: 'q-table' } } })
  await iv.chooseRecipe('dc-sweep')
  await iv.setField('cycles', '5')
  await iv.start()
  await iv.waitStatus('done')
  await expect
    .poll(async () => (await pageApiCall<{ status: string }[]>(page, session.host.token, 'runs.list', { ids: bio.map((r) => r.id) })).every((r) => r.status === 'done'), { timeout: 60_000 })
    .toBe(true)
  await page.close()
})

for (const size of SIZES) {
  test(`every panel fits ${size.width}×${size.height} without sideways scrolling`, async () => {
    test.setTimeout(60_000)
    const page = await session.browser.newPage({ viewport: size, acceptDownloads: true })
    const tag = `${size.width}x${size.height}`
    try {
      await page.goto(`${session.host.url}#/iv`)
      const iv = page.locator('[data-panel-root="iv"]')
      await iv.locator('[data-session]').first().locator('button, .name, span').first().click()
      await expect(iv.locator('[data-test="session-status"]')).toHaveText('done')
      await expectNoSidewaysScroll(page, 'I–V')
      await screenshot(page, `layout-${tag}-iv`)

      const arrays = new ArrayPage(page, session.host.url, session.host.token)
      await arrays.open()
      await arrays.createSimulated({ name: `Layout die ${tag}`, rows: 32, cols: 32, seed: 7, initialState: 'hrs' })
      await arrays.program({ target: 'checkerboard', algorithm: 'gate-ramp' })
      if (size.width === 1280) {
        // A new array can use any preset of the library; every map exports as CSV (one line per row).
        await expect(arrays.root.locator('[data-field="device-preset"] option')).not.toHaveCount(0)
        const download = page.waitForEvent('download')
        await arrays.root.locator('[data-export="Error map (G − target) / target:csv"]').click()
        const csv = fs
          .readFileSync(await (await download).path(), 'utf8')
          .trim()
          .split('\n')
        expect(csv[0]).toMatch(/^# Error map .*32 rows × 32 columns/)
        expect(csv.slice(1).map((l) => l.split(',').length)).toEqual(Array(32).fill(32))
      }
      await expectNoSidewaysScroll(page, 'Array')
      await screenshot(page, `layout-${tag}-array`)

      await page.locator('nav [data-panel="maze"]').click()
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Maze design')
      await expectNoSidewaysScroll(page, 'Maze')
      await screenshot(page, `layout-${tag}-maze`)

      await page.goto(`${session.host.url}#/runs/stored`)
      const runs = page.locator('[data-panel-root="runs"]')
      await expect(runs.getByTestId('runs-table').locator('[data-run-id]')).toHaveCount(3)
      await expectNoSidewaysScroll(page, 'Stored runs')
      await expectColumnsVisible(page, '[data-testid="runs-table"]', ['Name', 'Agent', 'Status', 'Trials', 'Final steps'])
      await screenshot(page, `layout-${tag}-runs-stored`)

      await runs.getByTestId('runs-table').getByRole('checkbox', { name: 'Select all shown' }).check()
      await runs.getByTestId('runs-compare').click()
      await expect(runs.getByTestId('compare-summary').locator('tbody tr')).toHaveCount(2)
      await expectNoSidewaysScroll(page, 'Compare')
      if (size.width === 1280) {
        // Wheel-zoom into the curves: the axis narrows with the data (magnified), and the curves reach
        // its right edge instead of stopping short of an axis that stayed at the full run.
        const canvas = runs.getByTestId('compare-view').getByRole('img', { name: 'Comparison of learning curves' })
        const box = (await canvas.boundingBox())!
        await page.mouse.move(box.x + box.width * 0.35, box.y + box.height / 2)
        for (let k = 0; k < 3; k++) await page.mouse.wheel(0, -200)
        await expect.poll(async () => Number(await canvas.getAttribute('data-x-max'))).toBeLessThan(11)
        const xMin = Number(await canvas.getAttribute('data-x-min'))
        const xMax = Number(await canvas.getAttribute('data-x-max'))
        expect(xMin).toBeGreaterThanOrEqual(1)
        expect(Number(await canvas.getAttribute('data-last-drawn-x'))).toBeGreaterThanOrEqual(Math.floor(xMax))
        await runs.getByTestId('compare-reset-zoom').click()
        await expect.poll(async () => Number(await canvas.getAttribute('data-x-max'))).toBe(12)
      }
      await screenshot(page, `layout-${tag}-runs-compare`)

      if (size.width === 1920) {
        // A comparison shared as a file opens the same runs and settings in a fresh window.
        const compare = runs.getByTestId('compare-view')
        await compare.getByTestId('compare-group').selectOption('agent')
        await compare.getByTestId('compare-log').check()
        // The figure for a paper: 7×4 in at 300 dpi.
        const png = page.waitForEvent('download')
        await compare.getByTestId('compare-png').click()
        const figure = await (await png).path()
        fs.copyFileSync(figure, path.join(SCREENSHOT_DIR, 'compare-figure-2100x1200.png'))
        const image = PNG.sync.read(fs.readFileSync(figure))
        expect([image.width, image.height]).toEqual([2100, 1200])

        // Saved in the notebook by name: restoring it brings the settings back.
        await compare.getByRole('textbox', { name: 'Comparison name' }).fill('by agent, log')
        await compare.getByTestId('compare-save').click()
        await compare.getByTestId('compare-log').uncheck()
        await compare.getByTestId('compare-views').selectOption('by agent, log')
        await expect(compare.getByTestId('compare-log')).toBeChecked()

        const download = page.waitForEvent('download')
        await compare.getByTestId('compare-export-view').click()
        const file = await (await download).path()
        const fresh = await session.browser.newPage({ viewport: size })
        await fresh.goto(`${session.host.url}#/runs/compare`)
        await fresh.getByTestId('compare-view').waitFor()
        await expect(fresh.getByTestId('compare-summary')).toHaveCount(0)
        await fresh.locator('[data-tab="stored"]').click()
        await fresh.locator('[data-tab="compare"]').click()
        await fresh.getByTestId('compare-import-view').setInputFiles(file)
        await expect(fresh.getByTestId('compare-summary').locator('tbody tr')).toHaveCount(2)
        await expect(fresh.getByTestId('compare-log')).toBeChecked()
        await fresh.close()
      }

      await runs.locator('[data-tab="new"]').click()
      await expectNoSidewaysScroll(page, 'New run')
      await screenshot(page, `layout-${tag}-runs-new`)
    } finally {
      await page.close()
    }
  })
}
