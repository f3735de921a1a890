import { expect } from '@playwright/test'
import type { Locator, Page } from 'playwright-core'

/** The Array programming panel, as a researcher drives it. */
export class ArrayPage {
  readonly root: Locator
  constructor(
    readonly page: Page,
    readonly url: string,
    readonly token: string
  ) {
    this.root = page.locator('[data-panel-root="array"]')
  }

  async open(): Promise<void> {
    await this.page.goto(`${this.url}#/array`)
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Array programming')
    await expect(this.page.locator('[data-status="transport"]')).toContainText('connected')
  }

  private async openNewArrayForm(): Promise<void> {
    const details = this.root.locator('details.new')
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click()
  }

  async createSimulated(o: { name: string; rows: number; cols: number; seed: number; initialState?: 'pristine' | 'hrs' | 'lrs' }): Promise<void> {
    await this.openNewArrayForm()
    await this.root.locator('[data-field="mode-simulated"]').check()
    await this.root.locator('[data-field="name"]').fill(o.name)
    await this.root.locator('[data-field="rows"]').fill(String(o.rows))
    await this.root.locator('[data-field="cols"]').fill(String(o.cols))
    await this.root.locator('[data-field="seed"]').fill(String(o.seed))
    await this.root.locator('[data-field="initial-state"]').selectOption(o.initialState ?? 'hrs')
    await this.root.locator('[data-action="create-array"]').click()
    await expect(this.root.locator('[data-field="array"] option:checked')).toContainText(o.name)
  }

  async attachBoard(path: string, baudRate: number): Promise<void> {
    await this.openNewArrayForm()
    await this.root.locator('[data-field="mode-serial"]').check()
    await this.root.locator('[data-field="serial-path"]').fill(path)
    await this.root.locator('[data-field="baud"]').fill(String(baudRate))
    await this.root.locator('[data-action="create-array"]').click()
    await expect(this.root.locator('[data-field="array"] option:checked')).toContainText(path)
  }

  async readMap(repeats: 1 | 20 = 1): Promise<void> {
    await this.root.locator('[data-tab="read"]').click()
    await this.root.locator(repeats === 1 ? '[data-action="read"]' : '[data-action="read-repeat"]').click()
    await expect(this.root.locator('[data-map="Conductance (read)"] .bar')).toBeVisible()
  }

  /** Choose target and algorithm, program, and wait for the result tab to show the finished job. */
  async program(o: { target: 'checkerboard' | 'gradient' | 'run'; algorithm: 'binary' | 'gate-ramp' | 'voltage-ramp'; run?: { id: number; map: 'synapse' | 'threshold' } }): Promise<void> {
    await this.root.locator(`[data-target="${o.target}"]`).check()
    if (o.run) {
      await expect(this.root.locator('[data-field="maze-run"] option')).not.toHaveText(['no stored maze runs'])
      await this.root.locator('[data-field="maze-run"]').selectOption(String(o.run.id))
      await this.root.locator('[data-field="run-map"]').selectOption(o.run.map)
    }
    await this.root.locator('[data-field="algorithm"]').selectOption(o.algorithm)
    await this.root.locator('[data-action="program"]').click()
    await expect(this.root.locator('[data-progress]')).toContainText('done', { timeout: 60_000 })
    await expect(this.root.locator('[data-tab="result"]')).toHaveAttribute('aria-selected', 'true')
    await expect(this.root.locator('[data-map="Error map (G − target) / target"] .bar')).toBeVisible()
  }

  /** The yield shown in the summary, as a fraction. */
  async yieldShown(): Promise<number> {
    const text = await this.root.locator('[data-yield]').innerText()
    return Number(text.replace('%', '').trim()) / 100
  }

  async hoverMap(title: string, fx = 0.5, fy = 0.5): Promise<string> {
    const c = this.root.locator(`[data-map="${title}"] canvas.map`)
    const box = (await c.boundingBox())!
    await this.page.mouse.move(box.x + box.width * fx, box.y + box.height * fy)
    return this.root.locator('[data-hover]').first().innerText()
  }

  /** Call the lab host's API from inside the page (the same WebSocket contract the app uses). */
  async api<T>(op: string, input: unknown): Promise<T> {
    const reply = await this.page.evaluate(
      async ({ token, op, input }) => {
        const ws = new WebSocket(`ws://${location.host}/api?token=${token}`)
        await new Promise((r) => (ws.onopen = r))
        const got = new Promise<string>((r) => {
          ws.onmessage = (e) => {
            const m = JSON.parse(String(e.data))
            if (m.id === 1) r(String(e.data))
          }
        })
        ws.send(JSON.stringify({ id: 1, op, input }))
        const text = await got
        ws.close()
        return JSON.parse(text).result as { ok: boolean; value?: unknown; error?: { message: string } }
      },
      { token: this.token, op, input }
    )
    if (!reply.ok) throw new Error(`${op}: ${reply.error?.message}`)
    return reply.value as T
  }
}
