import { test, expect } from '@playwright/test'
import type { Page } from 'playwright-core'
import { startBoardEmulator, type BoardEmulator } from '../../src-main/services/serial/board-emulator'
import { ArrayPage } from '../pages/array'
import { startHost } from '../support/lab-host'
import { screenshot } from '../support/screenshots'
import { useLabSession } from '../support/session'

const session = useLabSession()
let page: Page
let arrays: ArrayPage

test.beforeEach(async () => {
  page = await session.browser.newPage({ viewport: { width: 1440, height: 1000 } })
  arrays = new ArrayPage(page, session.host.url, session.host.token)
  await arrays.open()
})
test.afterEach(async () => page?.close())

interface ArrayRow {
  id: number
  name: string
}

test('program a 64×64 checkerboard with program-and-verify and see the error map and yield', async () => {
  await arrays.createSimulated({ name: 'Checkerboard die', rows: 64, cols: 64, seed: 7, initialState: 'hrs' })
  await arrays.readMap(20)
  expect(await arrays.hoverMap('Conductance (read)')).toMatch(/row \d+, col \d+ · G = [\d.]+ µS · R = [\d.]+ kΩ · read noise [\d.]+ %/)
  await screenshot(page, 'array-read-map')

  await arrays.program({ target: 'checkerboard', algorithm: 'gate-ramp' })
  const y = await arrays.yieldShown()
  expect(y).toBeGreaterThan(0.8) // most cells converge inside ±10 % within 20 pulses
  expect(y).toBeLessThan(1) // HRS is broad: some cells run out of pulses, and the failed map shows them
  await expect(arrays.root.locator('[data-failed]')).toContainText('/ 4096')
  expect(await arrays.hoverMap('Error map (G − target) / target', 0.3, 0.6)).toMatch(/error -?[\d.]+ % · \d+ pulses/)
  await expect(arrays.root.locator('[data-chart="Conductance histogram per target level"]')).toBeVisible()
  await arrays.root.locator('[data-action="retention"]').click()
  await expect(arrays.root.locator('[data-chart="Retention per level"]')).toBeVisible()
  await screenshot(page, 'array-checkerboard-result')

  const list = await arrays.api<{ runId: number; status: string }[]>('arrays.programs', {})
  const run = await arrays.api<{ kind: string; status: string }>('runs.get', { id: list[0].runId })
  expect(run).toMatchObject({ kind: 'array', status: 'done' })
})

test("program a stored maze run's learned synapse map onto the array", async () => {
  const started = await arrays.api<{ id: number }[]>('runs.start', {
    name: 'short maze run',
    spec: { environment: { builtin: 'bianchi-dynamic-180' }, agent: { kind: 'bio-rram' }, trials: 3, maxStepsPerTrial: 400, snapshots: { trials: [], direction: 'S' } }
  })
  const mazeRun = started[0].id
  await expect.poll(async () => (await arrays.api<{ status: string }>('runs.get', { id: mazeRun })).status, { timeout: 60_000 }).toBe('done')
  await page.reload()
  await arrays.createSimulated({ name: 'Policy die', rows: 32, cols: 32, seed: 3, initialState: 'hrs' })
  await arrays.program({ target: 'run', algorithm: 'binary', run: { id: mazeRun, map: 'synapse' } })
  await expect(arrays.root.locator('[data-summary]')).toContainText('Binary SET / RESET · Maze run synapses')

  // The programmed states follow the run's synapse map: LRS where the run's synapse is high.
  const snap = await arrays.api<{ layers: { layer: string; width: number; height: number; planes: number; values: number[] }[] }>('runs.snapshot', { id: mazeRun })
  const syn = snap.layers.find((l) => l.layer === 'synapses')!
  const jobs = await arrays.api<{ runId: number }[]>('arrays.programs', {})
  const target = await arrays.api<{ base64: string }>('arrays.map', { runId: jobs[0].runId, kind: 'target_s' })
  const t = new Float64Array(Uint8Array.from(Buffer.from(target.base64, 'base64')).buffer)
  const cells = syn.width * syn.height
  const plane = syn.planes === 1 ? 0 : 0
  const values = syn.values.slice(plane * cells, (plane + 1) * cells)
  const hi = Math.max(...values)
  const k = values.indexOf(hi)
  const lo = values.indexOf(Math.min(...values))
  const at = (i: number) => t[Math.floor(i / syn.width) * 32 + (i % syn.width)]
  expect(at(k)).toBeGreaterThan(at(lo))
  await screenshot(page, 'array-maze-policy')
})

test('on a small array through the board emulator on a pty, the same seed gives the same maps', async () => {
  const emulators: BoardEmulator[] = []
  try {
    const maps: string[][] = []
    for (const attempt of [1, 2]) {
      const emu = await startBoardEmulator({ pty: true, seed: 21, rows: 8, cols: 8, initialState: 'hrs', baudRate: 1_000_000, paceToBaud: false })
      emulators.push(emu)
      await arrays.attachBoard(emu.hostPath!, 1_000_000)
      await arrays.program({ target: 'checkerboard', algorithm: 'gate-ramp' })
      const jobs = await arrays.api<{ runId: number }[]>('arrays.programs', {})
      maps.push(await Promise.all(['g_final_s', 'pulses', 'failed'].map(async (kind) => (await arrays.api<{ base64: string }>('arrays.map', { runId: jobs[0].runId, kind })).base64)))
      if (attempt === 1) await screenshot(page, 'array-board-emulator')
      const list = await arrays.api<ArrayRow[]>('arrays.list', {})
      await arrays.api('arrays.detach', { id: list[0].id })
      await emu.stop()
    }
    expect(maps[1]).toEqual(maps[0])
  } finally {
    for (const e of emulators) await e.stop()
  }
})

test('a programmed simulated die is still programmed after the lab host restarts', async () => {
  test.setTimeout(90_000)
  await arrays.createSimulated({ name: 'Die kept across a restart', rows: 16, cols: 16, seed: 11, initialState: 'hrs' })
  await arrays.program({ target: 'checkerboard', algorithm: 'binary' })
  const die = (await arrays.api<(ArrayRow & { rows: number })[]>('arrays.list', {})).find((a) => a.name === 'Die kept across a restart')!
  const readG = async () => {
    const m = await arrays.api<{ g: { base64: string } }>('arrays.read', { id: die.id })
    return Array.from(new Float32Array(Uint8Array.from(Buffer.from(m.g.base64, 'base64')).buffer))
  }
  // LRS on one colour of the checkerboard, HRS on the other: the ratio of their medians.
  const contrast = (g: number[]) => {
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]
    const lrs = g.filter((_, k) => (Math.floor(k / 16) + (k % 16)) % 2 === 0)
    const hrs = g.filter((_, k) => (Math.floor(k / 16) + (k % 16)) % 2 === 1)
    return Math.max(med(lrs), med(hrs)) / Math.min(med(lrs), med(hrs))
  }
  const before = await readG()
  expect(contrast(before)).toBeGreaterThan(5)

  // A clean stop (SIGTERM: the notebook closes) and a new lab host on the same notebook.
  const dbFile = session.host.dbFile
  await session.host.stop('SIGTERM')
  session.host = await startHost({ dbFile })
  arrays = new ArrayPage(page, session.host.url, session.host.token)
  await arrays.open()
  const after = await readG()
  expect(contrast(after)).toBeGreaterThan(5)
  // Cell by cell the same states: only the read noise (≈ 1 %) differs between the two reads.
  for (let k = 0; k < before.length; k++) expect(Math.abs(after[k] / before[k] - 1)).toBeLessThan(0.1)
  // In the panel: the die, chosen in the list, reads as the checkerboard it was programmed to.
  await arrays.root.locator('[data-field="array"]').selectOption({ label: (await arrays.root.locator('[data-field="array"] option', { hasText: 'Die kept across a restart' }).textContent())! })
  await arrays.readMap(1)
  await screenshot(page, 'array-after-restart')
})
