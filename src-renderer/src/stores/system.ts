import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { SystemInfo } from '@api/schemas/system'
import { api, type ConnectionState } from '../api/client'
import { useToasts } from './toasts'

/** What the status bar shows: transport, notebook file, instrument back end, connection. */
export const useSystem = defineStore('system', () => {
  const info = ref<SystemInfo | null>(null)
  const connection = ref<ConnectionState>('connecting')
  const link = ref<'none' | 'connecting' | 'ready' | 'busy' | 'lost'>('none')

  async function load(): Promise<void> {
    try {
      info.value = await api.call('system.info', {})
    } catch (e) {
      useToasts().error(e)
    }
  }

  api.onConnection((state) => {
    const wasLost = connection.value === 'lost' || connection.value === 'refused'
    connection.value = state
    if (state === 'open' && (wasLost || !info.value)) void load()
  })
  api.on('status', (s) => {
    if (info.value) info.value = { ...info.value, instrumentBackend: s.instrumentBackend }
    link.value = s.link
  })

  return { info, connection, link, load, transport: api.transport }
})
