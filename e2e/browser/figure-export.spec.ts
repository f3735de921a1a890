import fs from 'node:fs'
import path from 'node:path'
import { PNG } from 'pngjs'
import { test, expect } from '@playwright/test'
import { IvPage } from '../pages/iv'
import { RunsPage } from '../pages/runs'
import { SCREENSHOT_DIR, screenshot } from '../support/screenshots'
import { pageApiCall, useLabSession } from '../support/session'

// The Compare chart as a figure for a paper: SVG (vector: paths and text, no embedded picture) at
// the same publication size and with the same title as the PNG.
const session = useLabSession()

test('Compare: SVG export is a vector figure at 7×4 in with its title, the curves as paths; it opens in Chromium', async () => {
  test.setTimeout(120_000)
  const page = await session.browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true })
  const runs = new RunsPage(page)
  await runs.open(session.host.url, '/stored')
  const spec = { environment: { builtin: 'bianchi-dynamic-180' }, agent: { kind: 'bio-rram' }, trials: 12, maxStepsPerTrial: 300 }
  const started = [
    ...(await pageApiCall<{ id: number }[]>(page, session.host.token, 'runs.start', { name: 'Figure bio', seeds: 2, spec })),
    ...(await pageApiCall<{ id: number }[]>(page, session.host.token, 'runs.start', { name: 'Figure tabular Q', spec: { ...spec, agent: { kind: 'q-table' } } }))
  ]
  await expect
    .poll(async () => (await pageApiCall<{ status: string }[]>(page, session.host.token, 'runs.list', { ids: started.map((r) => r.id) })).every((r) => r.status === 'done'), { timeout: 60_000 })
    .toBe(true)

  await expect(runs.root.getByTestId('runs-table').locator('[data-run-id]')).toHaveCount(3)
  await runs.root.getByTestId('runs-table').getByRole('checkbox', { name: 'Select all shown' }).check()
  await runs.root.getByTestId('runs-compare').click()
  const compare = runs.root.getByTestId('compare-view')
  await expect(compare.getByTestId('compare-summary').locator('tbody tr')).toHaveCount(2)
  await compare.getByTestId('compare-group').selectOption('agent')
  await expect(compare.getByTestId('compare-png-size')).toHaveValue('2col')

  const download = page.waitForEvent('download')
  await compare.getByTestId('compare-svg').click()
  const file = await download
  expect(file.suggestedFilename()).toBe('comparison-steps.svg')
  const saved = path.join(SCREENSHOT_DIR, 'compare-figure-7x4in.svg')
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
  fs.copyFileSync(await file.path(), saved)
  const svg = fs.readFileSync(saved, 'utf8')
  expect(svg.length).toBeGreaterThan(1000)
  expect(svg).toMatch(/<svg\b[^>]*\bwidth="7in"[^>]*\bheight="4in"/)
  expect(svg).toMatch(/viewBox="0 0 2100 1200"/)
  expect(svg).not.toMatch(/<image\b/)
  const title = 'Steps to reward per trial, grouped by agent'

  // Opened as a file in Chromium: an SVG document whose text and paths are elements, drawn at 7×4 in.
  const viewer = await session.browser.newPage({ viewport: { width: 672, height: 384 } })
  try {
    await viewer.goto(`file://${saved}`)
    const seen = await viewer.evaluate(() => {
      const root = document.documentElement
      const texts = Array.from(document.querySelectorAll('text'), (t) => t.textContent ?? '')
      // A curve: an unfilled, stroked path through every trial (12 trials: M + 11 L).
      const stroked = Array.from(document.querySelectorAll('path')).filter(
        (p) => (p.getAttribute('d') ?? '').split('L').length >= 12 && p.getAttribute('fill') === 'none' && p.getAttribute('stroke') !== 'none'
      )
      const box = root.getBoundingClientRect()
      return { tag: root.tagName, texts, series: new Set(stroked.map((p) => p.getAttribute('stroke'))).size, width: box.width, height: box.height }
    })
    expect(seen.tag).toBe('svg')
    expect(seen.texts).toContain(title)
    expect(seen.texts).toEqual(expect.arrayContaining(['trial', 'Steps to reward (steps)', 'Bio-RRAM network (mean of 2)', 'Tabular Q']))
    // The two agents' curves, in their two colours.
    expect(seen.series).toBe(2)
    // 7 × 4 in at CSS's 96 px per inch.
    expect([Math.round(seen.width), Math.round(seen.height)]).toEqual([672, 384])
    // Not screenshot(): a full-page capture waits forever on a bare SVG document; the viewport is the figure.
    await viewer.screenshot({ path: path.join(SCREENSHOT_DIR, 'compare-figure-svg.png') })
  } finally {
    await viewer.close()
  }
  // The PNG beside it: the same figure in pixels, 7×4 in at 300 dpi.
  const png = page.waitForEvent('download')
  await compare.getByTestId('compare-png').click()
  const image = PNG.sync.read(fs.readFileSync(await (await png).path()))
  expect([image.width, image.height]).toEqual([2100, 1200])
  await screenshot(page, 'compare-figure-buttons')
  await page.close()
})

test('I–V endurance plot: SVG with its title, cycles numbered from 1 as in the table, R_LRS and R_HRS as markers', async () => {
  test.setTimeout(60_000)
  const page = await session.browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true })
  const iv = new IvPage(page)
  await iv.open(session.host.url)
  await iv.chooseRecipe('dc-sweep')
  await iv.setField('cycles', '5')
  await iv.setField('vStepV', '50')
  await iv.start()
  await iv.waitStatus('done')
  await iv.renameSession(await iv.selectedSessionId(), 'cell E')
  await iv.tab('cycles')
  await iv.root.getByTestId('endurance-export-size').selectOption('1col')
  const download = page.waitForEvent('download')
  await iv.root.getByTestId('endurance-export-svg').click()
  const file = await download
  expect(file.suggestedFilename()).toBe('cell-E-endurance.svg')
  const saved = path.join(SCREENSHOT_DIR, 'iv-endurance-3.5x2.5in.svg')
  fs.copyFileSync(await file.path(), saved)
  const svg = fs.readFileSync(saved, 'utf8')
  expect(svg).toMatch(/<svg\b[^>]*\bwidth="3.5in"[^>]*\bheight="2.5in"/)
  expect(svg).not.toMatch(/<image\b/)

  const viewer = await session.browser.newPage({ viewport: { width: 336, height: 240 } })
  try {
    await viewer.goto(`file://${saved}`)
    const texts = await viewer.evaluate(() => Array.from(document.querySelectorAll('text'), (t) => t.textContent ?? ''))
    expect(texts).toContain('Endurance: cell E (V_read = 0.1 V)')
    expect(texts).toEqual(expect.arrayContaining(['cycle', 'R_LRS', 'R_HRS', '1', '5']))
    // The cycle axis starts at 1, as the Cycles table counts.
    expect(texts).not.toContain('0')
    await viewer.screenshot({ path: path.join(SCREENSHOT_DIR, 'iv-endurance-svg.png') })
  } finally {
    await viewer.close()
  }
  await screenshot(page, 'iv-endurance-export')
  await page.close()
})
