import { defineStore } from 'pinia'
import { computed, ref, shallowRef, triggerRef } from 'vue'
import type { Input, Output } from '@api/contract'
import { api } from '../api/client'
import { useToasts } from './toasts'
import { ivProgress, plannedCycles } from '../panels/iv/progress'

export type IvSession = Output<'iv.get'>
export type IvAnalysis = Output<'iv.analysis'>
export type FitResult = Output<'presets.fit'>
export type RecipeInput = Input<'iv.start'>

/** A session's raw points, in typed arrays kept out of Vue's reactivity (see `version`). */
export interface PointBuffer {
  length: number
  v: Float64Array
  i: Float64Array
  cycle: Uint32Array
  compliance: Uint8Array
}

function emptyBuffer(capacity = 4096): PointBuffer {
  return { length: 0, v: new Float64Array(capacity), i: new Float64Array(capacity), cycle: new Uint32Array(capacity), compliance: new Uint8Array(capacity) }
}

function append(buf: PointBuffer, p: { v: number[]; i: number[]; cycle: number[]; compliance: number[] }): PointBuffer {
  const need = buf.length + p.v.length
  let b = buf
  if (need > buf.v.length) {
    const cap = Math.max(need, buf.v.length * 2)
    b = { length: buf.length, v: new Float64Array(cap), i: new Float64Array(cap), cycle: new Uint32Array(cap), compliance: new Uint8Array(cap) }
    b.v.set(buf.v.subarray(0, buf.length))
    b.i.set(buf.i.subarray(0, buf.length))
    b.cycle.set(buf.cycle.subarray(0, buf.length))
    b.compliance.set(buf.compliance.subarray(0, buf.length))
  }
  b.v.set(p.v, b.length)
  b.i.set(p.i, b.length)
  b.cycle.set(p.cycle, b.length)
  b.compliance.set(p.compliance, b.length)
  b.length = need
  return b
}

/** I–V sessions: the list, the selected one's points (live while it runs) and its analysis. */
export const useIv = defineStore('iv', () => {
  const sessions = ref<IvSession[]>([])
  const selectedId = ref<number | null>(null)
  const points = shallowRef<PointBuffer>(emptyBuffer(0))
  /** Bumped on every streamed block (the buffer may be the same object, grown in place). */
  const pointsVersion = ref(0)
  const analysis = shallowRef<IvAnalysis | null>(null)
  const fitResult = shallowRef<FitResult | null>(null)
  /** Sessions ticked for a preset fit. */
  const fitIds = ref<number[]>([])
  const liveMessage = ref<string | null>(null)
  /** The running session's progress: bar fraction (null when unknown) and "cycle 7 of 20 · about 12 s left". */
  const progress = ref<{ sweepId: number; fraction: number | null; label: string } | null>(null)
  const runStart = new Map<number, { t0: number; cyclesDone: number }>()
  const toasts = useToasts()

  const selected = computed(() => sessions.value.find((s) => s.id === selectedId.value) ?? null)
  const running = computed(() => sessions.value.find((s) => s.status === 'running') ?? null)

  async function load(): Promise<void> {
    try {
      sessions.value = await api.call('iv.list', {})
    } catch (e) {
      toasts.error(e)
    }
  }

  async function select(id: number | null): Promise<void> {
    selectedId.value = id
    analysis.value = null
    points.value = emptyBuffer(0)
    if (id === null) return
    try {
      const p = await api.call('iv.points', { id })
      if (selectedId.value !== id) return
      points.value = append(emptyBuffer(p.vV.length), { v: p.vV, i: p.iA, cycle: p.cycle, compliance: p.compliance })
      const s = sessions.value.find((x) => x.id === id)
      if (s && s.status !== 'running') await loadAnalysis(id)
    } catch (e) {
      toasts.error(e)
    }
  }

  async function loadAnalysis(id: number): Promise<void> {
    try {
      const a = await api.call('iv.analysis', { id })
      if (selectedId.value === id) analysis.value = a
    } catch (e) {
      toasts.error(e)
    }
  }

  /** Start a recipe; the new session becomes the selected one and streams into the plot. */
  async function start(recipe: RecipeInput): Promise<IvSession> {
    const s = await api.call('iv.start', recipe)
    sessions.value = [s, ...sessions.value.filter((x) => x.id !== s.id)]
    selectedId.value = s.id
    points.value = emptyBuffer()
    analysis.value = null
    liveMessage.value = null
    return s
  }

  async function stop(): Promise<void> {
    const r = running.value
    if (!r) return
    try {
      await api.call('iv.stop', { id: r.id })
    } catch (e) {
      toasts.error(e)
    }
  }

  /** A measured file's columns and the importer's guess of their meaning and units; nothing is stored. */
  const previewCsv = (text: string): Promise<Output<'iv.previewCsv'>> => api.call('iv.previewCsv', { text })

  async function importCsv(input: Input<'iv.importCsv'>): Promise<IvSession> {
    const s = await api.call('iv.importCsv', input)
    // Implausible units were imported as asked, but say so: amperes in a µA column give a 26 Ω LRS.
    if (s.warnings.length > 0) toasts.push('info', 'Imported — check the units', s.warnings.join(' '), 15_000)
    await load()
    await select(s.id)
    return s
  }

  async function exportCsv(id: number): Promise<{ fileName: string; text: string } | null> {
    try {
      return await api.call('iv.exportCsv', { id })
    } catch (e) {
      toasts.error(e)
      return null
    }
  }

  async function exportHdf5(id: number): Promise<{ fileName: string; base64: string } | null> {
    try {
      return await api.call('iv.exportHdf5', { id })
    } catch (e) {
      toasts.error(e)
      return null
    }
  }

  /** Rename a session; false (with a toast) if the name is refused. */
  async function rename(id: number, name: string): Promise<boolean> {
    try {
      const s = await api.call('iv.rename', { id, name })
      sessions.value = sessions.value.map((x) => (x.id === id ? s : x))
      return true
    } catch (e) {
      toasts.error(e)
      return false
    }
  }

  /** Delete a session and its raw data (the server refuses a running one). */
  async function remove(id: number): Promise<boolean> {
    try {
      await api.call('iv.delete', { id })
    } catch (e) {
      toasts.error(e)
      return false
    }
    sessions.value = sessions.value.filter((x) => x.id !== id)
    fitIds.value = fitIds.value.filter((x) => x !== id)
    if (selectedId.value === id) await select(null)
    return true
  }

  async function fit(name: string, baseName?: string): Promise<FitResult> {
    const r = await api.call('presets.fit', { name, sweepIds: fitIds.value, ...(baseName ? { baseName } : {}) })
    fitResult.value = r
    return r
  }

  api.on('iv.progress', (p) => {
    const s = sessions.value.find((x) => x.id === p.sweepId)
    if (!s) {
      void load()
      return
    }
    if (p.status === 'running') {
      const r = runStart.get(s.id) ?? { t0: performance.now(), cyclesDone: 0 }
      runStart.set(s.id, r)
      // Point recipes: a cycle is done when points of the next one arrive; read recipes: by their reads.
      if (p.points?.cycle.length) r.cyclesDone = Math.max(r.cyclesDone, p.points.cycle[p.points.cycle.length - 1])
      progress.value = { sweepId: s.id, ...ivProgress(r.cyclesDone, plannedCycles(s.params), (performance.now() - r.t0) / 1000) }
    } else if (progress.value?.sweepId === s.id) {
      progress.value = null
      runStart.delete(s.id)
    }
    if (p.points) {
      s.points += p.points.idx.length
      if (selectedId.value === p.sweepId) {
        points.value = append(points.value, p.points)
        triggerRef(points)
        pointsVersion.value++
      }
    }
    if (p.reads !== undefined) s.reads = p.reads
    if (p.status !== s.status) {
      s.status = p.status
      if (p.message) liveMessage.value = p.message
      if (p.status !== 'running') {
        void api.call('iv.get', { id: s.id }).then((fresh) => Object.assign(s, fresh))
        if (selectedId.value === p.sweepId) void loadAnalysis(p.sweepId)
      }
    }
  })

  return {
    sessions,
    selectedId,
    selected,
    running,
    points,
    pointsVersion,
    analysis,
    fitIds,
    fitResult,
    liveMessage,
    progress,
    load,
    select,
    start,
    stop,
    importCsv,
    previewCsv,
    exportCsv,
    exportHdf5,
    rename,
    remove,
    fit,
    loadAnalysis
  }
})
