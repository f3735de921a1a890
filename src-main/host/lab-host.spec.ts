import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startLabHost, type LabHost } from './lab-host'
import { Services } from '../services'
import { tempDir } from '../services/store/test-helpers'
import { RENDERER_CSP } from '../security/csp'

let host: LabHost
let services: Services
const logs: string[] = []
const rendererDir = tempDir('rram-renderer-')

beforeAll(async () => {
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>')
  services = new Services({ dbFile: path.join(tempDir(), 'lab.sqlite') })
  host = await startLabHost({ services, rendererDir, log: (l) => logs.push(l) })
})
afterAll(async () => {
  await host.close()
  await services.close()
})

function connect(token: string | null, origin?: string): Promise<WebSocket> {
  const q = token === null ? '' : `?token=${encodeURIComponent(token)}`
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api${q}`, origin === undefined ? {} : { origin })
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws))
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
    ws.once('error', reject)
  })
}

function call(ws: WebSocket, msg: unknown): Promise<{ id: unknown; result: { ok: boolean; value?: unknown; error?: { code: string } } }> {
  return new Promise((resolve) => {
    ws.once('message', (d) => resolve(JSON.parse(d.toString())))
    ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg))
  })
}

describe('lab host', () => {
  it('binds 127.0.0.1 and prints a URL with its token', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[A-Za-z0-9_-]{32}$`))
  })

  it('refuses a WebSocket without a token or with a wrong one (HTTP 401) and logs it', async () => {
    await expect(connect(null)).rejects.toThrow('HTTP 401')
    await expect(connect('nope')).rejects.toThrow('HTTP 401')
    expect(logs.some((l) => /refused .*no token/.test(l))).toBe(true)
    expect(logs.some((l) => /refused .*wrong token/.test(l))).toBe(true)
  })

  it("refuses a WebSocket from another site's page even with the token (HTTP 403); its own page and token-only clients connect (item 7)", async () => {
    await expect(connect(host.token, 'http://evil.example')).rejects.toThrow('HTTP 403')
    await expect(connect(host.token, `http://127.0.0.1:${host.port + 1}`)).rejects.toThrow('HTTP 403')
    await expect(connect(host.token, 'null')).rejects.toThrow('HTTP 403')
    expect(logs.some((l) => /refused .*origin http:\/\/evil\.example is not this host's/.test(l))).toBe(true)
    for (const origin of [`http://127.0.0.1:${host.port}`, `http://localhost:${host.port}`, undefined]) (await connect(host.token, origin)).close()
  })

  it('serves the renderer with the CSP, and nothing outside its folder', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP)
    const escape = await fetch(`http://127.0.0.1:${host.port}/..%2F..%2Fetc%2Fpasswd`)
    expect(escape.status).toBe(404)
  })

  it('answers calls by id and keeps the connection up after bad input', async () => {
    const ws = await connect(host.token)
    expect(await call(ws, 'not json')).toMatchObject({ id: null, result: { ok: false, error: { code: 'invalid-input' } } })
    expect(await call(ws, { id: 1, op: 'nope', input: {} })).toMatchObject({ id: 1, result: { ok: false, error: { code: 'unknown-operation' } } })
    expect(await call(ws, { id: 2, op: 'runs.get', input: { id: 1, extra: true } })).toMatchObject({ id: 2, result: { ok: false, error: { code: 'invalid-input' } } })
    const big = { id: 3, op: 'system.ping', input: { nonce: 'x'.repeat(11 * 1024 * 1024) } }
    expect(await call(ws, big)).toMatchObject({ result: { ok: false, error: { code: 'payload-too-large' } } })
    expect(await call(ws, { id: 4, op: 'system.ping', input: { nonce: 'alive' } })).toMatchObject({ id: 4, result: { ok: true, value: { nonce: 'alive' } } })
    ws.close()
  })

  it('pushes service events to connected clients', async () => {
    const ws = await connect(host.token)
    const got = new Promise((resolve) => ws.once('message', (d) => resolve(JSON.parse(d.toString()))))
    services.events.emit('status', { instrumentBackend: 'simulated', link: 'none' })
    expect(await got).toEqual({ event: 'status', payload: { instrumentBackend: 'simulated', link: 'none' } })
    ws.close()
  })
})
