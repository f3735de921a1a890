import { contextBridge, ipcRenderer } from 'electron'
import { EVENT_NAMES, OPERATION_NAMES, type EventName } from '../api/names'

// The sandboxed preload exposes one function per operation of the contract — never ipcRenderer
// itself — and one subscription function limited to the contract's event channels.
const API_CHANNEL = 'rram:op'
const EVENT_CHANNEL = 'rram:event'

const operations: Record<string, (input: unknown) => Promise<unknown>> = {}
for (const name of OPERATION_NAMES) operations[name] = (input: unknown) => ipcRenderer.invoke(API_CHANNEL, name, input)

function onEvent(event: EventName, listener: (payload: unknown) => void): () => void {
  if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`unknown event channel: ${String(event)}`)
  const wrapped = (_e: unknown, name: string, payload: unknown) => {
    if (name === event) listener(payload)
  }
  ipcRenderer.on(EVENT_CHANNEL, wrapped)
  return () => ipcRenderer.removeListener(EVENT_CHANNEL, wrapped)
}

contextBridge.exposeInMainWorld('rramDesktop', Object.freeze({ operations: Object.freeze(operations), onEvent }))
