import { describe, expect, it } from 'vitest'
import { figureCards, table1Rows, type FigureStatus, type Reproduction } from './paper-model'

const status = (figure: FigureStatus['figure'], state: FigureStatus['state'], result: FigureStatus['result']): FigureStatus => ({
  figure,
  title: figure,
  state,
  runsDone: 0,
  runs: 4,
  result,
  runIds: [],
  sweepIds: [],
  plan: { groups: [], sweeps: [] }
})

describe('Paper view model', () => {
  it('shows the running figure live and every other card its newest result', () => {
    const old = status('table1', 'done', { cells: [{ iComplianceUA: 50, vStopV: -1, accuracy: 0.5, seeds: 2 }] })
    const rep: Reproduction = { id: 'r', state: 'running', startedAt: '', finishedAt: null, seeds: 2, figures: [status('fig4b', 'running', null)] }
    const cards = figureCards(rep, [old])
    expect(cards.map((c) => c.figure)).toEqual(['table1', 'fig4b', 'fig4c', 'fig4f', 'fig4g', 'fig5d', 'fig5g'])
    expect(cards[0]).toMatchObject({ running: false, shown: old })
    expect(cards[1]).toMatchObject({ running: true, shown: null })
    expect(figureCards({ ...rep, state: 'cancelled' }, [old])[1].running).toBe(false)
  })

  it("lays Table 1 out as the paper prints it, ours beside the paper's", () => {
    const rows = table1Rows({ cells: [{ iComplianceUA: 160, vStopV: -1.6, accuracy: 0.9, seeds: 20 }] })
    expect(rows.map((r) => r.ic)).toEqual([50, 70, 100, 130, 160])
    expect(rows[4].cells[3]).toEqual({ v: -1.6, ours: 0.9, paper: 0.993 })
    expect(rows[0].cells[0]).toEqual({ v: -1, ours: null, paper: 0.694 })
  })
})
