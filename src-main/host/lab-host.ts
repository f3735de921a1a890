import crypto from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { dispatch } from '../api/dispatch'
import { MAX_PAYLOAD_BYTES } from '../api/schemas/envelope'
import { APP_VERSION } from '../app-info'
import type { Services } from '../services'
import { originAllowed } from './origin'
import { serveStatic } from './static-files'

export interface LabHostOptions {
  services: Services
  rendererDir: string
  port?: number
  host?: string
  /** Fixed token (tests); a random 24-byte one otherwise. */
  token?: string
  /** Browser origins allowed besides the host's own (e.g. a dev server's); docs/architecture.md. */
  allowedOrigins?: string[]
  /** Where refusals and errors are logged (stderr by default). */
  log?: (line: string) => void
}

export interface LabHost {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

/** Close code sent to a WebSocket that is refused after upgrade (we refuse before, with HTTP 401). */
export const CLOSE_UNAUTHORIZED = 4401

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && crypto.timingSafeEqual(x, y)
}

/**
 * The lab host: the built renderer over HTTP and the API contract over one WebSocket (`/api`),
 * on 127.0.0.1 by default, refusing any WebSocket without the start-up token.
 */
export async function startLabHost(options: LabHostOptions): Promise<LabHost> {
  const { services, rendererDir } = options
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'))
  const token = options.token ?? crypto.randomBytes(24).toString('base64url')
  const host = options.host ?? '127.0.0.1'
  // Known once listening; no upgrade can arrive before.
  let port = 0
  const server = http.createServer((req, res) => serveStatic(rendererDir, req, res))
  // ws closes a connection whose frame exceeds maxPayload; keep that above our 10 MB input limit so
  // an oversized call gets an error envelope and the connection stays up.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * MAX_PAYLOAD_BYTES })

  server.on('upgrade', (req, socket, head) => {
    // A socket error (a peer resetting mid-handshake) must not become an uncaught exception.
    socket.on('error', () => socket.destroy())
    let url: URL | null = null
    try {
      url = new URL(req.url ?? '/', 'http://localhost')
    } catch {
      // `GET http://[ HTTP/1.1`: not a URL at all.
    }
    const given = url?.searchParams.get('token') ?? ''
    if (url === null || url.pathname !== '/api' || !tokensEqual(given, token)) {
      const why = url === null ? 'malformed request target' : url.pathname !== '/api' ? 'wrong path' : given ? 'wrong token' : 'no token'
      log(`lab host: refused a WebSocket from ${req.socket.remoteAddress ?? '?'} (${why})`)
      socket.end(`HTTP/1.1 ${url === null ? '400 Bad Request' : '401 Unauthorized'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
      socket.destroy()
      return
    }
    // A browser page of another site must not drive the lab even if it learned the token.
    if (!originAllowed(req.headers.origin, req.headers.host, host, port, options.allowedOrigins)) {
      log(`lab host: refused a WebSocket from ${req.socket.remoteAddress ?? '?'} (origin ${String(req.headers.origin).slice(0, 100)} is not this host's)`)
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      socket.destroy()
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
  })

  wss.on('connection', (ws: WebSocket, req: http.IncomingMessage) => {
    const actor = `lab-host ${req.socket.remoteAddress ?? '?'}`
    const ctx = { services, transport: 'lab-host' as const, actor, appVersion: APP_VERSION }
    const offEvents = services.events.onAny((event, payload) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }))
    })
    ws.on('close', offEvents)
    // ws reports a protocol violation (invalid UTF-8, unmasked or oversized frame, bad opcode, RSV1,
    // bad close code) as an 'error' on the socket and then closes it: log it, never let it escape.
    ws.on('error', (err) => log(`lab host: closed a WebSocket from ${req.socket.remoteAddress ?? '?'}: ${err.message}`))
    ws.on('message', async (data, isBinary) => {
      const bytes = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer).byteLength
      let id: unknown = null
      const reply = (result: unknown) => ws.readyState === ws.OPEN && ws.send(JSON.stringify({ id, result }))
      if (isBinary) return reply({ ok: false, error: { code: 'invalid-input', message: 'messages are JSON text' } })
      if (bytes > MAX_PAYLOAD_BYTES + 1024)
        return reply({ ok: false, error: { code: 'payload-too-large', message: `message of ${(bytes / 1e6).toFixed(1)} MB; the limit is ${MAX_PAYLOAD_BYTES / 1e6} MB` } })
      let msg: { id?: unknown; op?: unknown; input?: unknown }
      try {
        msg = JSON.parse(data.toString())
      } catch {
        return reply({ ok: false, error: { code: 'invalid-input', message: 'message is not valid JSON' } })
      }
      if (typeof msg !== 'object' || msg === null) return reply({ ok: false, error: { code: 'invalid-input', message: 'message must be an object { id, op, input }' } })
      id = typeof msg.id === 'number' || typeof msg.id === 'string' ? msg.id : null
      try {
        reply(await dispatch(ctx, msg.op, msg.input, bytes))
      } catch (err) {
        // dispatch answers every failure with an envelope; this is the last line of defence.
        log(`lab host: internal error in ${typeof msg.op === 'string' ? msg.op.slice(0, 100) : 'a call'}: ${err instanceof Error ? err.message : 'unknown'}`)
        reply({ ok: false, error: { code: 'internal', message: 'internal error' } })
      }
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  port = (server.address() as AddressInfo).port
  const shownHost = host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate()
        wss.close()
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}
