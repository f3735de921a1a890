import { specWords } from './spec-words'

/** How a sweep's cells are shown: accuracy maps (trials × steps) per agent, a two-parameter table, or a list. */
export interface SweepCellView {
  params: Record<string, unknown>
  accuracy: number | null
  meanSteps: number | null
  done: number
  seeds: number
}

export interface AccuracyMap {
  title: string
  rows: number[]
  cols: number[]
  /** accuracy[r][c]; null = no finished seed yet. */
  values: (number | null)[][]
}

const label = (v: unknown) => (v !== null && typeof v === 'object' && 'kind' in (v as object) ? String((v as { kind: unknown }).kind) : JSON.stringify(v))

/**
 * Accuracy maps: rows = `trials`, columns = `maxStepsPerTrial`, one map per combination of the other
 * grid paths (e.g. the agent); null when the grid has not both paths.
 */
export function accuracyMaps(cells: readonly SweepCellView[]): AccuracyMap[] | null {
  if (cells.length === 0 || !('trials' in cells[0].params) || !('maxStepsPerTrial' in cells[0].params)) return null
  const others = Object.keys(cells[0].params).filter((p) => p !== 'trials' && p !== 'maxStepsPerTrial')
  const rows = [...new Set(cells.map((c) => Number(c.params.trials)))].sort((a, b) => a - b)
  const cols = [...new Set(cells.map((c) => Number(c.params.maxStepsPerTrial)))].sort((a, b) => a - b)
  const maps = new Map<string, AccuracyMap>()
  for (const c of cells) {
    const title = others.map((p) => `${p === 'agent' ? '' : `${p} = `}${label(c.params[p])}`).join(', ') || 'accuracy'
    let m = maps.get(title)
    if (!m) maps.set(title, (m = { title, rows, cols, values: rows.map(() => cols.map(() => null)) }))
    m.values[rows.indexOf(Number(c.params.trials))][cols.indexOf(Number(c.params.maxStepsPerTrial))] = c.accuracy
  }
  return [...maps.values()]
}

/** a − b cell by cell (null where either is missing). */
export function differenceMap(a: AccuracyMap, b: AccuracyMap): AccuracyMap {
  return { title: `${a.title} − ${b.title}`, rows: a.rows, cols: a.cols, values: a.values.map((row, r) => row.map((v, c) => (v === null || b.values[r][c] === null ? null : v - b.values[r][c]!))) }
}

/** A two-parameter grid (e.g. I_C × V_STOP) as a table: rows = first path, columns = second. */
export function twoWayTable(cells: readonly SweepCellView[]): { rowPath: string; colPath: string; rows: unknown[]; cols: unknown[]; values: (SweepCellView | null)[][] } | null {
  if (cells.length === 0) return null
  const paths = Object.keys(cells[0].params)
  if (paths.length !== 2) return null
  const [rowPath, colPath] = paths
  const uniq = (p: string) => [...new Map(cells.map((c) => [JSON.stringify(c.params[p]), c.params[p]])).values()]
  const rows = uniq(rowPath)
  const cols = uniq(colPath)
  const key = (v: unknown) => JSON.stringify(v)
  const values = rows.map((r) => cols.map((c) => cells.find((x) => key(x.params[rowPath]) === key(r) && key(x.params[colPath]) === key(c)) ?? null))
  return { rowPath, colPath, rows, cols, values }
}

export { label as paramLabel }

/** Sweep paths a researcher knows by another name, with their unit (the table's headings). */
const PATH_NAMES: Record<string, string> = {
  'agent.programming.iComplianceUA': 'I_C (µA)',
  'agent.programming.vStopV': 'V_STOP (V)',
  'agent.synapse.hebbianIcUA': 'Hebbian I_C (µA)',
  'agent.homeostasis.restVStopV': 'rest V_STOP (V)',
  'agent.theta0LrsTicks': 'θ0 (LRS ticks)',
  'agent.devicesPerPosition': 'devices per position',
  'agent.thresholdMode': 'threshold mode',
  maxStepsPerTrial: 'step budget (ticks)',
  tickSeconds: 'tick (s)'
}

/** The heading of a sweep path: its short lab name and unit, else the spec's words for it (spec-words.ts). */
export function pathName(path: string): string {
  return PATH_NAMES[path] ?? specWords(path)
}
