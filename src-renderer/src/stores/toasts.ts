import { defineStore } from 'pinia'
import { ref } from 'vue'
import { ApiCallError } from '../api/client'
import { failureTitle } from '../words/lab-words'

export interface Toast {
  id: number
  kind: 'error' | 'info' | 'success'
  title: string
  message: string
}

/** Short notices in the corner: every API error the app does not handle inline ends up here. */
export const useToasts = defineStore('toasts', () => {
  const toasts = ref<Toast[]>([])
  let nextId = 1

  function push(kind: Toast['kind'], title: string, message: string, ttlMs = kind === 'error' ? 8000 : 4000): number {
    const id = nextId++
    toasts.value.push({ id, kind, title, message })
    if (toasts.value.length > 5) toasts.value.shift()
    setTimeout(() => dismiss(id), ttlMs)
    return id
  }

  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((t) => t.id !== id)
  }

  function error(err: unknown): void {
    if (err instanceof ApiCallError) push('error', failureTitle(err.operation, err.code), err.message)
    else push('error', 'Unexpected error', err instanceof Error ? err.message : String(err))
  }

  return { toasts, push, dismiss, error }
})
