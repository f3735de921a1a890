import { ref, type Ref } from 'vue'
import type { TrialMetric } from '@api/schemas/run'
import { useComparisons } from '../../stores/comparisons'
import { useRuns } from '../../stores/runs'
import { useToasts } from '../../stores/toasts'
import { METRICS } from './compare-model'
import { downloadText } from './download'
import { parseViewFile, toViewFile, type CompareView } from './compare-view-file'

/** The Compare view's settings a saved view holds (besides its runs). */
export interface CompareSettings {
  metric: Ref<TrialMetric>
  groupBy: Ref<string>
  smoothing: Ref<number>
  showSeeds: Ref<boolean>
  yLog: Ref<boolean>
  decimation: Ref<'lttb' | 'minmax'>
  range: Ref<{ min: number; max: number } | null>
  criterion: Ref<number | null>
  includePartial: Ref<boolean>
}

/**
 * Saved comparison views: the selection and the settings, kept in the notebook by name (restore
 * brings back both) or shared as a `.compare-view.json` file (runs missing from this notebook are
 * named in a notice, the others shown).
 */
export function useSavedViews(state: CompareSettings, ids: () => number[], select: (ids: number[]) => void) {
  const comparisons = useComparisons()
  const runs = useRuns()
  const toasts = useToasts()
  const viewName = ref('')
  void comparisons.loadViews()
  const currentView = (): CompareView => ({
    runIds: ids(),
    metric: state.metric.value,
    groupBy: state.groupBy.value,
    smoothing: state.smoothing.value,
    showSeeds: state.showSeeds.value,
    yLog: state.yLog.value,
    decimation: state.decimation.value,
    range: state.range.value,
    criterion: state.criterion.value,
    includePartial: state.includePartial.value
  })
  async function saveView(): Promise<void> {
    const name = viewName.value.trim()
    if (!name) return
    try {
      await comparisons.saveView(name, currentView())
      toasts.push('success', 'Comparison saved', name)
    } catch (e) {
      toasts.error(e)
    }
  }
  function applyView(v: Record<string, unknown>): void {
    if (typeof v.metric === 'string' && METRICS.some((m) => m.id === v.metric)) state.metric.value = v.metric as TrialMetric
    if (typeof v.groupBy === 'string') state.groupBy.value = v.groupBy
    if (typeof v.smoothing === 'number') state.smoothing.value = v.smoothing
    state.showSeeds.value = v.showSeeds === true
    state.yLog.value = v.yLog === true
    state.includePartial.value = v.includePartial === true
    if (v.decimation === 'minmax' || v.decimation === 'lttb') state.decimation.value = v.decimation
    state.range.value = (v.range as CompareView['range']) ?? null
    state.criterion.value = typeof v.criterion === 'number' ? v.criterion : null
    if (Array.isArray(v.runIds)) select(v.runIds.filter((x): x is number => typeof x === 'number'))
  }
  async function restoreView(name: string): Promise<void> {
    if (!name) return
    try {
      applyView(await comparisons.view(name))
      viewName.value = name
    } catch (e) {
      toasts.error(e)
    }
  }
  function exportView(): void {
    const name = viewName.value.trim() || `comparison of ${ids().length} runs`
    downloadText(`${name.replace(/[^\w.-]+/g, '-')}.compare-view.json`, toViewFile(name, currentView()), 'application/json')
  }
  async function importView(files: FileList | null): Promise<void> {
    const file = files?.[0]
    if (!file) return
    try {
      const { name, view } = parseViewFile(await file.text())
      const here = view.runIds.filter((id) => runs.byId(id))
      const missing = view.runIds.length - here.length
      applyView({ ...view, runIds: here })
      viewName.value = name
      if (missing > 0) toasts.push('info', `Comparison “${name}” opened`, `${missing} of its ${view.runIds.length} runs are not in this notebook; the others are shown.`)
    } catch (e) {
      toasts.push('error', `Could not open ${file.name}`, e instanceof Error ? e.message : String(e))
    }
  }
  return { viewName, saveView, restoreView, exportView, importView }
}
