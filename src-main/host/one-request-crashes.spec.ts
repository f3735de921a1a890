// Issue 13's one-request crashes: each of these used to end the whole lab host process. Every test
// sends the hostile bytes on a raw socket, then checks that the host still answers a ping.
import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startLabHost, type LabHost } from './lab-host'
import { requestPath } from './static-files'
import { Services } from '../services'
import { tempDir } from '../services/store/test-helpers'

let host: LabHost
let services: Services
const logs: string[] = []

beforeAll(async () => {
  const rendererDir = tempDir('rram-renderer-')
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>')
  services = new Services({ dbFile: path.join(tempDir(), 'lab.sqlite') })
  host = await startLabHost({ services, rendererDir, log: (l) => logs.push(l) })
})
afterAll(async () => {
  await host.close()
  await services.close()
})

/** Send raw bytes, collect what comes back until the peer closes or `ms` pass. */
function raw(bytes: string | Buffer, ms = 1000): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    const sock = net.connect(host.port, '127.0.0.1', () => sock.write(bytes))
    const done = () => {
      clearTimeout(timer)
      sock.destroy()
      resolve(Buffer.concat(chunks).toString('latin1'))
    }
    const timer = setTimeout(done, ms)
    sock.on('data', (d) => chunks.push(d))
    sock.on('close', done)
    sock.on('error', done)
  })
}

async function ping(): Promise<unknown> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`)
  await new Promise((resolve, reject) => {
    ws.once('open', resolve)
    ws.once('error', reject)
  })
  const answer = await new Promise((resolve) => {
    ws.once('message', (d) => resolve(JSON.parse(d.toString())))
    ws.send(JSON.stringify({ id: 'p', op: 'system.ping', input: { nonce: 'alive' } }))
  })
  ws.close()
  return answer
}

const alive = { id: 'p', result: { ok: true, value: expect.objectContaining({ nonce: 'alive' }) } }

/** A WebSocket upgrade on a raw socket; resolves once the 101 has arrived. */
function rawUpgrade(): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(host.port, '127.0.0.1', () => {
      const key = crypto.randomBytes(16).toString('base64')
      sock.write(`GET /api?token=${host.token} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` + `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`)
    })
    sock.once('data', (d) => (d.toString().startsWith('HTTP/1.1 101') ? resolve(sock) : reject(new Error(d.toString()))))
    sock.on('error', () => undefined)
  })
}

/** One client frame: FIN set, the given opcode/flags, masked unless told not to. */
function frame(opcode: number, payload: Buffer, opts: { masked?: boolean; rsv1?: boolean } = {}): Buffer {
  const masked = opts.masked ?? true
  const first = 0x80 | (opts.rsv1 ? 0x40 : 0) | opcode
  const len = payload.length
  const head = len < 126 ? Buffer.from([first, (masked ? 0x80 : 0) | len]) : Buffer.from([first, (masked ? 0x80 : 0) | 126, len >> 8, len & 0xff])
  if (!masked) return Buffer.concat([head, payload])
  const mask = crypto.randomBytes(4)
  const body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]))
  return Buffer.concat([head, mask, body])
}

/** Send one frame on a fresh upgraded socket and wait until the host closes it. */
async function sendFrame(bytes: Buffer): Promise<void> {
  const sock = await rawUpgrade()
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => (sock.destroy(), resolve()), 1500)
    sock.on('close', () => (clearTimeout(timer), resolve()))
    sock.write(bytes)
  })
}

describe('one request cannot end the lab host', () => {
  it('HTTP: a path that does not percent-decode is a 400, and needs no token to try', async () => {
    expect(await raw('GET /% HTTP/1.1\r\nHost: x\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/)
    expect(await raw('GET /%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/)
    expect((await fetch(`http://127.0.0.1:${host.port}/%`)).status).toBe(400)
    expect(await ping()).toMatchObject(alive)
  })

  it('HTTP: a request target that is not a URL is a 400, on plain requests and on upgrades', async () => {
    expect(await raw('GET http://[ HTTP/1.1\r\nHost: x\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/)
    const upgrade = await raw('GET http://[ HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\nSec-WebSocket-Version: 13\r\n\r\n')
    expect(upgrade).toMatch(/^HTTP\/1\.1 400/)
    expect(logs.some((l) => /malformed request target/.test(l))).toBe(true)
    expect(await ping()).toMatchObject(alive)
  })

  it.each([
    ['an invalid UTF-8 text frame', frame(0x1, Buffer.from([0xc3, 0x28]))],
    ['an unmasked frame', frame(0x1, Buffer.from('{}'), { masked: false })],
    ['an unknown opcode', frame(0x3, Buffer.from('x'))],
    ['RSV1 set without an extension', frame(0x1, Buffer.from('{}'), { rsv1: true })],
    ['close code 999', frame(0x8, Buffer.from([0x03, 0xe7]))]
  ])('WebSocket: %s closes that socket only', async (_what, bytes) => {
    await sendFrame(bytes)
    expect(await ping()).toMatchObject(alive)
  })

  it('WebSocket: a message over the frame limit closes that socket only', async () => {
    const sock = await rawUpgrade()
    // A header announcing a 2^40-byte payload: ws refuses it before reading the body.
    const head = Buffer.from([0x81, 0x80 | 127, 0, 0, 1, 0, 0, 0, 0, 0, 1, 2, 3, 4])
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => (sock.destroy(), resolve()), 1500)
      sock.on('close', () => (clearTimeout(timer), resolve()))
      sock.write(head)
    })
    expect(await ping()).toMatchObject(alive)
  })

  it('API: an op that is not a string is an error envelope, not an unhandled rejection', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`)
    await new Promise((resolve) => ws.once('open', resolve))
    const ask = (msg: string) =>
      new Promise<{ result: { ok: boolean; error?: { code: string; message: string } } }>((resolve) => {
        ws.once('message', (d) => resolve(JSON.parse(d.toString())))
        ws.send(msg)
      })
    for (const op of ['{"toString":1}', '{"toString":{"x":1}}', '[1]', 'null', '7']) {
      const answer = await ask(`{"id":1,"op":${op},"input":{}}`)
      expect(answer.result).toMatchObject({ ok: false, error: { code: 'unknown-operation' } })
      expect(answer.result.error!.message).toMatch(/op must be an operation name/)
    }
    ws.close()
    expect(await ping()).toMatchObject(alive)
  })
})

describe('requestPath', () => {
  it('decodes a request target, maps / to index.html and refuses what cannot be decoded', () => {
    expect(requestPath('/')).toBe('/index.html')
    expect(requestPath('/assets/a%20b.js?x=1')).toBe('/assets/a b.js')
    expect(requestPath('/%')).toBeNull()
    expect(requestPath('http://[')).toBeNull()
    expect(requestPath('/a%00b')).toBeNull()
  })
})
