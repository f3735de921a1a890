import type { Locator, Page } from 'playwright-core'
import { expect } from '@playwright/test'

/** The Maze design panel, in the words of a researcher using it. */
export class MazePage {
  readonly root: Locator
  readonly canvas: Locator

  constructor(readonly page: Page) {
    this.root = page.locator('[data-panel-root="maze"]')
    this.canvas = this.root.locator('[data-maze-canvas]')
  }

  async open(url: string): Promise<void> {
    await this.page.goto(`${url}#/maze`)
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Maze design')
    await expect(this.page.locator('[data-status="transport"]')).toContainText('connected')
  }

  /** Page coordinates of the centre of cell (row, col), 0-based, from the canvas's current view. */
  async cellPoint(row: number, col: number): Promise<{ x: number; y: number }> {
    await expect(this.canvas).toHaveAttribute('data-view', /,/)
    const [scale, ox, oy] = (await this.canvas.getAttribute('data-view'))!.split(',').map(Number)
    const box = (await this.canvas.boundingBox())!
    return { x: box.x + ox + (col + 0.5) * scale, y: box.y + oy + (row + 0.5) * scale }
  }

  async newBlank(width: number, height: number): Promise<void> {
    await this.root.locator('[data-new-width]').fill(String(width))
    await this.root.locator('[data-new-height]').fill(String(height))
    await this.root.locator('[data-action="new-blank"]').click()
    await expect(this.root.getByText(`${width}×${height} cells`)).toBeVisible()
  }

  async tool(brush: string, shape = 'pen'): Promise<void> {
    await this.root.locator(`[data-brush="${brush}"]`).click()
    if (brush !== 'start') await this.root.locator(`[data-shape="${shape}"]`).click()
  }

  /** Press on one cell, drag to another, release (0-based cells). */
  async drag(from: [number, number], to: [number, number]): Promise<void> {
    const a = await this.cellPoint(...from)
    const b = await this.cellPoint(...to)
    await this.page.mouse.move(a.x, a.y)
    await this.page.mouse.down()
    await this.page.mouse.move(b.x, b.y, { steps: 8 })
    await this.page.mouse.up()
  }

  async click(row: number, col: number): Promise<void> {
    const p = await this.cellPoint(row, col)
    await this.page.mouse.click(p.x, p.y)
  }

  /** What the status line says about the cell under the mouse. */
  async hoverText(row: number, col: number): Promise<string> {
    const p = await this.cellPoint(row, col)
    await this.page.mouse.move(p.x, p.y)
    return (await this.root.locator('[data-hover-cell]').textContent()) ?? ''
  }

  libraryItem(name: string): Locator {
    return this.root.locator(`[data-maze-item="${name}"]`)
  }

  async libraryCount(): Promise<number> {
    return this.root.locator('[data-maze-item]').count()
  }

  async importFile(file: string): Promise<void> {
    await this.root.locator('[data-import-input]').setInputFiles(file)
  }
}
