import { ref, shallowRef, watch, type Ref } from 'vue'
import { useRuns } from '../../stores/runs'
import { defaultSnapshotTrial, mapsFromSnapshot, type RunMaps } from './run-maps'

export type StoredMapsState = 'idle' | 'loading' | 'ready' | 'none' | 'error'

/**
 * The stored snapshots of a run that is no longer running: the trials that have one, the chosen
 * trial (the newest by default) and its maps. Idle while the run is in progress (live frames then).
 */
export function useStoredMaps(runId: Ref<number | null>, finished: Ref<boolean>) {
  const runs = useRuns()
  const trials = ref<number[]>([])
  const chosen = ref<number | null>(null)
  const maps = shallowRef<RunMaps | null>(null)
  const state = ref<StoredMapsState>('idle')
  const error = ref<string | null>(null)

  const fail = (e: unknown) => {
    state.value = 'error'
    error.value = e instanceof Error ? e.message : String((e as { message?: string })?.message ?? e)
  }

  watch(
    [runId, finished],
    async ([id, done]) => {
      trials.value = []
      chosen.value = null
      maps.value = null
      error.value = null
      if (id === null || !done) {
        state.value = 'idle'
        return
      }
      state.value = 'loading'
      try {
        const list = await runs.snapshotTrials(id)
        if (runId.value !== id) return // another run was chosen meanwhile
        trials.value = list.map((s) => s.trial)
        chosen.value = defaultSnapshotTrial(trials.value, null)
        if (chosen.value === null) state.value = 'none'
      } catch (e) {
        if (runId.value === id) fail(e)
      }
    },
    { immediate: true }
  )

  watch([runId, chosen], async ([id, trial]) => {
    if (id === null || trial === null) return
    state.value = 'loading'
    try {
      const snap = await runs.snapshot(id, trial)
      if (runId.value !== id || chosen.value !== trial) return
      maps.value = mapsFromSnapshot(snap)
      state.value = 'ready'
    } catch (e) {
      if (runId.value === id && chosen.value === trial) fail(e)
    }
  })

  return { trials, chosen, maps, state, error }
}
