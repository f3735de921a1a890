import type { TrialRecord } from './trial-record'

/**
 * Accuracy, defined once for the whole workbench (docs/accuracy.md): the share of independent runs
 * (seeds) whose final trial — the recall trial after the training trials — succeeds. A trial succeeds
 * when the agent reaches the goal within the trial's budget: its step budget and, when the spec sets
 * one, its hardware-time cut-off (a time-out is a failure even if the agent later reached the goal).
 */
export function trialSucceeded(record: Pick<TrialRecord, 'reachedGoal' | 'timedOut'>): boolean {
  return record.reachedGoal && record.timedOut !== true
}

/** Accuracy of a set of runs from the final trial record of each (0–1). Throws on an empty set. */
export function accuracyOf(finalRecords: readonly Pick<TrialRecord, 'reachedGoal' | 'timedOut'>[]): number {
  if (finalRecords.length === 0) throw new RangeError('accuracy needs at least one run')
  let ok = 0
  for (const r of finalRecords) if (trialSucceeded(r)) ok++
  return ok / finalRecords.length
}
