// Issue 13: a hostile-input suite. fast-check properties over EVERY op of the contract: inputs
// derived from its zod schema, then mutated (wrong types, extra fields, NaN, huge numbers, NUL,
// lone surrogates, deep nesting). Each answer must be an envelope — `{ ok: false, error: { code,
// message, field } }` with the field where one applies — the connection must stay up, and a
// refused call must leave every table's row count unchanged. Seeded; bounded in count and time.
import fs from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { operations, type OperationName } from '../contract'
import { dispatch } from '../dispatch'
import { errorCodeSchema } from '../schemas/envelope'
import { startLabHost, type LabHost } from '../../host/lab-host'
import { Services } from '../../services'
import { tempDir } from '../../services/store/test-helpers'
import { arbitraryFor, hostileValue, pathsOf, replaceAt, toJsonText } from './zod-arbitrary'

const RUNS_PER_OP = Number(process.env.HOSTILE_RUNS ?? 24)
const SEED = 13
const HANG_MS = 10_000

let services: Services
let host: LabHost
let ws: WebSocket
const figures = { payloads: 0, crashes: 0, hangs: 0, partialWrites: 0, noField: 0, accepted: 0 }
const problems: string[] = []

beforeAll(async () => {
  const rendererDir = tempDir('rram-renderer-')
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>')
  services = new Services({ dbFile: path.join(tempDir(), 'lab.sqlite'), runWorkers: 1 })
  // Something for the ids to find: a run, a maze, an array, an I–V import.
  await dispatch(ctx(), 'arrays.create', { name: 'target', rows: 4, cols: 4, seed: 1 })
  await dispatch(ctx(), 'iv.importCsv', { text: 'V,I\n0,0\n1,1e-4\n0,0\n-1,-1e-5\n0,0\n', fileName: 'a.csv', mapping: { v: 0, i: 1, vUnit: 'V', iUnit: 'A' } })
  host = await startLabHost({ services, rendererDir, log: () => {} })
  ws = await open()
})
afterAll(async () => {
  ws?.close()
  await host?.close()
  await services?.close()
  process.stdout.write(
    `hostile input: ${figures.payloads} payloads over ${Object.keys(operations).length} ops — crashes ${figures.crashes}, hangs ${figures.hangs}, partial writes ${figures.partialWrites}, errors without a field where one applies ${figures.noField} (accepted as valid: ${figures.accepted})\n`
  )
})

function ctx() {
  return { services, transport: 'lab-host' as const, actor: 'hostile', appVersion: '0.0.0-test' }
}

function open(): Promise<WebSocket> {
  const sock = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, { maxPayload: 256 * 1024 * 1024 })
  return new Promise((resolve, reject) => {
    sock.once('open', () => resolve(sock))
    sock.once('error', reject)
  })
}

let nextId = 1
function call(op: unknown, input: unknown): Promise<unknown> {
  const id = nextId++
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      ws.off('message', onMessage)
      resolve({ hang: true })
    }, HANG_MS)
    const onMessage = (d: WebSocket.RawData) => {
      const msg = JSON.parse(d.toString()) as { id?: unknown; result?: unknown }
      if (msg.id !== id) return
      clearTimeout(timer)
      ws.off('message', onMessage)
      resolve(msg.result)
    }
    ws.on('message', onMessage)
    ws.send(toJsonText({ id, op, input }))
  })
}

const tables = () => (services.store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name)
function rowCounts(): Record<string, number> {
  return Object.fromEntries(tables().map((t) => [t, (services.store.db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]))
}

/** Whatever an accepted call started (a session, runs, a job) is stopped, so the next call finds the lab idle. */
async function settle(): Promise<void> {
  if (services.reproduce.running) {
    services.reproduce.cancel()
    await services.reproduce.whenDone()
  }
  const id = services.iv.runningId
  if (id !== null) await services.iv.stop(id).catch(() => undefined)
  for (const r of services.store.runs.list()) {
    if (r.status !== 'running' && r.status !== 'queued' && r.status !== 'paused') continue
    if (r.kind === 'array') services.arrays.cancel(r.id)
    else await Promise.resolve(services.runs.cancel(r.id)).catch(() => undefined)
  }
}

type Result = { ok?: unknown; error?: { code?: unknown; message?: unknown; field?: unknown }; hang?: boolean }

/** Checks one answer; returns a description of what is wrong, or null. */
function judge(op: string, input: unknown, mutatedPath: (string | number)[] | null, result: Result, before: Record<string, number>): string | null {
  figures.payloads++
  if (result?.hang) {
    figures.hangs++
    return `${op}: no answer in ${HANG_MS} ms`
  }
  if (result?.ok === true) {
    figures.accepted++
    return null
  }
  if (result?.ok !== false || !result.error || typeof result.error.message !== 'string' || !errorCodeSchema.safeParse(result.error.code).success)
    return `${op}: not an error envelope: ${JSON.stringify(result).slice(0, 200)}`
  if (result.error.code === 'internal') {
    figures.crashes++
    return `${op}: internal error: ${result.error.message}`
  }
  const after = rowCounts()
  if (JSON.stringify(after) !== JSON.stringify(before)) {
    figures.partialWrites++
    return `${op}: refused (${result.error.message}) but rows changed`
  }
  // A field applies when the input was an object and the problem is in one of its values.
  if (result.error.code === 'invalid-input' && mutatedPath && mutatedPath.length > 0 && input !== null && typeof input === 'object' && !result.error.field) {
    figures.noField++
    return `${op}: invalid-input without a field: ${result.error.message}`
  }
  return null
}

const opNames = Object.keys(operations) as OperationName[]

describe('hostile input over every op (fast-check)', () => {
  it(`answers every mutated payload with an envelope, keeps the connection, writes nothing when it refuses`, async () => {
    for (const op of opNames) {
      const base = arbitraryFor(operations[op].input)
      const mutated = base.chain((input) => {
        const paths = pathsOf(input)
        return fc.oneof(
          { weight: 1, arbitrary: fc.constant({ input, path: null as (string | number)[] | null, kind: 'as generated' }) },
          { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...paths), hostileValue).map(([p, h]) => ({ input: replaceAt(input, p, h.value), path: p, kind: h.kind })) },
          {
            weight: 1,
            arbitrary: fc
              .constantFrom(...paths.filter((p) => p.length === 0 || true))
              .map((p) => ({ input: replaceAt(input, [...p, 'unexpectedField'], 1), path: [...p, 'unexpectedField'], kind: 'extra field' }))
          }
        )
      })
      await fc.assert(
        fc.asyncProperty(mutated, async ({ input, path: p, kind }) => {
          try {
            const before = rowCounts()
            const result = (await call(op, input)) as Result
            const wrong = judge(op, input, p, result, before)
            if (wrong) problems.push(`${kind} at ${JSON.stringify(p)}: ${wrong}`.slice(0, 300))
            await settle()
          } catch (e) {
            problems.push(`${op}, ${kind} at ${JSON.stringify(p)}: the test itself threw ${(e as Error).stack?.slice(0, 300)}`)
          }
        }),
        { seed: SEED, numRuns: RUNS_PER_OP }
      )
      // The connection is still up.
      expect(await call('system.ping', { nonce: op })).toMatchObject({ ok: true, value: { nonce: op } })
    }
    expect(problems).toEqual([])
  }, 120_000)

  it('NaN, Infinity and undefined (not JSON: the desktop IPC can carry them) get envelopes too', async () => {
    for (const op of opNames) {
      await fc.assert(
        fc.asyncProperty(arbitraryFor(operations[op].input), fc.constantFrom(NaN, Infinity, -Infinity, undefined), async (input, bad) => {
          const paths = pathsOf(input).filter((p) => p.length > 0)
          const p = paths[0] ?? []
          const before = rowCounts()
          const result = (await dispatch(ctx(), op, replaceAt(input, p, bad))) as Result
          const wrong = judge(op, input, p.length ? p : null, result, before)
          await settle()
          if (wrong && !(wrong.includes('without a field') && bad === undefined)) problems.push(`${String(bad)} at ${JSON.stringify(p)}: ${wrong}`.slice(0, 300))
        }),
        { seed: SEED, numRuns: 4 }
      )
    }
    expect(problems).toEqual([])
  }, 60_000)

  it('refuses an op name that is not a string, and a message that is not JSON, without closing', async () => {
    for (const op of [{ toString: 1 }, ['runs.list'], 42, null, '__proto__', 'constructor', 'toString']) expect(await call(op, {})).toMatchObject({ ok: false, error: { code: 'unknown-operation' } })
    expect(await call('system.ping', { nonce: 'still' })).toMatchObject({ ok: true })
  })
})
