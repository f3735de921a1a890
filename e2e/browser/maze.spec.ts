import fs from 'node:fs'
import path from 'node:path'
import { test, expect } from '@playwright/test'
import type { Page } from 'playwright-core'
import { screenshot } from '../support/screenshots'
import { pageApiCall, useLabSession } from '../support/session'
import { MazePage } from '../pages/maze'
import { RunsPage } from '../pages/runs'

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'mazes')

const session = useLabSession()
let page: Page

test.beforeEach(async () => {
  page = await session.browser.newPage({ viewport: { width: 1440, height: 900 } })
})
test.afterEach(async () => page?.close())

const apiCall = <T>(op: string, input: unknown): Promise<T> => pageApiCall<T>(page, session.host.token, op, input)

test('draw a small maze, show its shortest path, save it, and find it again after a reload', async () => {
  const maze = new MazePage(page)
  await maze.open(session.host.url)
  await maze.newBlank(11, 9)
  // A wall across the middle with one gap at the right, so the path must go round.
  await maze.tool('wall', 'line')
  await maze.drag([4, 1], [4, 8])
  await maze.tool('penalty', 'rect')
  await maze.drag([6, 3], [7, 5])
  await maze.tool('start')
  await maze.click(1, 2)
  await expect(maze.root.locator('[data-reachability]')).toContainText('goal reachable')
  await maze.root.locator('[data-action="path"]').click()
  // From (1,2) to the goal at (7,9) through the gap at (4,9): 7 diagonal-or-straight moves, then 3 down.
  await expect(maze.root.locator('[data-path-length]')).toHaveText('Shortest path: 10 steps')
  expect(await maze.hoverText(4, 5)).toContain('Row 5, col 6 — wall')
  await screenshot(page, 'maze-1-drawn-with-path')

  // Close the gap: the live check warns at once.
  await maze.tool('wall', 'pen')
  await maze.click(4, 9)
  await expect(maze.root.locator('[data-reachability]')).toContainText('no goal can be reached from the start at row 2, col 3')
  await expect(maze.root.locator('[data-path-length]')).toHaveText('Shortest path: none')
  await screenshot(page, 'maze-2-unreachable-warning')
  await page.keyboard.press('Control+z')
  await expect(maze.root.locator('[data-path-length]')).toHaveText('Shortest path: 10 steps')
  await page.keyboard.press('Control+Shift+z')
  await expect(maze.root.locator('[data-path-length]')).toHaveText('Shortest path: none')
  await page.keyboard.press('Control+z')

  await maze.root.locator('[data-layout-name]').fill('Gap on the right')
  await maze.root.locator('[data-action="save-layout"]').click()
  await expect(maze.libraryItem('Gap on the right')).toBeVisible()

  await page.reload()
  await maze.libraryItem('Gap on the right').locator('button.name').click()
  await expect(maze.root.getByText('11×9 cells')).toBeVisible()
  await maze.root.locator('[data-action="path"]').click()
  await expect(maze.root.locator('[data-path-length]')).toHaveText('Shortest path: 10 steps')
  expect(await maze.hoverText(6, 4)).toContain('penalty 5 pts')
  await screenshot(page, 'maze-3-after-reload')

  // Export as the authors' matrix: walls −100, the goal 1000, the start 1.
  await maze.root.getByLabel('Export format').selectOption('matrix-csv')
  const [download] = await Promise.all([page.waitForEvent('download'), maze.root.locator('[data-action="export"]').click()])
  expect(download.suggestedFilename()).toBe('Gap-on-the-right.csv')
  const csv = fs.readFileSync((await download.path())!, 'utf8')
  const rows = csv
    .trim()
    .split('\n')
    .filter((l) => !l.startsWith('#'))
  expect(rows[0]).toBe(Array(11).fill('-100').join(','))
  expect(rows[1].split(',')[2]).toBe('1')
  expect(rows[7].split(',')[9]).toBe('1000')

  // An edit not yet saved is not thrown away without asking.
  await maze.tool('wall', 'pen')
  await maze.click(2, 5)
  page.once('dialog', (d) => void d.dismiss())
  await maze.root.locator('[data-builtin="bianchi-maze-1"] button.name').click()
  await expect(maze.root.getByText('unsaved changes')).toBeVisible()
  await expect(maze.root.getByText('11×9 cells')).toBeVisible()

  // Another panel can open a stored maze by link.
  const [stored] = await apiCall<{ id: number }[]>('mazes.list', { kind: 'layout' })
  await page.goto(`${session.host.url}#/maze?open=${stored.id}`)
  await expect(maze.root.locator('[data-layout-name]')).toHaveValue('Gap on the right')
})

test('import the Bianchi mazes, build the 1→2→1 schedule, run it shortened, and find the run in the Runs panel', async () => {
  const maze = new MazePage(page)
  await maze.open(session.host.url)
  await maze.importFile(path.join(FIXTURES, 'maze-bianchi-1.txt'))
  await expect(maze.root.locator('[data-import-info]')).toContainText('Imported maze-bianchi-1.txt (text)')
  await expect(maze.root.getByText('30×30 cells')).toBeVisible()
  await maze.root.locator('[data-action="path"]').click()
  await expect(maze.root.locator('[data-path-length]')).toContainText(/Shortest path: \d+ steps/)
  await screenshot(page, 'maze-4-imported-bianchi-1')
  await maze.importFile(path.join(FIXTURES, 'maze-bianchi-2.txt'))
  await expect(maze.libraryItem('maze-bianchi-2')).toBeVisible()

  await maze.root.locator('[data-action="new-schedule"]').click()
  await maze.root.locator('[data-schedule-name]').fill('Maze 1 → 2 → 1')
  await maze.root.locator('[data-trial-count]').fill('180')
  const rows = maze.root.locator('[data-layout-row]')
  await rows.nth(0).locator('select').selectOption({ label: 'maze-bianchi-1 (30×30)' })
  await maze.root.locator('[data-action="add-layout-change"]').click()
  await rows.nth(1).locator('input').fill('61')
  await rows.nth(1).locator('select').selectOption({ label: 'maze-bianchi-2 (30×30)' })
  await maze.root.locator('[data-action="add-layout-change"]').click()
  await rows.nth(2).locator('input').fill('121')
  await rows.nth(2).locator('select').selectOption({ label: 'maze-bianchi-1 (30×30)' })
  await maze.root.locator('[data-action="save-schedule"]').click()
  await expect(maze.libraryItem('Maze 1 → 2 → 1')).toBeVisible()
  await maze.root.getByLabel('Second layout').selectOption({ label: 'maze-bianchi-2' })
  await expect(maze.root.locator('[data-diff-summary]')).toHaveText('8 cells differ (ringed in red, shown as in the second layout).')
  await screenshot(page, 'maze-5-schedule-1-2-1-with-diff')

  // "Run this" opens the run launcher pre-filled with the stored schedule.
  const schedules = await apiCall<{ id: number; name: string }[]>('mazes.list', { kind: 'schedule' })
  const scheduleId = schedules.find((s) => s.name === 'Maze 1 → 2 → 1')!.id
  await maze.root.locator('[data-action="run-schedule"]').click()
  await expect(page).toHaveURL(new RegExp(`#/runs/new\\?maze=${scheduleId}$`))
  const launcher = new RunsPage(page)
  await expect(launcher.field('environment')).toHaveValue(`maze:${scheduleId}`)
  await expect(launcher.field('trials')).toHaveValue('180')
  await screenshot(page, 'maze-6-run-launcher')

  // Shorten it in the launcher (6 trials of 300 steps) and start it from there.
  const runName = 'Maze 1 → 2 → 1, shortened'
  await launcher.field('trials').fill('6')
  await launcher.field('maxStepsPerTrial').fill('300')
  await launcher.field('name').fill(runName)
  await launcher.root.getByTestId('launch-start').click()
  await expect(page).toHaveURL(/#\/runs\/live/)
  await page.goto(`${session.host.url}#/runs`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Runs & comparison')
  await expect(page.locator('[data-panel-root="runs"]').getByText(runName).first()).toBeVisible({ timeout: 20_000 })
  await screenshot(page, 'maze-7-run-in-runs-panel')
})

test('a malformed file shows an error naming line and column, and the library is unchanged', async () => {
  const maze = new MazePage(page)
  await maze.open(session.host.url)
  await maze.importFile(path.join(FIXTURES, 'maze-bianchi-1.txt'))
  await expect(maze.root.locator('[data-maze-item]').first()).toBeVisible()
  const before = await apiCall<unknown[]>('mazes.list', {})
  const shown = await maze.libraryCount()
  await maze.importFile(path.join(FIXTURES, 'malformed.txt'))
  await expect(maze.root.locator('[data-import-error]')).toContainText('malformed.txt was not imported')
  await expect(maze.root.locator('[data-import-error]')).toContainText('line 3, column 4: unknown character "x"')
  await expect(maze.root.locator('[data-import-error]')).toContainText('Nothing was saved.')
  expect(await maze.libraryCount()).toBe(shown)
  expect(await apiCall<unknown[]>('mazes.list', {})).toEqual(before)
  await screenshot(page, 'maze-8-malformed-import')

  // Dropping a file on the panel imports it the same way.
  const text = fs.readFileSync(path.join(FIXTURES, 'maze-bianchi-2.txt'), 'utf8')
  await maze.root.evaluate((el, content) => {
    const dt = new DataTransfer()
    dt.items.add(new File([content], 'dropped-maze.txt', { type: 'text/plain' }))
    el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }))
  }, text)
  await expect(maze.root.locator('[data-import-info]')).toContainText('Imported dropped-maze.txt (text)')
  await expect(maze.libraryItem('dropped-maze')).toBeVisible()
})
