/**
 * The workbench's limits at the door: every op's input schema and the CLI check these before
 * anything is stored or sent (docs/limits.md is this table in prose). A device preset or a board
 * may be stricter; those limits are checked too, still before anything is stored.
 * Pure data (no imports): the api contract, the services and the CLI all read it.
 */
export const LIMITS = {
  /** Largest |V| a request may name (our default: 5 V, twice Bianchi 2023's +2.5 V SET sweep). */
  vMaxAbsV: 5,
  /** Largest read voltage: above 0.5 V a read disturbs the cell (our default; Bianchi 2023 read at 0.1 V). */
  vReadMaxV: 0.5,
  /** Largest compliance current (our default: 1 mA, 6× Bianchi 2023's 170 µA maximum). */
  iComplianceMaxA: 1e-3,
  /** Pulse widths the simulator's board accepts (our default, simulatorBoardLimits): 10 ns … 1 s. */
  pulseWidthMinS: 10e-9,
  pulseWidthMaxS: 1,
  /** Largest side of an array, cells. */
  arraySideMax: 1024,
  /** Largest sweep: cells (grid product) and runs (cells × seeds) per launch. 10⁵ cells stalled the host 17 s. */
  sweepCellsMax: 10_000,
  sweepRunsMax: 20_000,
  /** Largest imported text file (I–V CSV, maze file, target CSV), bytes of its text. */
  importBytesMax: 9_000_000,
  /** Largest elevation image, pixels (width × height; 4096², src-core's MAX_GRID_SIDE per side), checked from the PNG header before decoding. */
  imagePixelsMax: 4096 * 4096
} as const

/** Cells and runs of a raw sweep spec, counted from its grid and seed count without expanding it (null: not a sweep shape). */
export function sweepSize(raw: unknown): { cells: number; runs: number } | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null
  const { grid, seeds } = raw as { grid?: unknown; seeds?: unknown }
  if (grid === null || typeof grid !== 'object' || Array.isArray(grid)) return null
  let cells = 1
  for (const values of Object.values(grid)) {
    if (!Array.isArray(values)) return null
    cells *= Math.max(1, values.length)
  }
  const count = seeds && typeof seeds === 'object' && typeof (seeds as { count?: unknown }).count === 'number' ? (seeds as { count: number }).count : 20
  return { cells, runs: cells * Math.max(1, Number.isFinite(count) ? count : 1) }
}

/** The sweep-size refusal (path inside the sweep spec, message), or null when the sweep fits the table. */
export function sweepSizeIssue(raw: unknown): { path: string[]; message: string } | null {
  const size = sweepSize(raw)
  if (!size) return null
  if (size.cells > LIMITS.sweepCellsMax) return { path: ['grid'], message: `${size.cells.toPrecision(3)} cells; a sweep has at most ${LIMITS.sweepCellsMax} cells` }
  if (size.runs > LIMITS.sweepRunsMax) return { path: ['seeds', 'count'], message: `${size.cells} cells × seeds = ${size.runs.toPrecision(3)} runs; a sweep has at most ${LIMITS.sweepRunsMax} runs` }
  return null
}
