import { test, expect } from '@playwright/test'
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { startEmulator } from '../support/emulator'
import { screenshot } from '../support/screenshots'
import { useLabSession } from '../support/session'
import { IvPage } from '../pages/iv'

const session = useLabSession()
let page: Page
let iv: IvPage

test.beforeEach(async () => {
  page = await session.browser.newPage({ viewport: { width: 1440, height: 900 } })
  iv = new IvPage(page)
  await iv.open(session.host.url)
})
test.afterEach(async () => page?.close())

test('a 20-cycle DC sweep on the simulated device: curves and statistics appear; a fitted preset is saved to the library', async () => {
  test.setTimeout(120_000)
  await iv.chooseRecipe('dc-sweep')
  await iv.setField('cycles', '20')
  await iv.start()
  await iv.waitStatus('done')
  // 0 → 2.5 V → 0 → −1.6 V → 0 in 10 mV steps: 2·250 + 1 + 2·160 = 821 points per cycle.
  await expect(iv.root.locator('[data-test="point-count"]')).toHaveText('16,420 points · 20 cycles')
  await expect(iv.root.getByRole('img', { name: /I–V curves/ })).toBeVisible()
  await screenshot(page, 'iv-curves')
  const rows = await iv.cycleTable()
  expect(rows).toHaveLength(20)
  // Every cycle switched: a V_set between 0.5 and 1.5 V and an R_LRS in kΩ.
  for (const r of rows) expect(r).toMatch(/150 µA\s+-1.6 V\s+[\d.]+ (m)?V[\s\S]*kΩ/)
  await iv.tab('stats')
  const stats = iv.root.locator('[data-test="stats-table"]')
  await expect(stats).toContainText('R_LRS')
  await expect(stats.getByRole('row', { name: /^R_HRS 20 / })).toBeVisible()
  await expect(iv.root.getByRole('img', { name: 'CDF of R_LRS and R_HRS' })).toBeVisible()
  await screenshot(page, 'iv-stats')

  const id = await iv.selectedSessionId()
  await iv.tickForFit(id)
  await iv.tab('fit')
  await iv.root.locator('input[data-field="presetNameNew"]').fill('e2e die A')
  await iv.root.locator('[data-action="fit"]').click()
  await expect(iv.root.locator('[data-section="sweeps"]')).toBeVisible()
  await expect(iv.root.getByText(/One compliance current \(150.0 µA\)/)).toBeVisible()
  await iv.root.locator('[data-action="save-preset"]').click()
  await expect(iv.root.locator('[data-test="saved"]')).toContainText('Saved “e2e die A”')
  await screenshot(page, 'iv-fit')
  // The library lists it: the recipe form offers it as a simulated device.
  await expect(iv.root.locator('select[data-field="presetName"] option', { hasText: 'e2e die A' })).toHaveCount(1)
  // "Start a maze run with it" opens the run launcher with the new preset chosen; a short run starts.
  await iv.root.locator('[data-action="start-run"]').click()
  const launch = page.getByTestId('launch-form')
  await expect(launch.locator('select[data-field="devicePreset"] option', { hasText: 'e2e die A' })).toHaveCount(1)
  await expect(launch.locator('select[data-field="devicePreset"]')).toHaveValue('e2e die A')
  await launch.locator('input[data-field="trials"]').fill('2')
  await launch.locator('input[data-field="maxStepsPerTrial"]').fill('50')
  await launch.locator('input[data-field="name"]').fill('maze run with the fitted die')
  await launch.getByTestId('launch-start').click()
  await expect(page).toHaveURL(/#\/runs\/live/)
  await screenshot(page, 'iv-preset-run')
  await iv.open(session.host.url)
  await iv.tab('fit')
  // Saving the same name again is refused.
  await iv.root.locator('[data-action="fit"]').click()
  await iv.root.locator('[data-action="save-preset"]').click()
  await expect(iv.root.locator('[data-test="fit-error"]')).toContainText('already exists')
})

test('import a CSV with shuffled columns in mV and mA: map the columns, see the extraction', async () => {
  // A two-cycle measured-like file: RESET at −0.9 V, LRS 10 kΩ, HRS 100 kΩ, compliance 100 µA.
  const lines = ['# Procedure: <__main__.IVProcedure>', '# Parameters:', '#\tCompliance: 100 uA', 'cyc,Current (mA),t (s),Voltage (mV)']
  let t = 0
  for (let c = 0; c < 2; c++) {
    // Integer millivolts, so the RESET threshold is hit exactly.
    const pts: [number, number][] = []
    const lrs = (mv: number) => Math.min(mv / 1e3 / 10e3, 100e-6)
    for (let mv = 0; mv <= 2000; mv += 50) pts.push([mv, mv < 1000 ? mv / 1e3 / 100e3 : lrs(mv)])
    for (let mv = 1950; mv >= 0; mv -= 50) pts.push([mv, lrs(mv)])
    for (let mv = -50; mv >= -1500; mv -= 50) pts.push([mv, mv >= -900 ? mv / 1e3 / 10e3 : mv / 1e3 / 100e3])
    for (let mv = -1450; mv <= 0; mv += 50) pts.push([mv, mv / 1e3 / 100e3])
    for (const [mv, i] of pts) lines.push(`${c},${(i * 1e3).toPrecision(8)},${(t++ * 0.01).toFixed(2)},${mv}`)
  }
  const file = path.join(session.host.dir, 'measured-cell.csv')
  fs.writeFileSync(file, lines.join('\n'))
  const dialog = await iv.openImport()
  await dialog.locator('input[data-field="file"]').setInputFiles(file)
  await expect(dialog.getByText('4 header comment line(s)').or(dialog.getByText(/header comment line/))).toBeVisible()
  await dialog.locator('select[data-map="v"]').selectOption({ label: 'Voltage (mV)' })
  await dialog.locator('select[data-map="i"]').selectOption({ label: 'Current (mA)' })
  await dialog.locator('select[data-map="cycle"]').selectOption({ label: 'cyc' })
  await dialog.locator('select[data-map="time"]').selectOption({ label: 't (s)' })
  await dialog.locator('select[data-unit="v"]').selectOption('mV')
  await dialog.locator('select[data-unit="i"]').selectOption('mA')
  await dialog.locator('input[data-field="iComplianceUA"]').fill('100')
  await screenshot(page, 'iv-import-mapping')
  await dialog.locator('[data-action="import"]').click()
  await expect(dialog).toBeHidden()
  await iv.waitStatus('done')
  const rows = await iv.cycleTable()
  expect(rows).toHaveLength(2)
  for (const r of rows) {
    expect(r).toContain('100 µA')
    expect(r).toMatch(/10 kΩ/)
    expect(r).toMatch(/100 kΩ/)
    expect(r).toMatch(/-900 mV/)
  }
})

test('amperes imported as µA are stored as asked, with a warning about the unit', async () => {
  const file = path.join(session.host.dir, 'amperes.csv')
  const rows = ['V,I']
  for (let k = 0; k <= 20; k++) rows.push(`${k * 0.1},${(k * 0.1) / 10e3}`)
  fs.writeFileSync(file, rows.join('\n'))
  const dialog = await iv.openImport()
  await dialog.locator('input[data-field="file"]').setInputFiles(file)
  await dialog.locator('select[data-unit="i"]').selectOption('uA')
  await dialog.locator('[data-action="import"]').click()
  await expect(dialog).toBeHidden()
  await expect(page.locator('[data-toast="info"]').filter({ hasText: 'these look like amperes in a µA column' })).toBeVisible()
})

test('importing garbage shows an error naming the line and stores nothing', async () => {
  const before = await iv.root.locator('[data-session]').count()
  const file = path.join(session.host.dir, 'garbage.csv')
  fs.writeFileSync(file, 'V,I\n0.1,1e-6\n0.2,not-a-current\n0.3,3e-6\n')
  const dialog = await iv.openImport()
  await dialog.locator('input[data-field="file"]').setInputFiles(file)
  await dialog.locator('[data-action="import"]').click()
  await expect(dialog.locator('[data-test="import-error"]')).toContainText('line 3, column 2')
  await screenshot(page, 'iv-import-error')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(iv.root.locator('[data-session]')).toHaveCount(before)
})

test('the same sweep on the serial board emulator gives the same extracted values as the simulated run with that seed', async () => {
  test.setTimeout(120_000)
  const sweep = async () => {
    await iv.chooseRecipe('dc-sweep')
    await iv.setField('cycles', '10')
    await iv.setField('vStepV', '50')
    await iv.setField('seed', '2')
    await iv.start()
    await iv.waitStatus('done')
    return iv.cycleTable()
  }
  const simulated = await sweep()
  const emulator = await startEmulator(2)
  try {
    await iv.root.locator('input[data-field="serialPath"]').fill(emulator.path)
    await iv.root.locator('[data-action="connect"]').click()
    await expect(page.locator('[data-status="backend"]')).toContainText(`Serial port ${emulator.path}`)
    await iv.tab('curves')
    const serial = await sweep()
    await expect(iv.root.locator('[data-test="session-title"]')).toBeVisible()
    expect(serial).toEqual(simulated)
    await screenshot(page, 'iv-serial')
    await iv.root.locator('[data-action="disconnect"]').click()
    await expect(page.locator('[data-status="backend"]')).toContainText('Simulated instruments')
  } finally {
    emulator.child.kill('SIGTERM')
  }
})

test('Export HDF5 downloads <session name>.h5 holding every point with its unit and the per-cycle extraction', async () => {
  await iv.chooseRecipe('dc-sweep')
  await iv.setField('cycles', '3')
  await iv.setField('vStepV', '50')
  await iv.start()
  await iv.waitStatus('done')
  // 0 → 2.5 V → 0 → −1.6 V → 0 in 50 mV steps: 2·50 + 1 + 2·32 = 165 points per cycle.
  await expect(iv.root.locator('[data-test="point-count"]')).toHaveText('495 points · 3 cycles')
  const name = (await iv.root.locator('[data-test="session-title"]').innerText()).replace(/^#\d+ /, '')
  const download = await iv.exportHdf5()
  // The default name carries a time (HH:MM); ':' is refused by file systems.
  expect(download.suggestedFilename()).toBe(`${name.replace(/:/g, '-')}.h5`)
  const file = path.join(session.host.dir, 'exported.h5')
  await download.saveAs(file)
  await screenshot(page, 'iv-export-hdf5')

  const { default: h5wasm } = await import('h5wasm/node')
  await h5wasm.ready
  const h5 = new h5wasm.File(file, 'r')
  try {
    expect(h5.attrs.format?.value).toBe('iv-hdf5-v2')
    // Cycles numbered as the panel shows them: 1, 2, 3 (docs/export-formats.md).
    expect([...new Set((h5.get('points/cycle') as import('h5wasm/node').Dataset).value as Int32Array)]).toEqual([1, 2, 3])
    expect(h5.attrs.recipe?.value).toBe('dc-sweep')
    expect(h5.attrs.name?.value).toBe(name)
    const ds = (p: string) => h5.get(p) as import('h5wasm/node').Dataset
    for (const col of ['index', 'cycle', 'step', 'branch', 'i_compliance_A', 'v_stop_V', 't_s', 'v_V', 'i_A', 'compliance']) {
      expect(ds(`points/${col}`).shape, col).toEqual([495])
      expect(typeof ds(`points/${col}`).attrs.unit?.value, col).toBe('string')
    }
    expect(ds('points/v_V').attrs.unit?.value).toBe('V')
    expect(ds('points/i_A').attrs.unit?.value).toBe('A')
    // The sweep reaches +2.5 V and −1.6 V; the SET is clamped at 150 µA.
    const v = ds('points/v_V').value as Float64Array
    expect(Math.max(...v)).toBeCloseTo(2.5, 9)
    expect(Math.min(...v)).toBeCloseTo(-1.6, 9)
    expect(Math.max(...(ds('points/i_A').value as Float64Array))).toBeCloseTo(150e-6, 9)
    // One row per cycle, with the resistances the Cycles tab shows (LRS below HRS).
    const rLrs = ds('cycles/r_lrs_ohm').value as Float64Array
    const rHrs = ds('cycles/r_hrs_ohm').value as Float64Array
    expect(rLrs).toHaveLength(3)
    expect(ds('cycles/r_lrs_ohm').attrs.unit?.value).toBe('Ohm')
    rLrs.forEach((r, k) => expect(r).toBeLessThan(rHrs[k]))
  } finally {
    h5.close()
  }
})

test('a session is renamed in the list, then deleted after a confirm that names it', async () => {
  await iv.chooseRecipe('dc-sweep')
  await iv.setField('cycles', '2')
  await iv.setField('vStepV', '50')
  await iv.start()
  await iv.waitStatus('done')
  const id = await iv.selectedSessionId()
  await iv.renameSession(id, 'die B cell 3 — retest')
  await expect(iv.session(id)).toContainText(`#${id} die B cell 3 — retest`)
  await expect(iv.root.locator('[data-test="session-title"]')).toContainText('die B cell 3 — retest')
  // An empty name is refused with a message; the old name stays.
  await iv.renameSession(id, '   ')
  await expect(page.getByText(/needs a name/)).toBeVisible()
  await iv.session(id).getByRole('button', { name: 'Cancel' }).click()
  await expect(iv.session(id)).toContainText('die B cell 3 — retest')
  // Cancel keeps it; Delete removes it from the list and from the notebook.
  let dialog = await iv.askDelete(id)
  await expect(dialog).toContainText(`#${id} die B cell 3 — retest`)
  await expect(dialog).toContainText('330 points')
  await screenshot(page, 'iv-delete-confirm')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(iv.session(id)).toBeVisible()
  dialog = await iv.askDelete(id)
  await dialog.getByRole('button', { name: 'Delete' }).click()
  await expect(iv.session(id)).toHaveCount(0)
  await page.reload()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('I–V characterization')
  await expect(iv.root.locator('[data-session]').first().or(iv.root.getByText('No sessions yet')).first()).toBeVisible()
  await expect(iv.session(id)).toHaveCount(0)
})
