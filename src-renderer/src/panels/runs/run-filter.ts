import type { RunStatus, RunSummary } from '@api/schemas/run'

export interface RunFilter {
  text: string
  status: RunStatus | ''
  agent: string
  environment: string
  tag: string
  /** Show the runs of sweeps (kind `sweep`: thousands of cells, summarized in the Sweeps view); default off. */
  sweepCells?: boolean
}

export type SortKey = 'id' | 'name' | 'createdAt' | 'agentKind' | 'environmentName' | 'devicePreset' | 'seed' | 'status' | 'trialCount' | 'finalSteps'

/** The records this table lists: maze runs and sweep cells. Array programming jobs live in the Array panel. */
export const isMazeRecord = (r: Pick<RunSummary, 'kind'>): boolean => r.kind !== 'array'

/** Runs that pass every filter, sorted; a pure function of the list (tested without a browser). */
export function filterRuns(all: readonly RunSummary[], f: RunFilter, sort: { key: SortKey; dir: 1 | -1 }): RunSummary[] {
  const text = f.text.trim().toLowerCase()
  const out = all.filter(
    (r) =>
      isMazeRecord(r) &&
      (f.sweepCells || r.kind !== 'sweep') &&
      (!f.status || r.status === f.status) &&
      (!f.agent || r.agentKind === f.agent) &&
      (!f.environment || r.environmentName === f.environment) &&
      (!f.tag || r.tags.includes(f.tag)) &&
      (!text || r.name.toLowerCase().includes(text) || r.notes.toLowerCase().includes(text) || r.tags.some((t) => t.toLowerCase().includes(text)) || String(r.id) === text)
  )
  const { key, dir } = sort
  out.sort((a, b) => {
    const va = a[key]
    const vb = b[key]
    if (va === vb) return (a.id - b.id) * dir
    if (va === null || va === undefined) return 1
    if (vb === null || vb === undefined) return -1
    return (va < vb ? -1 : 1) * dir
  })
  return out
}

/** Distinct values for the filter menus. */
export function facets(all: readonly RunSummary[]): { agents: string[]; environments: string[]; tags: string[] } {
  const agents = new Set<string>()
  const environments = new Set<string>()
  const tags = new Set<string>()
  for (const r of all) {
    if (r.agentKind) agents.add(r.agentKind)
    if (r.environmentName) environments.add(r.environmentName)
    for (const t of r.tags) tags.add(t)
  }
  return { agents: [...agents].sort(), environments: [...environments].sort(), tags: [...tags].sort() }
}
