import fs from 'node:fs'
import path from 'node:path'
import { FIGURE_EXAMPLE_FILES, type FigureExamples } from '../../../src-core/experiment/figures'
import { findAppRoot } from '../store/migrations'

/** The example specs the figures start from (examples/*.json of the app folder), read once per reproduction. */
export function readFigureExamples(dir = path.join(findAppRoot(), 'examples')): FigureExamples {
  const out: Partial<FigureExamples> = {}
  for (const [key, file] of Object.entries(FIGURE_EXAMPLE_FILES) as [keyof FigureExamples, string][]) {
    const full = path.join(dir, file)
    let text: string
    try {
      text = fs.readFileSync(full, 'utf8')
    } catch {
      throw new Error(`${full}: missing (reproduce reads the paper's protocols from examples/)`)
    }
    out[key] = JSON.parse(text) as Record<string, unknown>
  }
  return out as FigureExamples
}
