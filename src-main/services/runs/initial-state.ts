import type { BioRramStateData } from '../../../src-core/agents/bio-rram/state'
import { resolveEnvironment, type RunSpec } from '../../../src-core/experiment'
import { resolveTrial } from '../../../src-core/env/schedule'
import { StoreError } from '../store/errors'
import type { RunsRepo } from '../store/runs-repo'
import type { SnapshotsRepo } from '../store/snapshots-repo'
import { InputError } from '../errors'

/**
 * Transfer learning (science README §3): the learned device state a spec's `initialState` names —
 * a stored bio-RRAM run's thresholds, threshold kinds and synapses (all eight directions) after one of
 * its snapshot trials (default: its newest) — checked against the new run's environment. Errors name
 * `spec.initialState.run` or `.trial`; nothing is stored by the caller when this throws.
 */
export function resolveInitialState(spec: RunSpec, runs: RunsRepo, snapshots: SnapshotsRepo, fieldPrefix = 'spec'): BioRramStateData | undefined {
  const ref = spec.initialState
  if (!ref) return undefined
  const field = `${fieldPrefix}.initialState`
  let source
  try {
    source = runs.get(ref.run)
  } catch {
    throw new StoreError('not-found', `initialState.run: there is no stored run ${ref.run}`, `${field}.run`)
  }
  if (source.agentKind !== 'bio-rram') {
    throw new InputError(`initialState.run: run ${ref.run} is a ${source.agentKind ?? 'non-maze'} run; only a bio-rram run leaves a device state`, `${field}.run`)
  }
  const stored = snapshots.list(ref.run)
  const trials = stored.map((s) => s.trial)
  if (trials.length === 0) throw new InputError(`initialState.run: run ${ref.run} stored no snapshot, so no learned state`, `${field}.run`)
  const trial = ref.trial ?? trials[trials.length - 1]
  if (!trials.includes(trial)) {
    throw new InputError(`initialState.trial: run ${ref.run} stored its state after trials ${trials.join(', ')}, not ${trial}`, `${field}.trial`)
  }
  const { layers } = snapshots.get(ref.run, trial)
  const layer = (name: string) => layers.find((l) => l.layer === name)
  const thresholds = layer('thresholds')
  const synapses = layer('synapses')
  const kinds = layer('kinds')
  if (!thresholds || !synapses || synapses.planes !== 8 || !kinds) {
    throw new InputError(
      `initialState.trial: the snapshot of run ${ref.run} at trial ${trial} does not hold the whole device state (thresholds, kinds and all eight synapse planes): it was stored by an older version`,
      `${field}.trial`
    )
  }
  const env = resolveEnvironment(spec)
  const first = env.layouts[resolveTrial(env.schedule, 1).layoutId]
  if (first.width !== thresholds.width || first.height !== thresholds.height) {
    throw new InputError(`initialState.run: run ${ref.run} learned a ${thresholds.width}×${thresholds.height} environment; this one is ${first.width}×${first.height}`, `${field}.run`)
  }
  return {
    width: thresholds.width,
    height: thresholds.height,
    thresholdsTheta0: Float32Array.from(thresholds.values),
    synapsesS: Float32Array.from(synapses.values),
    kinds: Uint8Array.from(kinds.values)
  }
}
