import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { RunSummary } from '@api/schemas/run'
import { api } from '../api/client'
import { useToasts } from './toasts'

/** Stored runs, loaded with `runs.list` and kept fresh by `runs.progress` pushes. */
export const useRuns = defineStore('runs', () => {
  const runs = ref<RunSummary[]>([])
  const loading = ref(false)

  async function load(): Promise<void> {
    loading.value = true
    try {
      runs.value = await api.call('runs.list', {})
    } catch (e) {
      useToasts().error(e)
    } finally {
      loading.value = false
    }
  }

  api.on('runs.progress', (p) => {
    const run = runs.value.find((r) => r.id === p.runId)
    if (run) Object.assign(run, { status: p.status, trialCount: p.trial })
    else void load()
  })

  return { runs, loading, load }
})
