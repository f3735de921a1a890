import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { test, expect } from '@playwright/test'
import { OUT_DIR } from '../support/lab-host'
import type { Page } from 'playwright-core'
import { IvPage } from '../pages/iv'
import { RunsPage } from '../pages/runs'
import { screenshot } from '../support/screenshots'
import { pageApiCall, useLabSession } from '../support/session'
import { LIMITS } from '../../src-main/api/limits'

// What a new user hits on the first day: a page without (or with a stale) token, a Start button that
// needs a name, validation messages in internal names.
const session = useLabSession()
let page: Page

test.beforeEach(async () => {
  page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } })
})
test.afterEach(async () => page?.close())

test('a page without the token, or with a stale one, says what happened and what to do', async () => {
  await page.goto(`${session.host.origin}/#/runs/new`)
  const banner = page.getByTestId('connection-refused')
  await expect(banner).toContainText('opened without the lab host’s token')
  await expect(banner).toContainText('Open the address the lab host printed')
  await expect(page.locator('[data-status="transport"]')).toContainText('not connected')
  await screenshot(page, 'first-day-no-token')

  await page.goto(`${session.host.origin}/?token=from-before-the-restart#/runs`)
  await expect(banner).toContainText('no longer accepts this page’s token')
  await expect(banner).toContainText('restarted')

  await page.goto(session.host.url)
  await expect(page.locator('[data-status="transport"]')).toContainText('connected')
  await expect(banner).toHaveCount(0)
})

test('Start works with the Name left blank: the run gets a default name shown beforehand', async () => {
  const runs = new RunsPage(page)
  await runs.open(session.host.url, '/new')
  await runs.field('trials').fill('2')
  await runs.field('maxStepsPerTrial').fill('100')
  await expect(runs.field('name')).toHaveValue('')
  const hint = runs.root.getByTestId('default-name')
  await expect(hint).toContainText('Bio-inspired RRAM network')
  await expect(hint).toContainText('2 trials')
  await expect(runs.root.getByTestId('launch-start')).toBeEnabled()
  // A bad value disables Start and says why, next to the button.
  await runs.field('trials').fill('0')
  await expect(runs.root.getByTestId('launch-start')).toBeDisabled()
  await expect(runs.root.getByTestId('launch-blocker')).toContainText('Trials: expected at least 1 trial')
  await runs.field('trials').fill('2')
  await runs.root.getByTestId('launch-start').click()
  await expect(page).toHaveURL(/#\/runs\/live/)
  const list = await pageApiCall<{ name: string }[]>(page, session.host.token, 'runs.list', {})
  expect(list[0].name).toMatch(/^Bio-inspired RRAM network · .+ · 2 trials$/)
})

test('picking an environment fills in its protocol: the hardware experiment gets its 900 µs cut-off and room to reach the goal', async () => {
  const runs = new RunsPage(page)
  await runs.open(session.host.url, '/new')
  // The default environment is the hardware experiment: 180 trials cut off at 900 µs, and a step budget long
  // enough for the agent to go on to the goal after a time-out (it learns from reaching it).
  await expect(runs.field('environment')).toHaveValue('builtin:bianchi-dynamic-180')
  const protocol = async () => [await runs.field('trials').inputValue(), await runs.field('maxStepsPerTrial').inputValue(), await runs.field('hardwareTime.cutoffUs').inputValue()]
  expect(await protocol()).toEqual(['180', '5000', '900'])
  await expect(runs.root.getByTestId('cutoff-time')).toContainText('Time-out after 900 µs of hardware time')
  await screenshot(page, 'launch-hardware-protocol')
  // The authors' MATLAB protocol: 600 steps, no hardware cut-off; a maze alone: our 2,000 steps.
  await runs.field('environment').selectOption('builtin:matlab-protocol-120')
  expect(await protocol()).toEqual(['120', '600', ''])
  await runs.field('environment').selectOption('builtin:bianchi-maze-1')
  expect(await protocol()).toEqual(['60', '2000', ''])
  await runs.field('environment').selectOption('builtin:bianchi-dynamic-180')
  expect(await protocol()).toEqual(['180', '5000', '900'])

  // Started from the form, a short run of it learns: the first trial is a time-out that still reaches the goal.
  await runs.field('trials').fill('10')
  await runs.field('name').fill('Hardware protocol from the form')
  await runs.root.getByTestId('launch-start').click()
  await expect(page).toHaveURL(/#\/runs\/live/)
  const list = await pageApiCall<{ id: number; name: string; status: string }[]>(page, session.host.token, 'runs.list', {})
  const run = list.find((r) => r.name === 'Hardware protocol from the form')!
  await expect.poll(async () => (await pageApiCall<{ status: string }>(page, session.host.token, 'runs.get', { id: run.id })).status, { timeout: 20_000 }).toBe('done')
  expect(await pageApiCall(page, session.host.token, 'runs.spec', { id: run.id })).toMatchObject({ maxStepsPerTrial: 5000, hardwareTime: { cutoffUs: 900 } })
  const trials = await pageApiCall<{ trial: number; reachedGoal: boolean; steps: number; timeUs: number }[]>(page, session.host.token, 'runs.trials', { id: run.id })
  // A time-out (stored as the cut-off's time, goal not reached within it), yet it ended before the step budget.
  expect(trials[0]).toMatchObject({ reachedGoal: false, timeUs: 900 })
  expect(trials[0].steps).toBeLessThan(5000)
  // Rewarded each time it reached the goal, it learns the maze: by trial 10 the path is recalled within the cut-off.
  expect(trials).toHaveLength(10)
  expect(trials[9].reachedGoal).toBe(true)
  expect(trials[9].timeUs).toBeLessThan(900)
})

test('a refused I–V recipe names the setting in words with its unit; a long one shows its progress and time left', async () => {
  const iv = new IvPage(page)
  await iv.open(session.host.url)
  await iv.chooseRecipe('dc-sweep')
  await iv.setField('vSetMaxV', '20')
  await iv.start()
  const error = iv.root.locator('[data-test="recipe-error"]')
  await expect(error).toHaveText(`Maximum SET voltage must be ≤ ${LIMITS.vMaxAbsV} V`) // the limits table (docs/limits.md)

  // A long recipe shows how far it is and about how long is left, then stops on request.
  await iv.setField('vSetMaxV', '2.5')
  await iv.setField('cycles', '300')
  await iv.start()
  await expect(iv.root.locator('[data-test="iv-progress"]')).toContainText(/cycle \d+ of 300 · about .+ left/)
  await iv.root.locator('[data-action="stop"]').click()
  await expect(iv.root.locator('[data-test="iv-progress"]')).toHaveCount(0)
})

test('keyboard: ? lists the shortcuts, Alt+digit switches panels; each panel opens its help page', async () => {
  const warnings: string[] = []
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) warnings.push(m.text())
  })
  await page.goto(`${session.host.url}#/iv`)
  await expect(page.locator('[data-status="transport"]')).toContainText('connected')
  await page.keyboard.press('?')
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(sheet).toContainText('Ctrl+Enter')
  await screenshot(page, 'first-day-shortcuts')
  await page.keyboard.press('Escape')
  await expect(sheet).toHaveCount(0)
  await page.keyboard.press('Alt+3')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Maze design')
  await page.keyboard.press('Alt+4')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Runs & comparison')
  await page.locator('[data-panel-root="runs"]').getByTestId('panel-help').click()
  const help = page.getByTestId('help-drawer')
  await expect(help.getByRole('heading', { level: 1 })).toHaveText('Runs & comparison')
  await screenshot(page, 'first-day-help')
  await help.getByTestId('help-close').click()
  await expect(help).toHaveCount(0)
  // The page's own policy raises no console warnings (frame-ancestors only as a header, no [::1] source).
  expect(warnings).toEqual([])
})

test('the Stored runs table follows the notebook: a run made from the CLI appears without Refresh', async () => {
  const runs = new RunsPage(page)
  await runs.open(session.host.url)
  const table = runs.root.getByTestId('runs-table')
  await expect(table.getByText('made from the CLI')).toHaveCount(0)
  const spec = path.join(session.host.dir, 'cli-spec.json')
  fs.writeFileSync(spec, JSON.stringify({ name: 'made from the CLI', environment: { builtin: 'bianchi-maze-1' }, agent: { kind: 'q-table' }, trials: 2, maxStepsPerTrial: 50 }))
  execFileSync(process.execPath, [path.join(OUT_DIR, 'main', 'cli.js'), 'run', spec, '--db', session.host.dbFile, '--workers', '1'], { stdio: 'ignore', timeout: 60_000 })
  await expect(table.locator('[data-run-id]').filter({ hasText: 'made from the CLI' })).toHaveCount(1, { timeout: 15_000 })
})
