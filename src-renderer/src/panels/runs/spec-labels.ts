import { AGENT_FIELDS } from './agent-fields'

/**
 * The spec fields a researcher groups or compares runs by, in the lab's words with units. Paths are
 * those of `flatten(spec)`; a differing field missing here still shows in the differences table
 * under its path, but is not offered in "Group by" (≈ 50 raw paths would drown the useful few).
 */
const BASE: Record<string, string> = {
  'agent.kind': 'Agent',
  devicePreset: 'Device preset',
  'environment.builtin': 'Maze (built-in)',
  'environment.file': 'Maze file',
  'environment.inline.name': 'Maze (notebook)',
  trials: 'Trials',
  maxStepsPerTrial: 'Step limit per trial',
  tickSeconds: 'Tick (s)',
  finalTrialGreedy: 'Greedy final trial',
  'initialState.run': 'Starts from the state of run'
}

export const SPEC_LABELS: Record<string, string> = (() => {
  const out: Record<string, string> = { ...BASE }
  for (const fields of Object.values(AGENT_FIELDS))
    for (const f of fields) {
      const key = `agent.${f.path}`
      if (!out[key]) out[key] = f.unit ? `${f.label} (${f.unit})` : f.label
    }
  return out
})()

/** A spec path in words: the curated label, or null when the path is not a grouping choice. */
export function specLabel(path: string): string | null {
  return SPEC_LABELS[path] ?? null
}
