import Papa from 'papaparse'
import { FIGURES, FIGURE_TITLES, PAPER_TABLE1, figureCsvTables, type FigureName } from '@core/experiment/figures'
import type { Output } from '@api/contract'

export type FigureStatus = Output<'paper.status'>['latest'][number]
export type Reproduction = NonNullable<Output<'paper.status'>['reproduction']>

export interface FigureCardModel {
  figure: FigureName
  title: string
  /** This figure in the running reproduction, if it is part of it. */
  live: FigureStatus | null
  /** The newest finished result (live one when it has finished). */
  shown: FigureStatus | null
  running: boolean
}

/** One card per figure: the live status when the current reproduction holds it, else the newest result. */
export function figureCards(reproduction: Reproduction | null, latest: FigureStatus[]): FigureCardModel[] {
  return FIGURES.map((figure) => {
    const live = reproduction?.figures.find((f) => f.figure === figure) ?? null
    const running = reproduction?.state === 'running' && live !== null && (live.state === 'queued' || live.state === 'running')
    const last = latest.find((f) => f.figure === figure) ?? null
    return { figure, title: FIGURE_TITLES[figure], live, shown: live?.result ? live : last, running }
  })
}

/** Table 1 cells, ours beside the paper's, rows I_C, columns V_STOP. */
export function table1Rows(result: unknown): { ic: number; cells: { v: number; ours: number | null; paper: number }[] }[] {
  const cells = (result as { cells?: { iComplianceUA: number; vStopV: number; accuracy: number | null }[] } | null)?.cells ?? []
  return PAPER_TABLE1.iComplianceUA.map((ic, i) => ({
    ic,
    cells: PAPER_TABLE1.vStopV.map((v, k) => ({
      v,
      ours: cells.find((c) => c.iComplianceUA === ic && c.vStopV === v)?.accuracy ?? null,
      paper: Number((PAPER_TABLE1.accuracyPct[i][k] / 100).toFixed(4))
    }))
  }))
}

export const pct = (a: number | null) => (a === null ? '–' : `${(100 * a).toFixed(1)} %`)

/** A figure's CSV files, the same bytes as `reproduce --out` writes (NAME.csv; fig4b also NAME-seeds.csv). */
export function figureCsvFiles(figure: FigureName, result: unknown): { name: string; text: string }[] {
  return figureCsvTables(figure, result as never).map(({ name, rows }) => ({ name, text: Papa.unparse(rows as unknown[][], { newline: '\n' }) + '\n' }))
}
