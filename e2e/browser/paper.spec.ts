import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test, expect } from '@playwright/test'
import type { Page } from 'playwright-core'
import { screenshot } from '../support/screenshots'
import { startHost } from '../support/lab-host'
import { pageApiCall, useLabSession } from '../support/session'
import { RunsPage } from '../pages/runs'

/** The Paper view (Runs & comparison → Paper): the paper's figures reproduced by stored runs of the real lab host. */

test.describe.configure({ mode: 'serial' })

const session = useLabSession()
let page: Page
let runsPage: RunsPage

test.beforeAll(async () => {
  page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } })
  runsPage = new RunsPage(page)
})

const apiCall = <T>(op: string, input: unknown): Promise<T> => pageApiCall<T>(page, session.host.token, op, input)

test('fig4g and table1 (2 seeds): a card per figure, ours beside the paper, the stored runs behind it', async () => {
  test.setTimeout(180_000)
  await runsPage.open(session.host.url, '/paper')
  const view = runsPage.root.locator('[data-view="paper"]')
  await expect(view.locator('[data-figure]')).toHaveCount(7)

  // The memory-elements figure is a formula: Run draws it at once, with no runs behind it.
  const g = view.locator('[data-figure="fig4g"]')
  await g.locator('[data-action="run"]').click()
  await expect(g.locator('.state')).toHaveText(/done/, { timeout: 20_000 })
  await expect(g.locator('[data-chart="fig4g-0"] canvas')).toBeVisible()
  // Ours beside each published number: the bio network's 16 devices and tabular Q's 8 entries a position.
  const gBeside = g.locator('[data-table="beside"] tbody tr')
  await expect(gBeside.nth(0).locator('[data-col="ours"]')).toHaveText('16 devices per position')
  await expect(gBeside.nth(0).locator('[data-col="paper"]')).toContainText('16 devices per position')
  await expect(gBeside.nth(1).locator('[data-col="ours"]')).toHaveText('8 entries per position')

  // Table 1 with 2 seeds a cell: progress, then our grid beside the paper's numbers and 40 stored runs.
  await view.locator('[data-field="seeds"]').fill('2')
  const t1 = view.locator('[data-figure="table1"]')
  await t1.locator('[data-action="run"]').click()
  await expect(t1.locator('[data-action="cancel"]')).toBeVisible()
  await screenshot(page, 'paper-table1-running')
  await expect(t1.locator('.state')).toHaveText(/done/, { timeout: 150_000 })
  const table = t1.locator('[data-table="table1"]')
  await expect(table.locator('tbody tr')).toHaveCount(5)
  await expect(table).toContainText('paper 69.4 %')
  await expect(table).toContainText('paper 99.3 %')
  await expect(t1.locator('[data-link="runs"]')).toHaveText('40 stored runs')
  await expect(t1.locator('[data-table="beside"] [data-col="ours"]')).toContainText(/RMS \d+\.\d pp from the paper's 20 cells \(2 seeds a cell\)/)

  // What the view shows is what the notebook holds: 20 cells × 2 seeds, each a stored run.
  const status = await apiCall<{ latest: { figure: string; runIds: number[]; result: { cells: { seeds: number; accuracy: number }[] } }[] }>('paper.status', {})
  const table1 = status.latest.find((f) => f.figure === 'table1')!
  expect(table1.result.cells).toHaveLength(20)
  expect(table1.result.cells.every((c) => c.seeds === 2 && c.accuracy >= 0 && c.accuracy <= 1)).toBe(true)
  const runs = await apiCall<{ id: number; status: string }[]>('runs.list', { ids: table1.runIds })
  expect(runs).toHaveLength(40)
  expect(runs.every((r) => r.status === 'done')).toBe(true)
  await t1.scrollIntoViewIfNeeded()
  await screenshot(page, 'paper-view')

  // The link opens those runs in the comparison.
  await t1.locator('[data-link="runs"]').click()
  await expect(page).toHaveURL(/#\/runs\/compare\?ids=/)
})

test('Cancel stops a reproduction: finished runs are kept and the figure is marked partial', async () => {
  test.setTimeout(120_000)
  await runsPage.open(session.host.url, '/paper')
  const view = runsPage.root.locator('[data-view="paper"]')
  await view.locator('[data-field="seeds"]').fill('200')
  const card = view.locator('[data-figure="fig5d"]')
  await card.locator('[data-action="run"]').click()
  await expect(card.locator('[data-action="cancel"]')).toBeVisible()
  await card.locator('[data-action="cancel"]').click()
  await expect(card.locator('.state')).toHaveText(/partial/, { timeout: 60_000 })
  await expect(card.locator('.partial')).toBeVisible()
  const status = await apiCall<{ reproduction: { state: string; figures: { result: { partial?: boolean } }[] } }>('paper.status', {})
  expect(status.reproduction.state).toBe('cancelled')
  expect(status.reproduction.figures[0].result.partial).toBe(true)
  await screenshot(page, 'paper-cancelled')
})

test('fig4b (10 seeds): the median curve, the time-outs per trial, and each seed’s cost of the switch beside the paper’s ≈ 30', async () => {
  test.setTimeout(120_000)
  await page.setViewportSize({ width: 1280, height: 1500 })
  await runsPage.open(session.host.url, '/paper')
  const view = runsPage.root.locator('[data-view="paper"]')
  await view.locator('[data-field="seeds"]').fill('10')
  const card = view.locator('[data-figure="fig4b"]')
  await card.locator('[data-action="run"]').click()
  await expect(card.locator('.state')).toHaveText(/done/, { timeout: 90_000 })
  for (const k of [0, 1, 2]) await expect(card.locator(`[data-chart="fig4b-${k}"] canvas`)).toBeVisible()
  const beside = card.locator('[data-table="beside"] tbody tr')
  await expect(beside.nth(2).locator('[data-col="ours"]')).toContainText(/Per seed, trials of time-outs and re-learning .*: median \d+, middle half \d+–\d+; \d+ of 10 seeds 30 or more/)
  await expect(beside.nth(3).locator('[data-col="ours"]')).toContainText(/\d+ of 10 seeds with no time-out/)
  // Read from the paths the notebook stored for trial 120: whose maze-2 route maze 1 walls off, and who timed out on 121.
  await expect(beside.nth(3).locator('[data-col="ours"]')).toContainText(/path on trial 120 crosses a cell this layout walls off/)
  // The JSON behind the card: per phase, one count per seed.
  type Phase = { firstTrial: number; relearningPerSeed: number[]; timeoutsPerSeed: number[]; blockedPerSeed?: (boolean | null)[] }
  const status = await apiCall<{ latest: { figure: string; result: { phases: Phase[] } }[] }>('paper.status', {})
  const phases = status.latest.find((f) => f.figure === 'fig4b')!.result.phases
  expect(phases.map((p) => p.firstTrial)).toEqual([1, 61, 121])
  expect(phases.every((p) => p.relearningPerSeed.length === 10)).toBe(true)
  // Every seed's path before each change was stored (the example snapshots trials 60 and 120) and read.
  expect(phases.slice(1).map((p) => p.blockedPerSeed?.filter((b) => typeof b === 'boolean').length)).toEqual([10, 10])
  // The slowest seeds after the switch, slowest first, each a link to its stored run: the first one is the seed the JSON
  // gives the most trials of time-outs and re-learning after the switch.
  const switchCosts = phases[1].relearningPerSeed
  const outliers = card.locator('[data-outliers] p').first()
  await expect(outliers).toContainText(`after the switch (trials 61–120): seed ${switchCosts.indexOf(Math.max(...switchCosts)) + 1} (${Math.max(...switchCosts)})`)
  await card.scrollIntoViewIfNeeded()
  await screenshot(page, 'paper-fig4b-seeds')
  await page.setViewportSize({ width: 1280, height: 800 })
  // It opens that run: its maze and the path of a trial.
  await outliers.locator('a').first().click()
  await expect(page).toHaveURL(/#\/runs\/live\/\d+/)
  const live = runsPage.root.getByTestId('live-view')
  await expect(live.getByTestId('run-maze-canvas')).toBeVisible()
  await expect(live).toContainText(/seed \d+/)
  // Its stored trials say which passed the cut-off: as many time-outs as the figure counted for that seed.
  const slowest = switchCosts.indexOf(Math.max(...switchCosts))
  const timeouts = phases.reduce((a, p) => a + p.timeoutsPerSeed[slowest], 0)
  await expect(live.getByTestId('live-timeouts')).toHaveText(`${timeouts} of 180 trials`)
  await screenshot(page, 'paper-fig4b-slowest-run')
})

test('Download report: one HTML file with every figure reproduced in the session, plots inside; a card’s data link saves its CSV', async () => {
  test.setTimeout(60_000)
  await runsPage.open(session.host.url, '/paper')
  const view = runsPage.root.locator('[data-view="paper"]')
  const [report] = await Promise.all([page.waitForEvent('download'), view.locator('[data-action="download-report"]').click()])
  expect(report.suggestedFilename()).toMatch(/^bianchi2023-reproduction-\d{8}-\d{6}\.html$/)
  // Saved under its own name (the browser reads an .html file as a page).
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rram-report-')), report.suggestedFilename())
  await report.saveAs(file)
  const html = fs.readFileSync(file, 'utf8')
  // The figures this session reproduced, in the paper's order; the cancelled one says it is partial.
  expect([...html.matchAll(/<h2 id="(\w+)"/g)].map((m) => m[1])).toEqual(['table1', 'fig4b', 'fig4g', 'fig5d'])
  expect(html).toContain('(partial: cancelled before every run finished)')
  // Self-contained: opened from disk, every plot loads and no request leaves the file.
  const reader = await session.browser.newPage({ viewport: { width: 1280, height: 900 } })
  const requests: string[] = []
  reader.on('request', (r) => {
    if (!r.url().startsWith('data:') && !r.url().startsWith('file:')) requests.push(r.url())
  })
  await reader.goto(`file://${file}`)
  const widths = await reader.locator('img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth))
  expect(widths).toHaveLength(4)
  expect(widths.every((w) => w > 0)).toBe(true)
  expect(requests).toEqual([])
  await screenshot(reader, 'paper-report')
  await reader.close()

  // Table 1's data link: one row per cell, the accuracies the card shows.
  const t1 = view.locator('[data-figure="table1"]')
  const [csv] = await Promise.all([page.waitForEvent('download'), t1.locator('[data-download="table1.csv"]').click()])
  expect(csv.suggestedFilename()).toBe('table1.csv')
  const rows = fs
    .readFileSync(await csv.path(), 'utf8')
    .trim()
    .split('\n')
  expect(rows[0]).toBe('i_compliance_uA,v_stop_V,accuracy,seeds,paper_accuracy')
  const status = await apiCall<{ latest: { figure: string; result: { cells: { iComplianceUA: number; vStopV: number; accuracy: number }[] } }[] }>('paper.status', {})
  const cells = status.latest.find((f) => f.figure === 'table1')!.result.cells
  expect(rows.slice(1).map((r) => r.split(',').slice(0, 3).map(Number))).toEqual(cells.map((c) => [c.iComplianceUA, c.vStopV, c.accuracy]))
  // fig4b's card has its per-seed table too.
  await expect(view.locator('[data-figure="fig4b"] [data-download]')).toHaveText(['fig4b.csv', 'fig4b-seeds.csv'])
  await t1.scrollIntoViewIfNeeded()
  await screenshot(page, 'paper-downloads')
})

test('after the lab host restarts on the same notebook, the cards show the figures it kept; nothing runs again', async () => {
  test.setTimeout(60_000)
  const before = await apiCall<{ latest: { figure: string; state: string; runIds: number[] }[] }>('paper.status', {})
  const runsBefore = await apiCall<unknown[]>('runs.list', {})
  const dbFile = session.host.dbFile
  await session.host.stop('SIGTERM')
  session.host = await startHost({ dbFile })
  await runsPage.open(session.host.url, '/paper')
  const view = runsPage.root.locator('[data-view="paper"]')
  // The same figures, state and runs as before the restart; no reproduction is running in the new session.
  const after = await apiCall<{ reproduction: unknown; latest: { figure: string; state: string; runIds: number[] }[] }>('paper.status', {})
  expect(after.reproduction).toBeNull()
  expect(after.latest).toEqual(before.latest)
  expect(await apiCall<unknown[]>('runs.list', {})).toHaveLength(runsBefore.length)
  await expect(view.locator('[data-figure="table1"] .state')).toHaveText('done')
  await expect(view.locator('[data-figure="table1"] [data-table="table1"] tbody tr')).toHaveCount(5)
  await expect(view.locator('[data-figure="fig5d"] .partial')).toBeVisible()
  await expect(view.locator('[data-figure="fig4f"]')).toContainText('Not reproduced in this notebook yet.')
  await screenshot(page, 'paper-after-restart')
})
