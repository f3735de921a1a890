import type { EventName, EventPayload } from '../api/contract'
import { EVENT_NAMES } from '../api/names'

type Listener<E extends EventName> = (payload: EventPayload<E>) => void

/** Events main pushes to every connected renderer (IPC or WebSocket). */
export class EventBus {
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>()

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event)
    if (!set) this.listeners.set(event, (set = new Set()))
    set.add(listener as Listener<EventName>)
    return () => set.delete(listener as Listener<EventName>)
  }

  /** Subscribe to every event (a transport forwarding all channels). */
  onAny(listener: (event: EventName, payload: unknown) => void): () => void {
    const offs = EVENT_NAMES.map((e) => this.on(e, (p) => listener(e, p)))
    return () => offs.forEach((off) => off())
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners.get(event) ?? []) l(payload)
  }
}
