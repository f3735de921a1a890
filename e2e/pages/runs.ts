import type { Locator, Page } from 'playwright-core'

/** The Runs & comparison panel, as a researcher drives it. */
export class RunsPage {
  readonly root: Locator
  constructor(readonly page: Page) {
    this.root = page.locator('[data-panel-root="runs"]')
  }

  async open(base: string, sub = ''): Promise<void> {
    const u = new URL(base)
    u.hash = `#/runs${sub}`
    await this.page.goto(u.toString())
    await this.root.waitFor()
  }

  tab(id: 'new' | 'live' | 'stored' | 'compare'): Locator {
    return this.root.locator(`[data-tab="${id}"]`)
  }

  field(path: string): Locator {
    return this.root.locator(`[data-field="${path}"]`)
  }

  /** Apply one of the paper's experiments (examples/<file>.json), then shorten it. */
  async launch(options: { example?: string; agent?: 'bio-rram' | 'q-table' | 'dqn'; trials: number; seeds: number; name: string; maxSteps?: number }): Promise<void> {
    await this.tab('new').click()
    if (options.example) await this.root.locator(`[data-example="${options.example}"]`).click()
    if (options.agent) await this.root.locator(`[data-agent="${options.agent}"]`).check()
    await this.field('trials').fill(String(options.trials))
    if (options.maxSteps) await this.field('maxStepsPerTrial').fill(String(options.maxSteps))
    await this.field('seeds').fill(String(options.seeds))
    await this.field('name').fill(options.name)
    await this.root.getByTestId('launch-start').click()
  }

  /** Open the Sweeps view and start one of the paper's sweeps (examples/<file>.json) with `seedsPerCell`; the view. */
  async startSweep(base: string, example: string, seedsPerCell: number): Promise<Locator> {
    await this.open(base, '/sweeps')
    const view = this.root.getByTestId('sweeps-view')
    await view.getByTestId('sweep-example').selectOption(example)
    await view.getByPlaceholder('as in the file').fill(String(seedsPerCell))
    await view.getByTestId('sweep-start').click()
    return view
  }

  row(id: number): Locator {
    return this.root.locator(`[data-run-id="${id}"]`)
  }

  rowsNamed(text: string | RegExp): Locator {
    return this.root.getByTestId('runs-table').locator('[data-run-id]').filter({ hasText: text })
  }
}
