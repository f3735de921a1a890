import type { RunSummary } from '@api/schemas/run'

/**
 * The stored maze runs whose learned state can be programmed onto an array: bio-RRAM runs only (their
 * synapse and threshold maps are device conductances; tabular Q and DQN runs have no such maps).
 * Finished runs first, newest first; a run stopped early follows, named as such, and is never the default.
 */
export function policyRuns(all: readonly RunSummary[]): { run: RunSummary; label: string; complete: boolean }[] {
  const usable = all.filter((r) => r.kind === 'maze' && r.agentKind === 'bio-rram' && ['done', 'cancelled', 'interrupted', 'failed'].includes(r.status) && r.trialCount > 0)
  const complete = (r: RunSummary) => r.status === 'done'
  return usable
    .sort((a, b) => Number(complete(b)) - Number(complete(a)) || b.id - a.id)
    .map((r) => ({
      run: r,
      complete: complete(r),
      label: `#${r.id} ${r.name}${complete(r) ? '' : ` (${r.status} at trial ${r.trialCount}${r.trialsPlanned ? ` of ${r.trialsPlanned}` : ''})`}`
    }))
}

/** The run the picker starts on: the newest finished one, or none. */
export const defaultPolicyRun = (all: readonly RunSummary[]): number => policyRuns(all).find((p) => p.complete)?.run.id ?? 0
