import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { ArrayInfo, ProgramResult, ProgramSpec } from '@api/ops/arrays'
import type { Output } from '@api/contract'
import { api } from '../api/client'
import { decodeMap, type MapValues } from '../panels/array/decode'
import { useToasts } from './toasts'

export type ResultMapKind = 'g_final_s' | 'error_rel' | 'pulses' | 'failed' | 'target_s'
export interface ReadMapView {
  arrayId: number
  rows: number
  cols: number
  repeats: number
  g: MapValues
  noiseRel: MapValues | null
  reads: MapValues
  sets: MapValues
  resets: MapValues
}
type ProgramListItem = Output<'arrays.programs'>[number]
type RetentionSeries = Output<'arrays.retention'>

/** Arrays, their read maps and programming jobs. Maps are decoded typed arrays kept out of reactivity. */
export const useArrays = defineStore('arrays', () => {
  const arrays = ref<ArrayInfo[]>([])
  /** The list has been read from the notebook at least once. */
  const listed = ref(false)
  const selectedId = ref<number | null>(null)
  const readMap = shallowRef<ReadMapView | null>(null)
  const programs = ref<ProgramListItem[]>([])
  const result = ref<ProgramResult | null>(null)
  const resultMaps = shallowRef<Partial<Record<ResultMapKind, MapValues>>>({})
  const progress = ref<{ runId: number; cellsDone: number; cells: number; converged: number; status: string } | null>(null)
  const retention = ref<RetentionSeries | null>(null)
  const busy = ref(false)

  const selected = computed(() => arrays.value.find((a) => a.id === selectedId.value) ?? null)

  async function guard<T>(fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn()
    } catch (e) {
      useToasts().error(e)
      return undefined
    }
  }

  async function load(): Promise<void> {
    await guard(async () => {
      arrays.value = await api.call('arrays.list', {})
      listed.value = true
      if (selectedId.value === null && arrays.value.length) await select(arrays.value[0].id)
    })
  }

  async function select(id: number): Promise<void> {
    selectedId.value = id
    readMap.value = null
    result.value = null
    resultMaps.value = {}
    retention.value = null
    await loadPrograms()
  }

  async function loadPrograms(): Promise<void> {
    if (selectedId.value === null) return
    programs.value = (await guard(() => api.call('arrays.programs', { arrayId: selectedId.value! }))) ?? []
  }

  /** Create a simulated array; errors stay with the form (thrown). */
  async function create(input: { name: string; rows: number; cols: number; seed: number; initialState: 'pristine' | 'hrs' | 'lrs'; d2dSigma: number | null; devicePreset?: string }): Promise<void> {
    const a = await api.call('arrays.create', input)
    arrays.value = [a, ...arrays.value]
    await select(a.id)
  }

  async function attach(path: string, baudRate: number): Promise<void> {
    const a = await api.call('arrays.attach', { path, baudRate })
    arrays.value = [a, ...arrays.value]
    await select(a.id)
  }

  async function read(repeats: number): Promise<void> {
    const id = selectedId.value
    if (id === null) return
    busy.value = true
    await guard(async () => {
      const m = await api.call('arrays.read', { id, repeats })
      readMap.value = {
        arrayId: id,
        rows: m.rows,
        cols: m.cols,
        repeats: m.repeats,
        g: decodeMap(m.g),
        noiseRel: m.noiseRel ? decodeMap(m.noiseRel) : null,
        reads: decodeMap(m.reads),
        sets: decodeMap(m.sets),
        resets: decodeMap(m.resets)
      }
    })
    busy.value = false
  }

  async function program(spec: Omit<ProgramSpec, 'arrayId'>): Promise<void> {
    const id = selectedId.value
    if (id === null) return
    const r = await api.call('arrays.program', { ...spec, arrayId: id })
    progress.value = { runId: r.runId, cellsDone: 0, cells: selected.value ? selected.value.rows * selected.value.cols : 0, converged: 0, status: 'running' }
    await loadPrograms()
  }

  async function cancel(): Promise<void> {
    if (progress.value) await guard(() => api.call('arrays.cancel', { runId: progress.value!.runId }))
  }

  async function openResult(runId: number): Promise<void> {
    await guard(async () => {
      result.value = await api.call('arrays.result', { runId })
      const kinds: ResultMapKind[] = ['error_rel', 'pulses', 'failed', 'g_final_s']
      const maps = await Promise.all(kinds.map((kind) => api.call('arrays.map', { runId, kind })))
      resultMaps.value = Object.fromEntries(kinds.map((k, i) => [k, decodeMap(maps[i])]))
      retention.value = null
    })
  }

  async function loadRetention(drift: boolean): Promise<void> {
    if (!result.value) return
    const runId = result.value.runId
    retention.value = (await guard(() => api.call('arrays.retention', { runId, drift }))) ?? null
  }

  api.on('arrays.progress', (p) => {
    if (p.arrayId !== selectedId.value) return
    progress.value = { runId: p.runId, cellsDone: p.cellsDone, cells: p.cells, converged: p.converged, status: p.status }
    if (p.status !== 'running') {
      void loadPrograms()
      if (p.status === 'done' || p.status === 'cancelled') void openResult(p.runId)
    }
  })

  return { arrays, listed, selectedId, selected, readMap, programs, result, resultMaps, progress, retention, busy, load, select, create, attach, read, program, cancel, openResult, loadRetention }
})
