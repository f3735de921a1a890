import type { Download, Locator, Page } from 'playwright-core'
import { expect } from '@playwright/test'

/** The I–V characterization panel, in the words of a researcher using it. */
export class IvPage {
  readonly root: Locator

  constructor(readonly page: Page) {
    this.root = page.locator('[data-panel-root="iv"]')
  }

  async open(url: string): Promise<void> {
    await this.page.goto(`${url}#/iv`)
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('I–V characterization')
    await expect(this.page.locator('[data-status="transport"]')).toContainText('connected')
  }

  async chooseRecipe(id: string): Promise<void> {
    await this.root.locator('select[data-field="recipe"]').selectOption(id)
  }

  /** Type a recipe field (in the unit the form shows next to it). */
  async setField(key: string, value: string): Promise<void> {
    await this.root.locator(`input[data-field="${key}"]`).fill(value)
  }

  async start(): Promise<void> {
    await this.root.locator('[data-action="start"]').click()
  }

  /** Wait for the selected session to end with this status. */
  async waitStatus(status: string, timeout = 60_000): Promise<void> {
    await expect(this.root.locator('[data-test="session-status"]')).toHaveText(status, { timeout })
  }

  async tab(id: 'curves' | 'cycles' | 'stats' | 'fit'): Promise<void> {
    await this.root.locator(`[data-tab="${id}"]`).click()
  }

  cycleRows(): Locator {
    return this.root.locator('[data-test="cycle-table"] tbody tr')
  }

  /** The per-cycle table as text, row by row (V_set … on/off). */
  async cycleTable(): Promise<string[]> {
    await this.tab('cycles')
    await expect(this.cycleRows().first()).toBeVisible()
    return this.cycleRows().allInnerTexts()
  }

  session(id: number): Locator {
    return this.root.locator(`[data-session="${id}"]`)
  }

  async selectedSessionId(): Promise<number> {
    const t = await this.root.locator('[data-test="session-title"]').innerText()
    return Number(/^#(\d+)/.exec(t)![1])
  }

  /** Rename a session from the list (inline: type the name, Save). */
  async renameSession(id: number, name: string): Promise<void> {
    await this.session(id).locator('[data-action="rename"]').click()
    await this.session(id).locator('input[data-field="session-name"]').fill(name)
    await this.session(id).locator('[data-action="save-name"]').click()
  }

  /** Click a session's Delete; returns the confirm dialog (confirm or cancel it). */
  async askDelete(id: number): Promise<Locator> {
    await this.session(id).locator('[data-action="delete"]').click()
    const dialog = this.page.getByRole('dialog', { name: 'Delete session' })
    await expect(dialog).toBeVisible()
    return dialog
  }

  async tickForFit(id: number): Promise<void> {
    await this.session(id).locator('input[type="checkbox"]').check()
  }

  /** Click *Export HDF5* and wait for the browser's download of the file. */
  async exportHdf5(): Promise<Download> {
    const download = this.page.waitForEvent('download')
    await this.root.locator('[data-action="export-hdf5"]').click()
    return download
  }

  async openImport(): Promise<Locator> {
    await this.root.locator('[data-action="open-import"]').click()
    const dialog = this.page.getByRole('dialog', { name: 'Import measured I–V data' })
    await expect(dialog).toBeVisible()
    return dialog
  }
}
