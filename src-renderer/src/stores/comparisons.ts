import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Output } from '@api/contract'
import type { TrialMetric } from '@api/schemas/run'
import { parseSeriesValues } from '@api/schemas/run'
import { api } from '../api/client'
import { useRuns } from './runs'
import { useToasts } from './toasts'

/** The comparison view's data: learning-curve series, run specs, and the saved comparisons of the notebook. */
export const useComparisons = defineStore('comparisons', () => {
  const views = ref<Output<'runs.views'>>([])

  /** One metric's per-trial series of each run (typed arrays, outside reactivity). */
  async function series(ids: number[], metric: TrialMetric): Promise<Map<number, Float64Array>> {
    const got = await api.call('runs.series', { ids, metric })
    return new Map(got.map((s) => [s.runId, parseSeriesValues(s.values)]))
  }

  /** The stored spec of a run (what it was launched with). */
  const spec = (id: number): Promise<unknown> => useRuns().spec(id)

  async function loadViews(): Promise<void> {
    try {
      views.value = await api.call('runs.views', {})
    } catch (e) {
      useToasts().error(e)
    }
  }

  async function saveView(name: string, view: Record<string, unknown>): Promise<void> {
    await api.call('runs.saveView', { name, view })
    await loadViews()
  }

  const view = async (name: string): Promise<Record<string, unknown>> => (await api.call('runs.view', { name })).view as Record<string, unknown>

  return { views, series, spec, loadViews, saveView, view }
})
