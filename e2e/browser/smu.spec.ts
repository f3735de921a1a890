import { test, expect } from '@playwright/test'
import type { Page } from 'playwright-core'
import { IvPage } from '../pages/iv'
import { screenshot } from '../support/screenshots'
import { useLabSession } from '../support/session'
import { runCli, startSmuEmulator, type SmuModelId } from '../support/smu-emulator'

const session = useLabSession()
let page: Page
let iv: IvPage

test.beforeEach(async () => {
  page = await session.browser.newPage({ viewport: { width: 1440, height: 900 } })
  iv = new IvPage(page)
  await iv.open(session.host.url)
})
test.afterEach(async () => page?.close())

/** Choose the SMU in the status bar's instrument menu. */
async function connectSmu(model: SmuModelId, address: string): Promise<void> {
  const menu = page.locator('[data-test="backend-menu"]')
  if (!(await menu.isVisible())) await page.locator('[data-status="backend"]').click()
  await menu.locator('select[data-field="smuModel"]').selectOption(model)
  await menu.locator('input[data-field="smuAddress"]').fill(address)
  if (model === 'keithley-2400') await menu.locator('input[data-field="smuBaud"]').fill('57600')
  await menu.locator('[data-action="smu-connect"]').click()
}

async function backToSimulated(): Promise<void> {
  await page.locator('[data-status="backend"]').click()
  await page.locator('[data-test="backend-menu"]').locator('[data-action="backend-disconnect"]').click()
  await expect(page.locator('[data-status="backend"]')).toContainText('Simulated instruments')
}

/** Start the recipe on the form; resolves once the panel shows the new session (not the one shown before). */
async function startNew(): Promise<void> {
  const sessions = iv.root.locator('[data-session]')
  const before = await sessions.count()
  await iv.start()
  await expect(sessions).toHaveCount(before + 1)
  const id = await sessions.first().getAttribute('data-session')
  await expect(iv.root.locator('[data-test="session-title"]')).toContainText(`#${id} `)
}

async function startAndWait(status: string): Promise<void> {
  await startNew()
  await iv.waitStatus(status)
}

/** The four recipes, small: a 2-cycle double sweep, an I_C sweep, a V_STOP sweep, 3 SET/RESET cycles. */
async function runFourRecipes(tag: string): Promise<void> {
  await iv.chooseRecipe('dc-sweep')
  await iv.setField('cycles', '2')
  await iv.setField('vStepV', '100')
  await startAndWait('done')
  // 0 → 2.5 V → 0 → −1.6 V → 0 in 100 mV steps: 2·25 + 1 + 2·16 = 83 points per cycle, as on the simulator.
  await expect(iv.root.locator('[data-test="point-count"]')).toHaveText('166 points · 2 cycles')
  const rows = await iv.cycleTable()
  expect(rows).toHaveLength(2)
  // Each cycle switched: an I_C of 150 µA, V_STOP −1.6 V and R_LRS in kΩ extracted from the SMU's points.
  for (const r of rows) expect(r).toMatch(/150 µA\s+-1.6 V\s+[\d.]+ (m)?V[\s\S]*kΩ/)
  await iv.tab('curves')
  await iv.root.getByLabel('mark compliance-limited points').check()
  await screenshot(page, `smu-${tag}-dc-sweep`)

  await iv.chooseRecipe('ic-sweep')
  await iv.setField('vStepV', '100')
  await iv.setField('iComplianceListA', '60, 150')
  await iv.setField('cyclesPerStep', '1')
  await startAndWait('done')
  await expect(iv.root.locator('[data-test="point-count"]')).toHaveText('166 points · 2 cycles')

  await iv.chooseRecipe('vstop-sweep')
  await iv.setField('vStepV', '100')
  await iv.setField('vStopListV', '-1.2, -1.6')
  await iv.setField('cyclesPerStep', '1')
  await startAndWait('done')
  // 2·25 + 1 + 2·12 = 75 points at −1.2 V, 83 at −1.6 V.
  await expect(iv.root.locator('[data-test="point-count"]')).toHaveText('158 points · 2 cycles')

  await iv.chooseRecipe('cycling')
  await iv.setField('cycles', '3')
  await iv.setField('pulseWidthS', '2000')
  await startAndWait('done')
  // Pulse recipes store reads: a SET then a RESET read per cycle.
  await expect(iv.root.locator('[data-session]').first()).toContainText('3 cycles · 6 reads')
  await iv.tab('cycles')
  await screenshot(page, `smu-${tag}-cycling`)
  await iv.tab('curves')
}

for (const [model, via] of [
  ['keithley-2400', 'pty'],
  ['keithley-2450', 'tcp'],
  ['keysight-b2900', 'tcp']
] as const) {
  test(`the four recipes on a ${model} (emulated, ${via}) from the I–V panel, stored as the simulator's are`, async () => {
    test.setTimeout(90_000)
    const emu = await startSmuEmulator(model, via)
    try {
      await connectSmu(model, emu.address)
      await expect(page.locator('[data-status="backend"]')).toContainText(`at ${via === 'pty' ? 'serial' : 'tcp'}:${emu.address}`)
      await expect(iv.root.locator('[data-test="backend"]')).toContainText(`SMU ${model}`)
      await runFourRecipes(model)
      const list = iv.root.locator('[data-session]')
      await expect(list.filter({ hasText: 'done' })).toHaveCount(await list.count())
      await backToSimulated()
    } finally {
      emu.child.kill('SIGTERM')
    }
  })
}

test('a pulse width below what an SMU can hold is refused before anything is stored; Stop keeps the points', async () => {
  test.setTimeout(60_000)
  const emu = await startSmuEmulator('keysight-b2900', 'tcp')
  try {
    await connectSmu('keysight-b2900', emu.address)
    await expect(page.locator('[data-status="backend"]')).toContainText('Keysight B2900')
    const before = await iv.root.locator('[data-session]').count()
    await iv.chooseRecipe('cycling')
    await iv.setField('pulseWidthS', '1')
    await iv.start()
    await expect(page.getByText(/Pulse width = 0.000001 s is outside the instrument's 0.001…10 s/)).toBeVisible()
    await expect(iv.root.locator('[data-session]')).toHaveCount(before)

    await iv.chooseRecipe('dc-sweep')
    await iv.setField('cycles', '200')
    await iv.setField('vStepV', '50')
    await startNew()
    await expect(iv.root.locator('[data-test="point-count"]')).not.toHaveText(/^0 points/, { timeout: 10_000 })
    await iv.root.locator('[data-action="stop"]').click()
    await iv.waitStatus('stopped')
    const text = await iv.root.locator('[data-test="point-count"]').innerText()
    const n = Number(/^([\d,]+) points/.exec(text)![1].replace(/,/g, ''))
    expect(n).toBeGreaterThan(0)
    expect(n).toBeLessThan(200 * 165)
    await backToSimulated()
  } finally {
    emu.child.kill('SIGTERM')
  }
})

test('an instrument that is not the model chosen is refused with one line naming *IDN?; a hang-up leaves the session interrupted with its points', async () => {
  test.setTimeout(60_000)
  const b2900 = await startSmuEmulator('keysight-b2900', 'tcp')
  try {
    await connectSmu('keithley-2450', b2900.address)
    await expect(page.getByText(/\*IDN\?: expected a Keithley 2450 in SCPI mode .* got "Keysight Technologies,B2902A/)).toBeVisible()
    await expect(page.locator('[data-status="backend"]')).toContainText('Simulated instruments')
  } finally {
    b2900.child.kill('SIGTERM')
  }
  // Hangs up after its 14th line: connect (4 lines) and a few list segments.
  const flaky = await startSmuEmulator('keithley-2450', 'tcp', ['--hang-up-after', '14'])
  try {
    await connectSmu('keithley-2450', flaky.address)
    await expect(page.locator('[data-status="backend"]')).toContainText('Keithley 2450')
    await iv.chooseRecipe('dc-sweep')
    await iv.setField('cycles', '5')
    await iv.setField('vStepV', '50')
    await startAndWait('interrupted')
    await expect(iv.root.locator('[data-test="point-count"]')).toHaveText(/^[1-9][\d,]* points/)
    await screenshot(page, 'smu-interrupted')
    await backToSimulated()
  } finally {
    flaky.child.kill('SIGTERM')
  }
})

test('CLI: smu sweep --json over the pty (2400) and TCP (2450, 2400 via a converter) prints every point with its compliance flag; a wrong model fails in one line', async () => {
  test.setTimeout(60_000)
  const pty = await startSmuEmulator('keithley-2400', 'pty')
  const tcp = await startSmuEmulator('keithley-2450', 'tcp')
  // A 2400 behind a serial-to-Ethernet converter speaks the same SCPI over TCP.
  const tcp2400 = await startSmuEmulator('keithley-2400', 'tcp')
  try {
    for (const link of [
      ['--model', 'keithley-2400', '--port', pty.address, '--baud', '57600'],
      ['--model', 'keithley-2450', '--tcp', tcp.address],
      ['--model', 'keithley-2400', '--tcp', tcp2400.address]
    ]) {
      const r = await runCli(['smu', 'sweep', ...link, '--from', '0', '--to', '2', '--step', '0.1', '--compliance', '1e-4', '--double', '--json'])
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      const { points } = JSON.parse(r.stdout) as { points: Array<{ voltageV: number; currentA: number; inCompliance: boolean }> }
      expect(points).toHaveLength(41)
      expect(points[20].voltageV).toBeCloseTo(2, 6)
      // The cell SETs on the way up: the limit holds the current at 100 µA and flags it.
      const flagged = points.filter((p) => p.inCompliance)
      expect(flagged.length).toBeGreaterThan(0)
      for (const p of flagged) expect(p.currentA).toBeCloseTo(1e-4, 10)
      for (const p of points.filter((q) => !q.inCompliance)) expect(Math.abs(p.currentA)).toBeLessThan(1e-4)
    }
    const wrong = await runCli(['smu', 'info', '--model', 'keysight-b2900', '--tcp', tcp.address])
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toMatch(/^error: \*IDN\?: expected a Keysight B2900-series SMU .*, got "KEITHLEY INSTRUMENTS,MODEL 2450,[^\n]*\n$/)
  } finally {
    pty.child.kill('SIGTERM')
    tcp.child.kill('SIGTERM')
    tcp2400.child.kill('SIGTERM')
  }
})
