import type { ApiError, Envelope } from '@api/schemas/envelope'
import { humanizeMessage } from '../words/lab-words'
import type { EventName, EventPayload, Input, OperationName, Output } from '@api/contract'

/**
 * An API call that came back `{ ok: false }`: code, message and (for bad input) the field. The
 * message is in the lab's words ("Maximum SET voltage must be ≤ 10 V"); `rawMessage` is the API's.
 */
export class ApiCallError extends Error {
  readonly code: ApiError['code']
  readonly field?: string
  readonly rawMessage: string
  constructor(
    readonly operation: string,
    error: ApiError
  ) {
    super(humanizeMessage(error.message, error.field))
    this.rawMessage = error.message
    this.code = error.code
    this.field = error.field
  }
}

export type Transport = 'desktop' | 'lab-host'
/**
 * `refused`: the lab host answers (its page loads) but will not open the API to this page: the page
 * has no token, or a token from before the host restarted (a bookmark). Retrying cannot fix that.
 */
export type ConnectionState = 'connecting' | 'open' | 'lost' | 'refused'

export interface ApiClient {
  readonly transport: Transport
  call<N extends OperationName>(op: N, input: Input<N>): Promise<Output<N>>
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
  onConnection(listener: (state: ConnectionState) => void): () => void
}

function unwrap<T>(op: string, env: Envelope<T>): T {
  if (env.ok) return env.value
  throw new ApiCallError(op, env.error)
}

/** Desktop: the preload bridge. */
function desktopClient(bridge: NonNullable<Window['rramDesktop']>): ApiClient {
  return {
    transport: 'desktop',
    async call(op, input) {
      const fn = bridge.operations[op]
      if (!fn) throw new ApiCallError(op, { code: 'unknown-operation', message: `unknown operation: ${op}` })
      return unwrap(op, (await fn(input)) as Envelope<never>)
    },
    on: (event, listener) => bridge.onEvent(event, listener as (p: unknown) => void),
    onConnection(listener) {
      listener('open')
      return () => {}
    }
  }
}

/** Browser: one WebSocket to the lab host, token from the page URL, reconnecting with back-off. */
function webSocketClient(wsUrl: string): ApiClient {
  let ws: WebSocket | null = null
  let nextId = 1
  let backoffMs = 250
  const pending = new Map<number, { op: string; resolve(v: unknown): void; reject(e: unknown): void }>()
  const listeners = new Map<string, Set<(p: unknown) => void>>()
  const connectionListeners = new Set<(s: ConnectionState) => void>()
  let state: ConnectionState = 'connecting'
  let opened: Promise<WebSocket>

  const setState = (s: ConnectionState) => {
    state = s
    connectionListeners.forEach((l) => l(s))
  }

  function connect(): Promise<WebSocket> {
    setState('connecting')
    opened = new Promise((resolve) => {
      const sock = new WebSocket(wsUrl)
      sock.onopen = () => {
        ws = sock
        backoffMs = 250
        setState('open')
        resolve(sock)
      }
      sock.onmessage = (ev) => {
        const msg = JSON.parse(String(ev.data)) as { id?: number; result?: Envelope<unknown>; event?: string; payload?: unknown }
        if (msg.event) listeners.get(msg.event)?.forEach((l) => l(msg.payload))
        else if (typeof msg.id === 'number' && pending.has(msg.id)) {
          const p = pending.get(msg.id)!
          pending.delete(msg.id)
          try {
            p.resolve(unwrap(p.op, msg.result!))
          } catch (e) {
            p.reject(e)
          }
        }
      }
      sock.onclose = () => {
        const neverOpened = ws === null
        ws = null
        for (const [, p] of pending) p.reject(new ApiCallError(p.op, { code: 'internal', message: 'connection to the lab host lost' }))
        pending.clear()
        // The socket never opened: if the host still serves its page, it refused this page's token.
        void (neverOpened ? hostAnswers() : Promise.resolve(false)).then((answers) => {
          setState(answers ? 'refused' : 'lost')
          setTimeout(() => void connect().then(resolve), answers ? 5000 : backoffMs)
          backoffMs = Math.min(backoffMs * 2, 5000)
        })
      }
    })
    return opened
  }
  /** Does the lab host serve its page (it is up), even though the socket closed? */
  async function hostAnswers(): Promise<boolean> {
    try {
      return (await fetch(`${location.origin}/`, { method: 'HEAD', cache: 'no-store' })).ok
    } catch {
      return false
    }
  }

  void connect()

  return {
    transport: 'lab-host',
    async call(op, input) {
      const sock = ws ?? (await opened)
      const id = nextId++
      return new Promise((resolve, reject) => {
        pending.set(id, { op, resolve: resolve as (v: unknown) => void, reject })
        sock.send(JSON.stringify({ id, op, input }))
      })
    },
    on(event, listener) {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      set.add(listener as (p: unknown) => void)
      return () => set.delete(listener as (p: unknown) => void)
    },
    onConnection(listener) {
      connectionListeners.add(listener)
      listener(state)
      return () => connectionListeners.delete(listener)
    }
  }
}

/** The client the app uses: the preload bridge when present, the lab host's WebSocket otherwise. */
export function createApiClient(): ApiClient {
  if (window.rramDesktop) return desktopClient(window.rramDesktop)
  const params = new URLSearchParams(location.search)
  const token = params.get('token') ?? ''
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:'
  return webSocketClient(`${proto}//${location.host}/api?token=${encodeURIComponent(token)}`)
}

export const api: ApiClient = createApiClient()
