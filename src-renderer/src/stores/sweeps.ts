import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { Output } from '@api/contract'
import { api } from '../api/client'
import { useToasts } from './toasts'

export type SweepResult = Output<'runs.sweep'>

/**
 * Parameter sweeps: the paper's example specs to start from, the sweeps of the notebook, and the
 * cells of the one shown. Loading errors become toasts; start and cancel throw to the caller.
 */
export const useSweeps = defineStore('sweeps', () => {
  const examples = ref<Output<'runs.examples'>>([])
  const sweeps = ref<Output<'runs.sweeps'>>([])
  /** The cells of the sweep shown (outside deep reactivity: a grid of cells, replaced whole). */
  const result = shallowRef<SweepResult | null>(null)

  async function loadExamples(): Promise<void> {
    try {
      examples.value = await api.call('runs.examples', {})
    } catch (e) {
      useToasts().error(e)
    }
  }

  /** The list of sweeps and, when one is chosen, its cells as they are now. */
  async function refresh(selectedId: string): Promise<void> {
    try {
      sweeps.value = await api.call('runs.sweeps', {})
      if (selectedId) result.value = await api.call('runs.sweep', { id: selectedId })
    } catch (e) {
      useToasts().error(e)
    }
  }

  const start = (spec: Record<string, unknown>): Promise<Output<'runs.startSweep'>> => api.call('runs.startSweep', { sweep: spec })
  const cancel = (id: string): Promise<Output<'runs.cancelSweep'>> => api.call('runs.cancelSweep', { id })

  return { examples, sweeps, result, loadExamples, refresh, start, cancel }
})
