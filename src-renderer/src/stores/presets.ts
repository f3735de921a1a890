import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Output } from '@api/contract'
import { api } from '../api/client'
import { useToasts } from './toasts'

export type PresetEntry = Output<'presets.list'>[number]

/** The device-preset library (built-ins and the user's), kept fresh by presets.changed pushes. */
export const usePresets = defineStore('presets', () => {
  const presets = ref<PresetEntry[]>([])

  async function load(): Promise<void> {
    try {
      presets.value = await api.call('presets.list', {})
    } catch (e) {
      useToasts().error(e)
    }
  }

  /** Save a preset; errors are thrown to the caller (the fit form shows them inline). */
  async function save(preset: unknown): Promise<PresetEntry> {
    const saved = await api.call('presets.save', { preset })
    await load()
    return saved
  }

  async function remove(name: string): Promise<void> {
    try {
      await api.call('presets.delete', { name })
      await load()
    } catch (e) {
      useToasts().error(e)
    }
  }

  api.on('presets.changed', () => void load())

  return { presets, load, save, remove }
})
