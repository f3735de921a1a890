/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

interface Window {
  /** Present only in the desktop app: the sandboxed preload's bridge (one function per operation). */
  rramDesktop?: {
    operations: Record<string, (input: unknown) => Promise<unknown>>
    onEvent(event: string, listener: (payload: unknown) => void): () => void
  }
}
