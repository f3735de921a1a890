import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { test, expect } from '@playwright/test'
import type { Page } from 'playwright-core'
import { startHost } from '../support/lab-host'
import { screenshot } from '../support/screenshots'
import { pageApiCall, useLabSession } from '../support/session'
import { RunsPage } from '../pages/runs'

test.describe.configure({ mode: 'serial' })

const session = useLabSession()
let page: Page
let runsPage: RunsPage

test.beforeAll(async () => {
  page = await session.browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true })
  runsPage = new RunsPage(page)
})

test('launch the dynamic-maze preset (30 trials, 3 seeds) and a tabular-Q run, and watch them learn', async () => {
  test.setTimeout(240_000)
  await runsPage.open(session.host.url, '/new')
  await expect(runsPage.root.locator('[data-example="bianchi-dynamic-maze.json"]')).toBeVisible()
  // Inline validation: a negative rung of the I_C ladder is named before anything is sent.
  await runsPage.field('agent.homeostasis.icLadderUA').fill('20, 30, -5')
  // Named by its place in the list (counted from 1), under the field's own label, not by its spec path.
  await expect(runsPage.root.getByText('entry 3: expected µA > 0')).toBeVisible()
  await screenshot(page, 'runs-1-launch-invalid')
  await runsPage.field('agent.homeostasis.icLadderUA').fill('')

  await runsPage.launch({ example: 'bianchi-dynamic-maze.json', trials: 30, seeds: 3, name: 'Dynamic maze, bio, 30 trials' })
  await expect(page).toHaveURL(/#\/runs\/live/)
  const live = runsPage.root.getByTestId('live-view')
  await expect(live.getByTestId('live-progress')).toContainText(/trial ([5-9]|[1-3]\d) of 30/, { timeout: 60_000 })
  await expect(live.getByTestId('run-maze-canvas')).toBeVisible()
  await expect(live.getByText(/path of trial \d+/)).toBeVisible()
  await screenshot(page, 'runs-2-live')
  await live.getByTestId('live-heat').selectOption('thresholds')
  await screenshot(page, 'runs-2b-live-thresholds')

  await runsPage.launch({ example: 'bianchi-dynamic-maze.json', agent: 'q-table', trials: 30, seeds: 1, name: 'Dynamic maze, tabular Q, 30 trials' })
  await runsPage.tab('stored').click()
  const done = runsPage.root.getByTestId('runs-table').locator('[data-run-id]').filter({ hasText: 'done' })
  await expect(done).toHaveCount(4, { timeout: 200_000 })
  await screenshot(page, 'runs-3-stored')
})

test('compare grouped by agent, toggle log scale, export the plotted data as CSV', async () => {
  await runsPage.open(session.host.url)
  const table = runsPage.root.getByTestId('runs-table')
  await table.getByRole('checkbox', { name: 'Select all shown' }).check()
  await runsPage.root.getByTestId('runs-compare').click()
  const compare = runsPage.root.getByTestId('compare-view')
  await compare.getByTestId('compare-group').selectOption('agent')
  const summary = compare.getByTestId('compare-summary')
  await expect(summary.locator('tbody tr')).toHaveCount(2)
  await expect(summary).toContainText('Bio-RRAM network')
  await expect(summary).toContainText('Tabular Q')
  // The bio group has 3 seeds: its cells carry a bootstrap interval [lo, hi].
  await expect(summary.locator('tr', { hasText: 'Bio-RRAM network' })).toContainText(/\[.+, .+\]/)
  await screenshot(page, 'runs-4-compare-by-agent')
  // Bio network against tabular Q: each agent's own parameters differ, every one named in words, none by its spec path.
  const diff = compare.getByTestId('compare-diff')
  await expect(diff).toContainText('Deadlock escape keeps penalties')
  const names = (await diff.locator('tbody tr td:first-child').allTextContents()).map((n) => n.trim())
  expect(names).toEqual(expect.arrayContaining(['Trace decay λ', 'Forgetting scope', 'Rewarded positions K (positions)']))
  expect(names.filter((n) => /^[a-zA-Z]+(\.[A-Za-z0-9]+)+$/.test(n))).toEqual([])
  await diff.scrollIntoViewIfNeeded()
  await screenshot(page, 'runs-4b-compare-differences')
  await compare.getByTestId('compare-log').check()
  await screenshot(page, 'runs-5-compare-log')

  const downloadPromise = page.waitForEvent('download')
  await compare.getByTestId('compare-csv').click()
  const download = await downloadPromise
  const file = path.join(session.host.dir, 'comparison.csv')
  await download.saveAs(file)
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n')
  expect(lines[0]).toBe('run,group,trial,metric,value')
  const rows = lines.slice(1).map((l) => l.split(','))
  expect(rows).toHaveLength(4 * 30)
  expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(['Bio-RRAM network', 'Tabular Q']))
  // Steps per trial stay within the example's step budget (examples/bianchi-dynamic-maze.json: 5000 ticks).
  expect(rows.every((r) => r[3] === 'steps' && Number(r[4]) >= 0 && Number(r[4]) <= 5000)).toBe(true)
  expect(
    rows
      .filter((r) => r[1] === 'Bio-RRAM network')
      .map((r) => Number(r[2]))
      .sort((a, b) => a - b)
      .slice(-3)
  ).toEqual([30, 30, 30])

  // Time-outs, as the notebook stored them: 0 or 1 a trial, and every run times out on trial 1 — a fresh network cannot
  // walk the 27 moves to the goal in 900 µs (≈ 17 exploring decisions of ≈ 51 µs).
  await compare.getByTestId('compare-metric').selectOption('timedOut')
  await compare.getByTestId('compare-log').uncheck()
  const timeoutsPromise = page.waitForEvent('download')
  await compare.getByTestId('compare-csv').click()
  const timeoutsFile = path.join(session.host.dir, 'timeouts.csv')
  await (await timeoutsPromise).saveAs(timeoutsFile)
  const timeoutRows = fs
    .readFileSync(timeoutsFile, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
  expect(timeoutRows).toHaveLength(4 * 30)
  expect(timeoutRows.every((r) => r[3] === 'timedOut' && (r[4] === '0' || r[4] === '1'))).toBe(true)
  expect(timeoutRows.filter((r) => r[2] === '1').map((r) => r[4])).toEqual(['1', '1', '1', '1'])
})

test('a run in progress when the lab host is killed comes back interrupted with every completed trial', async () => {
  test.setTimeout(180_000)
  await runsPage.open(session.host.url, '/new')
  // A deep-Q run: a few trials a second, so it is surely still running when the host dies (the
  // bio-RRAM network would finish all 5000 trials of this maze in about a second).
  await runsPage.launch({ example: 'bianchi-dynamic-maze.json', agent: 'dqn', trials: 5000, seeds: 1, name: 'Long run, killed mid-way' })
  const live = runsPage.root.getByTestId('live-view')
  await expect(live.getByTestId('live-progress')).toContainText(/trial ([3-9]|\d\d+) of 5000/, { timeout: 60_000 })
  await session.host.stop('SIGKILL')
  const dbFile = session.host.dbFile
  session.host = await startHost({ dbFile })
  await runsPage.open(session.host.url)
  const row = runsPage.rowsNamed('Long run, killed mid-way')
  await expect(row).toContainText('interrupted')
  const id = Number(await row.getAttribute('data-run-id'))
  // What the table says is what the notebook holds: every trial up to the crash, numbered 1…k.
  const db = new BetterSqlite3(dbFile, { readonly: true })
  const trials = db.prepare('SELECT trial FROM trials WHERE run_id = ? ORDER BY trial').pluck().all(id) as number[]
  db.close()
  expect(trials.length).toBeGreaterThanOrEqual(3)
  expect(trials).toEqual(trials.map((_, k) => k + 1))
  await expect(row.locator('[role="cell"]').nth(9)).toHaveText(`${trials.length} / 5000`)
  await screenshot(page, 'runs-6-interrupted')
})

test('a sweep of the paper (I_C × V_STOP, 2 seeds per cell) fills its accuracy table, beside the memory elements chart', async () => {
  test.setTimeout(240_000)
  const view = await runsPage.startSweep(session.host.url, 'table1-sweep.json', 2)
  await expect(view.getByTestId('sweep-progress')).toContainText('40 of 40 runs finished', { timeout: 200_000 })
  const table = view.getByTestId('sweep-table')
  await expect(table.locator('tbody tr')).toHaveCount(5)
  await expect(table.locator('tbody td')).toHaveCount(20)
  await expect(table.locator('tbody td').first()).toHaveText(/^(0|50|100) %$/)
  await expect(view.getByRole('img', { name: /Memory elements/ })).toBeVisible()
  await screenshot(page, 'runs-7-sweep')
})

const apiCall = <T>(op: string, input: unknown): Promise<T> => pageApiCall<T>(page, session.host.token, op, input)

test('the Maze panel’s deep link opens the launcher on a stored schedule, and the stored run carries the maze inline', async () => {
  test.setTimeout(120_000)
  await runsPage.open(session.host.url)
  const copied = await apiCall<{ schedule: { id: number; name: string } }>('mazes.copyBuiltin', { key: 'bianchi-dynamic-180', name: 'Dynamic 1→2→1 (copy)' })
  await runsPage.open(session.host.url, `/new?maze=${copied.schedule.id}`)
  await expect(runsPage.field('environment')).toHaveValue(`maze:${copied.schedule.id}`)
  await expect(runsPage.field('trials')).toHaveValue('180')
  await screenshot(page, 'runs-8-deep-link')
  await runsPage.field('trials').fill('3')
  await runsPage.field('maxStepsPerTrial').fill('200')
  await runsPage.field('name').fill('From the maze library')
  await runsPage.root.getByTestId('launch-start').click()
  await expect(page).toHaveURL(/#\/runs\/live/)
  const runs = await apiCall<{ id: number; name: string }[]>('runs.list', {})
  const run = runs.find((r) => r.name === 'From the maze library')!
  const spec = await apiCall<{ environment: { inline?: { name: string; layouts: Record<string, unknown> } } }>('runs.spec', { id: run.id })
  expect(spec.environment.inline?.name).toBe('Dynamic 1→2→1 (copy)')
  expect(Object.keys(spec.environment.inline?.layouts ?? {})).toHaveLength(2)
})

/** What the maze canvas shows: how many distinct colours, and a checksum that changes when the drawing does. */
async function canvasPixels(page: Page): Promise<{ colours: number; checksum: number; width: number }> {
  return page.getByTestId('run-maze-canvas').evaluate((c: HTMLCanvasElement) => {
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height)
    const colours = new Set<number>()
    let checksum = 0
    for (let i = 0; i < data.length; i += 4) {
      const rgb = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2]
      colours.add(rgb)
      checksum = (checksum * 31 + rgb) % 1_000_000_007
    }
    return { colours: colours.size, checksum, width: c.width }
  })
}

test('a finished run opened in Live after a reload draws its stored state: trial picker, heat maps, the layout of each trial', async () => {
  test.setTimeout(180_000)
  await runsPage.open(session.host.url)
  // The dynamic-maze example stores the state after trials 1, 60, 61, 120 and 121 (the launch form
  // has no field for them yet, so it is launched through the API); the run also stores its last trial.
  const examples = await apiCall<{ file: string; spec: Record<string, unknown> }[]>('runs.examples', {})
  const example = examples.find((e) => e.file === 'bianchi-dynamic-maze.json')!
  expect(example.spec.snapshots).toEqual({ trials: [1, 60, 61, 120, 121], direction: 'S' })
  const [started] = await apiCall<{ id: number }[]>('runs.start', { spec: { ...example.spec, trials: 64 }, name: 'Stored state, dynamic maze, 64 trials', seeds: 1 })
  await runsPage.open(session.host.url, `/live/${started.id}`)
  await expect(runsPage.root.getByTestId('live-status')).toHaveText('done', { timeout: 120_000 })

  await page.reload()
  await runsPage.open(session.host.url)
  const row = runsPage.rowsNamed('Stored state, dynamic maze, 64 trials')
  const id = Number(await row.getAttribute('data-run-id'))
  await row.dblclick()
  await expect(page).toHaveURL(new RegExp(`#/runs/live/${id}$`))
  const live = runsPage.root.getByTestId('live-view')
  const map = live.getByTestId('live-map')
  await expect(live.getByTestId('live-status')).toHaveText('done')
  await expect(live.getByTestId('live-progress')).toContainText('trial 64 of 64')
  // Opens on the learned state: the last trial, drawn from the notebook (not a live frame).
  await expect(map).toHaveAttribute('data-source', 'stored')
  await expect(map).toHaveAttribute('data-trial', '64')
  const picker = live.getByTestId('live-snapshot-trial')
  await expect(picker.locator('option')).toHaveText(['trial 1 · Bianchi maze 1', 'trial 60 · Bianchi maze 1', 'trial 61 · Bianchi maze 2', 'trial 64 (last) · Bianchi maze 2'])
  await expect(live.getByText(/path of trial 64/)).toBeVisible()
  await expect(live.getByTestId('live-counters').locator('dd').first()).not.toHaveText('0')
  const visits64 = await canvasPixels(page)
  // Walls, free cells, the goal, a path and a visits ramp: many colours, not a blank canvas.
  expect(visits64.colours).toBeGreaterThan(10)
  await screenshot(page, 'runs-9-stored-state-visits')

  // Step back to trial 61: the first trial on maze 2, whose walls differ from maze 1 in 8 cells.
  await live.getByTestId('live-snapshot-prev').click()
  await expect(map).toHaveAttribute('data-trial', '61')
  await expect(map).toHaveAttribute('data-layout', 'bianchi-maze-2')
  await expect(live.getByTestId('live-layout')).toContainText('Layout of trial 61: Bianchi maze 2')
  const visits61 = await canvasPixels(page)
  expect(visits61.checksum).not.toBe(visits64.checksum)
  await picker.selectOption('60')
  await expect(map).toHaveAttribute('data-layout', 'bianchi-maze-1')
  await expect(live.getByText(/path of trial 60/)).toBeVisible()

  await live.getByTestId('live-heat').selectOption('thresholds')
  await expect(map).toHaveAttribute('data-layer', 'thresholds')
  await expect(live.getByTestId('run-maze-canvas').locator('xpath=..')).toContainText('threshold θ / θ0 (log scale)')
  const thresholds60 = await canvasPixels(page)
  expect(thresholds60.colours).toBeGreaterThan(10)
  await screenshot(page, 'runs-9b-stored-state-thresholds')
  await live.getByTestId('live-heat').selectOption('synapses')
  await live.getByTestId('live-direction').selectOption({ label: 'east (E)' })
  await expect(map).toHaveAttribute('data-direction', 'E')
  await expect(live.getByTestId('run-maze-canvas').locator('xpath=..')).toContainText(/ [µnmk]?S … [\d.]+ [µnmk]?S synaptic conductance toward east \(E\)/)
  // The Live view at a laptop's 1280×800: maze and move named in words, conductances with SI prefixes.
  await page.setViewportSize({ width: 1280, height: 800 })
  await screenshot(page, 'live-1280x800-stored-synapses')
  await page.setViewportSize({ width: 1440, height: 900 })
  const synapsesE = await canvasPixels(page)
  expect(new Set([thresholds60.checksum, synapsesE.checksum]).size).toBe(2)
  // The stored state as CSV: every cell of every map, the synapses in all eight directions.
  const download = page.waitForEvent('download')
  await live.getByTestId('live-export-state').click()
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rram-state-')), (await download).suggestedFilename())
  await (await download).saveAs(file)
  expect(path.basename(file)).toBe(`run-${id}-state-after-trial-60.csv`)
  const csvRows = fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter((l) => !l.startsWith('#'))
  expect(csvRows[0]).toBe('layer,unit,direction,row,col,value')
  const byLayer = (layer: string) => csvRows.filter((r) => r.startsWith(`${layer},`)).length
  expect([byLayer('thresholds'), byLayer('kinds'), byLayer('visits'), byLayer('synapses')]).toEqual([900, 900, 900, 8 * 900])
  expect(new Set(csvRows.filter((r) => r.startsWith('synapses,')).map((r) => r.split(',')[2]))).toEqual(new Set(['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW']))
  await live.getByTestId('live-snapshot-next').click()
  await expect(map).toHaveAttribute('data-trial', '61')
  await screenshot(page, 'runs-9c-stored-state-synapses')

  // A sweep cell stores no maps (lean run): the view says so instead of drawing an empty canvas.
  await apiCall('runs.startSweep', {
    sweep: {
      base: { environment: { builtin: 'bianchi-maze-1' }, agent: { kind: 'bio-rram' }, trials: 3, maxStepsPerTrial: 200 },
      grid: { 'agent.programming.iComplianceUA': [160] },
      seeds: { count: 1, first: 1 }
    },
    name: 'No maps stored'
  })
  let lean: { id: number; status: string } | undefined
  await expect
    .poll(
      async () => {
        lean = (await apiCall<{ id: number; name: string; kind: string; status: string }[]>('runs.list', {})).find((r) => r.kind === 'sweep' && r.name.startsWith('No maps stored'))
        return lean?.status
      },
      { timeout: 60_000 }
    )
    .toBe('done')
  await runsPage.open(session.host.url, `/live/${lean!.id}`)
  await expect(live.getByTestId('live-no-snapshots')).toHaveText('No stored snapshots for this run — choose snapshot trials when launching.')
  await expect(live.getByTestId('run-maze-canvas')).toHaveCount(0)
  await screenshot(page, 'runs-9d-no-snapshots')
})

test('a long sweep can be cancelled from its table: the runs left stop, what finished stays counted', async () => {
  test.setTimeout(180_000)
  // 20 cells × 500 seeds: far more than the pool finishes before the click.
  const view = await runsPage.startSweep(session.host.url, 'table1-sweep.json', 500)
  const progress = view.getByTestId('sweep-progress')
  await expect(progress).toContainText(/[1-9]\d* of 10000 runs finished/, { timeout: 60_000 })
  const cancel = view.getByTestId('sweep-cancel')
  await expect(cancel).toContainText(/Cancel sweep \(\d+ runs left\)/)
  // Sweep cells have nothing to watch live: the Live tab counts none of them.
  await expect(runsPage.tab('live')).toHaveText(/^\s*Live\s*$/)
  await screenshot(page, 'runs-10-sweep-running')
  await cancel.click()
  await expect(page.getByText('Sweep cancelled')).toBeVisible()
  await expect(progress).toContainText(/cancelled or failed \(not counted\)/, { timeout: 30_000 })
  await expect(cancel).toHaveCount(0, { timeout: 30_000 })
  // Every run of the sweep has ended: finished ones done, the rest cancelled — none left queued or running.
  const text = (await progress.textContent()) ?? ''
  const [, done, stopped] = /(\d+) of 10000 runs finished, (\d+) cancelled/.exec(text) ?? []
  expect(Number(done) + Number(stopped)).toBe(10000)
  expect(Number(done)).toBeGreaterThan(0)
  expect(Number(stopped)).toBeGreaterThan(5000)
  // Queued seed by seed across the cells: every cell of the table has an accuracy from the runs that finished.
  await expect(view.getByTestId('sweep-table').locator('tbody td')).toHaveText(Array(20).fill(/^\d+ %$/))
  const sweepRuns = (await apiCall<{ kind: string; status: string }[]>('runs.list', {})).filter((r) => r.kind === 'sweep')
  expect(sweepRuns.filter((r) => r.status === 'queued' || r.status === 'running')).toEqual([])
  await screenshot(page, 'runs-10b-sweep-cancelled')

  // Stored runs: the 10,000 sweep cells stay out of the table unless asked for (their sweep summarizes them).
  await runsPage.tab('stored').click()
  const count = runsPage.root.getByTestId('runs-count')
  await expect(count).toContainText(/^\d+ of 10,\d{3} runs/)
  expect(Number(/^(\d+)/.exec((await count.textContent()) ?? '')?.[1])).toBeLessThan(100)
  await screenshot(page, 'runs-10c-stored-without-sweep-cells')
  await runsPage.root.getByTestId('runs-show-sweep-cells').check()
  await expect(count).toContainText(/^10,\d{3} of 10,\d{3} runs/)
})
