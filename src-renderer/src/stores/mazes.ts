import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { MazeFileFormat, MazeSummary, StoredSchedule, TerrainImportOptions } from '@api/ops/mazes'
import type { Input, Output } from '@api/contract'
import { api } from '../api/client'
import { useToasts } from './toasts'

type MazeJson = Input<'mazes.saveLayout'>['maze']

/** The maze library: stored layouts and schedules, kept fresh by `mazes.changed` pushes. */
export const useMazes = defineStore('mazes', () => {
  const items = ref<MazeSummary[]>([])
  const loading = ref(false)
  const layouts = computed(() => items.value.filter((m) => m.kind === 'layout'))
  const schedules = computed(() => items.value.filter((m) => m.kind === 'schedule'))

  async function load(): Promise<void> {
    loading.value = true
    try {
      items.value = await api.call('mazes.list', {})
    } catch (e) {
      useToasts().error(e)
    } finally {
      loading.value = false
    }
  }

  api.on('mazes.changed', () => void load())

  /** Calls that fail with a message the panel shows inline rethrow; others become toasts. */
  async function get(id: number): Promise<Output<'mazes.get'>> {
    return api.call('mazes.get', { id })
  }

  async function saveLayout(input: { id?: number; name: string; maze: MazeJson; source?: string }): Promise<MazeSummary> {
    const saved = await api.call('mazes.saveLayout', input)
    await load()
    return saved
  }

  async function saveSchedule(input: { id?: number; name: string; schedule: StoredSchedule }): Promise<MazeSummary> {
    const saved = await api.call('mazes.saveSchedule', input)
    await load()
    return saved
  }

  async function rename(id: number, name: string): Promise<MazeSummary> {
    const out = await api.call('mazes.rename', { id, name })
    await load()
    return out
  }

  async function duplicate(id: number): Promise<MazeSummary | null> {
    try {
      const out = await api.call('mazes.duplicate', { id })
      await load()
      return out
    } catch (e) {
      useToasts().error(e)
      return null
    }
  }

  async function remove(id: number): Promise<boolean> {
    try {
      await api.call('mazes.delete', { id })
      await load()
      return true
    } catch (e) {
      useToasts().error(e)
      return false
    }
  }

  /** Import a file the user chose or dropped; saved only when the whole file is valid. Errors are thrown for the panel to show. */
  async function importFile(file: File, terrain?: TerrainImportOptions): Promise<Output<'mazes.import'>> {
    const isPng = /\.png$/i.test(file.name) || file.type === 'image/png'
    const content = isPng ? { base64: toBase64(new Uint8Array(await file.arrayBuffer())) } : { text: await file.text() }
    const out = await api.call('mazes.import', { fileName: file.name, ...content, ...(terrain ? { terrain } : {}), save: true })
    await load()
    return out
  }

  /** Write a stored layout or the grid on screen, and hand the file to the browser as a download. */
  async function exportFile(source: { id: number } | { maze: MazeJson }, format: MazeFileFormat): Promise<string> {
    const file = await api.call('mazes.export', { ...source, format })
    const bytes = file.encoding === 'base64' ? fromBase64(file.content) : new TextEncoder().encode(file.content)
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: file.mimeType }))
    const a = document.createElement('a')
    a.href = url
    a.download = file.fileName
    a.click()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
    return file.fileName
  }

  async function copyBuiltin(key: string): Promise<Output<'mazes.copyBuiltin'> | null> {
    try {
      const out = await api.call('mazes.copyBuiltin', { key })
      await load()
      return out
    } catch (e) {
      useToasts().error(e)
      return null
    }
  }

  return { items, loading, layouts, schedules, load, get, saveLayout, saveSchedule, rename, duplicate, remove, importFile, exportFile, copyBuiltin }
})

function toBase64(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(s)
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text)
  const out = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i)
  return out
}
