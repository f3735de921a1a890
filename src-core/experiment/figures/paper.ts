import type { FigureName } from './names'

/**
 * The paper's published numbers that the docs hold (Bianchi et al., Nat. Commun. 14, 1565 (2023)),
 * each with where it was read. Reports show them beside ours; nothing here is fitted to.
 */
export interface PaperItem {
  what: string
  value: string
  source: string
}

const ISSUE = 'Bianchi 2023 as quoted in issue 14'
const SCIENCE = 'shared/science/README.md'

/** Table 1 of the paper (accuracy %, rows I_C in µA, columns V_STOP in V), as quoted in issue 14. */
export const PAPER_TABLE1 = {
  source: 'Bianchi 2023, Table 1 (quoted in issue 14)',
  iComplianceUA: [50, 70, 100, 130, 160],
  vStopV: [-1.0, -1.2, -1.4, -1.6],
  accuracyPct: [
    [69.4, 89.8, 96.6, 98.1],
    [73.1, 91.0, 97.0, 98.5],
    [75.3, 92.4, 97.7, 98.7],
    [77.7, 93.4, 99.0, 99.3],
    [78.6, 94.9, 99.2, 99.3]
  ]
} as const

/** The paper's accuracy at one Table 1 cell (0–1), or null off its grid. */
export function paperTable1Accuracy(iComplianceUA: number, vStopV: number): number | null {
  const r = PAPER_TABLE1.iComplianceUA.indexOf(iComplianceUA as never)
  const c = PAPER_TABLE1.vStopV.indexOf(vStopV as never)
  return r < 0 || c < 0 ? null : PAPER_TABLE1.accuracyPct[r][c] / 100
}

/** Hardware trial cut-off of the dynamic maze, µs (Bianchi 2023 hardware, science README §2.8). */
export const PAPER_CUTOFF_US = 900
/** Trials of time-outs and re-learning after the switch to maze 2 on the hardware, ≈ 30 (Bianchi 2023 as quoted in issue 14). */
export const PAPER_SWITCH_TRIALS = 30
/** Shortest 8-connected path of the Mars task, moves (shared/science/data/README.md). */
export const PAPER_MARS_SHORTEST_MOVES = 97
/** Memory elements per position: bio network 16 devices, tabular Q 8 entries (science README §3). */
export const PAPER_MEMORY_PER_POSITION = { bioRram: 16, qTable: 8 } as const

export const PAPER_ITEMS: Record<FigureName, PaperItem[]> = {
  table1: [{ what: 'accuracy', value: '69.4 % (50 µA, −1.0 V) → 99.3 % (160 µA, −1.6 V), rising along both axes', source: PAPER_TABLE1.source }],
  fig4b: [
    { what: 'trial cut-off', value: '≈ 900 µs', source: SCIENCE + ' §2.8' },
    { what: 'converged time to reward', value: 'a few µs (burst recall of the learned path)', source: ISSUE },
    { what: 'cost of the switch to maze 2', value: 'tens of trials of time-outs and re-learning (≈ 30)', source: ISSUE },
    { what: 'back on maze 1 (trials 121+)', value: 'recalled, no time-out', source: ISSUE },
    { what: 'seeds like the paper’s run', value: 'one hardware run: ≈ 30 trials after the switch, then maze 1 recalled with no time-out', source: ISSUE }
  ],
  fig4c: [
    { what: 'neuron firing', value: '≈ 0.2 nJ per trial', source: ISSUE },
    { what: 'controller', value: '≈ 33 nJ per trial, flat', source: ISSUE },
    { what: 'integration', value: 'tens of nJ → tens of pJ once learned', source: ISSUE }
  ],
  fig4f: [{ what: 'deep Q accuracy on these axes', value: '93–99 %', source: ISSUE }],
  fig4g: [
    { what: 'bio-RRAM', value: '16 devices per position', source: SCIENCE + ' §3' },
    { what: 'tabular Q', value: '8 entries per position', source: SCIENCE + ' §3' },
    { what: 'deep Q', value: 'trainable parameters of its network', source: SCIENCE + ' §3' }
  ],
  fig5d: [
    { what: 'shortest path', value: '97 moves', source: 'shared/science/data/README.md' },
    { what: 'learned path / shortest path', value: '≈ 1.8×', source: ISSUE }
  ],
  fig5g: [{ what: 'transfer learning', value: 'a related task learned first speeds up learning (a curve, no number in the docs)', source: SCIENCE + ' §3' }]
}
