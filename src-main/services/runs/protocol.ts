import type { BioRramStateData } from '../../../src-core/agents/bio-rram/state'
import { experimentTrials, resolveEnvironment, resolvePreset, toStoredTrial, type RunSpec, type StateLayer, type StoredTrialRecord, type TrialState } from '../../../src-core/experiment'

export interface ProtocolHooks {
  /** No maps wanted (sweep cells): the agent records no path and no state is computed. */
  lean?: boolean
  onTrial(record: StoredTrialRecord): void
  /**
   * Learned state after `trial`; `layers` computes the maps only when called. `stored`: keep it as a
   * snapshot (the spec's snapshot trials, the last trial, and the last trial done before a cancel).
   */
  onState(trial: number, layers: () => StateLayer[], stored: boolean): void
  /** Asked before every trial: stop now (cancel). May block while paused. */
  shouldStop(): boolean
  /** Transfer learning: the learned state the spec's `initialState` names (resolved by main). */
  initialState?: BioRramStateData
}

/**
 * Run a validated spec with src-core's trial loop, one trial per step of its generator: each record in
 * its stored shape (toStoredTrial), then the learned state the core computed. Only transport here.
 */
export function runProtocol(spec: RunSpec, hooks: ProtocolHooks): 'done' | 'cancelled' {
  const env = resolveEnvironment(spec)
  const preset = resolvePreset(spec.devicePreset)
  // The core offers the learned state (its maps, src-core/experiment/state-layers.ts) just before it
  // yields the trial's record; it is passed on after the record, so a trial is posted before its maps.
  let offered: TrialState | null = null
  const trials = experimentTrials(spec, env, preset, hooks.lean ? undefined : (s) => (offered = s), undefined, hooks.initialState)
  // The state after the newest trial, kept so a cancelled run still stores where it stopped.
  let newest: TrialState | null = null
  for (;;) {
    if (hooks.shouldStop()) {
      if (newest && !newest.snapshot) hooks.onState(newest.trial, newest.layers, true)
      return 'cancelled'
    }
    const next = trials.next()
    if (next.done) return 'done'
    hooks.onTrial(toStoredTrial(next.value))
    newest = offered as TrialState | null
    offered = null
    if (newest) hooks.onState(newest.trial, newest.layers, newest.snapshot)
  }
}
