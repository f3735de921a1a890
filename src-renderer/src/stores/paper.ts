import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import type { FigureName } from '@core/experiment/figures'
import { api } from '../api/client'
import { useToasts } from './toasts'
import { downloadText } from '../panels/runs/download'
import type { FigureStatus, Reproduction } from '../panels/runs/paper/paper-model'

/** The reproduction of the paper's figures: the one running (or last run) and each figure's latest result. */
export const usePaper = defineStore('paper', () => {
  const reproduction = shallowRef<Reproduction | null>(null)
  const latest = shallowRef<FigureStatus[]>([])
  const running = computed(() => reproduction.value?.state === 'running')

  /** Each call reports failure as a toast: the cards keep what they showed. */
  async function guarded(work: () => Promise<void>): Promise<void> {
    try {
      await work()
    } catch (e) {
      useToasts().error(e)
    }
  }

  const refresh = (): Promise<void> =>
    guarded(async () => {
      const s = await api.call('paper.status', {})
      reproduction.value = s.reproduction
      latest.value = s.latest
    })
  const run = (figures: FigureName[], seeds: number | null): Promise<void> =>
    guarded(async () => {
      reproduction.value = await api.call('paper.run', { figures, ...(seeds ? { seeds } : {}) })
    })
  const cancel = (): Promise<void> =>
    guarded(async () => {
      reproduction.value = await api.call('paper.cancel', {})
    })

  /** The newest result of each figure as one HTML file (plots and CSVs inside), saved through the browser. */
  const downloadReport = (): Promise<void> =>
    guarded(async () => {
      const r = await api.call('paper.report', {})
      downloadText(r.fileName, r.html, 'text/html')
    })

  return { reproduction, latest, running, refresh, run, cancel, downloadReport }
})
