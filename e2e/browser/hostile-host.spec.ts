// Issue 13 against the REAL lab host process (`node out/main/cli.js serve`): fast-check generated
// malformed HTTP request lines and WebSocket frames on raw sockets, each batch followed by a ping;
// then kill -9 rounds during a run: after each restart every trial the host had reported is stored.
import crypto from 'node:crypto'
import net from 'node:net'
import BetterSqlite3 from 'better-sqlite3'
import fc from 'fast-check'
import { test, expect } from '@playwright/test'
import WebSocket from 'ws'
import { startHost, type RunningHost } from '../support/lab-host'

const SEED = 13

function rawSend(port: number, bytes: Buffer, waitMs = 30): Promise<void> {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1', () => sock.write(bytes))
    const done = () => {
      sock.destroy()
      resolve()
    }
    sock.on('error', done)
    sock.on('close', done)
    setTimeout(done, waitMs)
  })
}

function upgrade(port: number, token: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1', () =>
      sock.write(
        `GET /api?token=${token} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`
      )
    )
    sock.once('data', (d) => (d.toString().startsWith('HTTP/1.1 101') ? resolve(sock) : reject(new Error(d.toString().slice(0, 80)))))
    sock.on('error', () => undefined)
  })
}

async function ping(host: RunningHost, nonce = 'alive'): Promise<unknown> {
  const ws = new WebSocket(`ws://127.0.0.1:${new URL(host.url).port}/api?token=${host.token}`)
  await new Promise((resolve, reject) => {
    ws.once('open', resolve)
    ws.once('error', reject)
  })
  const answer = await new Promise((resolve) => {
    ws.once('message', (d) => resolve(JSON.parse(d.toString())))
    ws.send(JSON.stringify({ id: 1, op: 'system.ping', input: { nonce } }))
  })
  ws.close()
  return answer
}
const alive = (nonce: string) => ({ id: 1, result: { ok: true, value: expect.objectContaining({ nonce }) } })

const token = fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'CONNECT', 'OPTIONS', 'G\u0000T', '', 'get', 'BREW'), fc.string({ maxLength: 8 }))
const target = fc.oneof(
  fc.constantFrom('/', '/%', '/%%', '/%E0%A4%A', '/%00', '/../../etc/passwd', 'http://[', 'http://[::1', '*', '//', '/api', '/api?token=%', '/api?token=', '/?' + 'a'.repeat(70_000), '/\u00ff\u00fe'),
  fc.string({ maxLength: 40 }).map((s) => '/' + s),
  fc.uint8Array({ maxLength: 30 }).map((b) => Buffer.from(b).toString('latin1'))
)
const version = fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9', 'HTTP/1.1\u0000', '', 'HTTP/1.1 extra')
const headers = fc.array(
  fc.oneof(
    fc.constantFrom(
      'Host: x',
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==',
      'Content-Length: -1',
      'Content-Length: 99999999999',
      'Transfer-Encoding: chunked',
      'Origin: http://evil.example',
      'X: ' + 'y'.repeat(20_000),
      ': no name',
      'NoColon'
    ),
    fc.string({ maxLength: 20 })
  ),
  { maxLength: 6 }
)
const httpRequest = fc.tuple(token, target, version, headers, fc.boolean()).map(([m, t, v, h, crlf]) => Buffer.from(`${m} ${t} ${v}${crlf ? '\r\n' : '\n'}${h.join('\r\n')}\r\n\r\n`, 'latin1'))

/** A WebSocket frame with any flags, opcode, mask and length field, and a payload that may not match it. */
const wsFrame = fc
  .record({
    fin: fc.boolean(),
    rsv: fc.integer({ min: 0, max: 7 }),
    opcode: fc.integer({ min: 0, max: 15 }),
    masked: fc.boolean(),
    lengthKind: fc.constantFrom('exact', 'short', 'huge16', 'huge64', 'lie'),
    payload: fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.constant(Buffer.from('{"id":1,"op":"system.ping","input":{"nonce":"x"}}')),
      fc.constant(Buffer.from([0xc3, 0x28])),
      fc.constant(Buffer.from([0x03, 0xe7]))
    )
  })
  .map(({ fin, rsv, opcode, masked, lengthKind, payload }) => {
    const first = (fin ? 0x80 : 0) | (rsv << 4) | opcode
    const m = masked ? 0x80 : 0
    const len = payload.length
    let head: Buffer
    if (lengthKind === 'huge16') head = Buffer.from([first, m | 126, 0xff, 0xff])
    else if (lengthKind === 'huge64') head = Buffer.from([first, m | 127, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])
    else if (lengthKind === 'lie') head = Buffer.from([first, m | Math.min(125, len + 7)])
    else if (lengthKind === 'short' || len < 126) head = Buffer.from([first, m | Math.min(len, 125)])
    else head = Buffer.from([first, m | 126, len >> 8, len & 0xff])
    if (!masked) return Buffer.concat([head, Buffer.from(payload)])
    const mask = crypto.randomBytes(4)
    return Buffer.concat([head, mask, Buffer.from(payload.map((b, i) => b ^ mask[i % 4]))])
  })

test('the real lab host survives malformed HTTP requests and WebSocket frames, and answers a ping after every batch', async () => {
  test.setTimeout(90_000)
  const host = await startHost()
  const port = Number(new URL(host.url).port)
  let requests = 0
  let frames = 0
  try {
    const batches = 6
    for (let b = 0; b < batches; b++) {
      for (const bytes of fc.sample(httpRequest, { seed: SEED + b, numRuns: 40 })) {
        await rawSend(port, bytes)
        requests++
      }
      for (const seq of fc.sample(fc.array(wsFrame, { minLength: 1, maxLength: 3 }), { seed: SEED + 100 + b, numRuns: 30 })) {
        const sock = await upgrade(port, host.token)
        sock.write(Buffer.concat(seq))
        await new Promise((r) => setTimeout(r, 15))
        sock.destroy()
        frames += seq.length
      }
      expect(await ping(host, `batch ${b}`)).toMatchObject(alive(`batch ${b}`))
      expect(host.process.exitCode).toBeNull()
    }
  } finally {
    process.stdout.write(`hostile host: ${requests} malformed HTTP requests, ${frames} WebSocket frames — crashes ${host.process.exitCode === null ? 0 : 1}, pings answered after each batch\n`)
    await host.stop()
  }
})

test('kill -9 during runs: after every restart, each trial the host reported is in the notebook', async () => {
  test.setTimeout(90_000)
  const rounds = 4
  let dbFile: string | undefined
  let survived = 0
  for (let round = 0; round < rounds; round++) {
    const host = await startHost(dbFile ? { dbFile } : {})
    dbFile = host.dbFile
    const ws = new WebSocket(`ws://127.0.0.1:${new URL(host.url).port}/api?token=${host.token}`)
    await new Promise((resolve) => ws.once('open', resolve))
    const reported = new Map<number, number>()
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { event?: string; payload?: { runId: number; trial: number } }
      if (m.event === 'runs.progress' && m.payload) reported.set(m.payload.runId, Math.max(reported.get(m.payload.runId) ?? 0, m.payload.trial))
    })
    const spec = { environment: { builtin: 'bianchi-maze-1' }, agent: { kind: 'q-table' }, trials: 2000, maxStepsPerTrial: 400 }
    ws.send(JSON.stringify({ id: 1, op: 'runs.start', input: { spec, name: `kill round ${round}`, seeds: 2, seed: round + 1 } }))
    await new Promise((r) => setTimeout(r, 700 + 300 * round))
    host.process.kill('SIGKILL')
    await new Promise((r) => host.process.once('exit', r))
    const db = new BetterSqlite3(dbFile, { readonly: true })
    for (const [runId, trial] of reported) {
      const stored = (db.prepare('SELECT coalesce(max(trial), 0) AS n FROM trials WHERE run_id = ?').get(runId) as { n: number }).n
      expect(stored, `run ${runId}: reported trial ${trial}, stored ${stored}`).toBeGreaterThanOrEqual(trial)
    }
    db.close()
    if (reported.size > 0) survived++
  }
  process.stdout.write(`kill -9: ${survived} of ${rounds} rounds with reported trials, none lost\n`)
  expect(survived).toBeGreaterThan(0)
})
