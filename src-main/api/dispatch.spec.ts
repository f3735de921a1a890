import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { dispatch } from './dispatch'
import { Services } from '../services'
import { tempDir } from '../services/store/test-helpers'
import { operations, OPERATION_NAMES } from './contract'

let services: Services | null = null
function ctx() {
  services = new Services({ dbFile: path.join(tempDir(), 'lab.sqlite') })
  return { services, transport: 'lab-host' as const, actor: 'test', appVersion: '0.0.0-test' }
}
afterEach(() => services?.close())

describe('dispatch', () => {
  it('lists every operation once, in the contract and in the preload names alike', () => {
    expect(Object.keys(operations).sort()).toEqual([...OPERATION_NAMES].sort())
  })

  it('refuses an unknown operation', async () => {
    expect(await dispatch(ctx(), 'runs.drop', {})).toEqual({ ok: false, error: { code: 'unknown-operation', message: 'unknown operation: runs.drop' } })
  })

  it('names the field of a wrong type', async () => {
    const r = await dispatch(ctx(), 'runs.get', { id: 'seven' })
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'id' } })
  })

  it('refuses extra fields instead of ignoring them', async () => {
    const r = await dispatch(ctx(), 'runs.update', { id: 1, name: 'x', colour: 'red' })
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('unknown field: colour') } })
  })

  it('refuses inputs over 10 MB before parsing them, and writes nothing', async () => {
    const c = ctx()
    const run = c.services.store.runs.create({ kind: 'maze', name: 'keep', spec: {}, seed: 1, backend: 'simulated' })
    const r = await dispatch(c, 'runs.update', { id: run.id, notes: 'x'.repeat(11 * 1024 * 1024) })
    expect(r).toMatchObject({ ok: false, error: { code: 'payload-too-large' } })
    expect(c.services.store.runs.get(run.id).notes).toBe('')
  })

  it('validates nested fields with their path', async () => {
    const c = ctx()
    const run = c.services.store.runs.create({ kind: 'maze', name: 'keep', spec: {}, seed: 1, backend: 'simulated' })
    const r = await dispatch(c, 'runs.update', { id: run.id, tags: ['ok', ''] })
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'tags[1]', message: 'tags[1]: a tag cannot be empty' } })
    expect(c.services.store.runs.get(run.id).tags).toEqual([])
  })

  it('turns a service error into its code, and a success into { ok, value }', async () => {
    const c = ctx()
    expect(await dispatch(c, 'runs.delete', { id: 99 })).toMatchObject({ ok: false, error: { code: 'not-found', field: 'id' } })
    const info = await dispatch(c, 'system.info', {})
    expect(info).toMatchObject({ ok: true, value: { transport: 'lab-host', appVersion: '0.0.0-test', instrumentBackend: 'simulated' } })
  })

  it('answers with values that satisfy the output schema', async () => {
    const c = ctx()
    const run = c.services.store.runs.create({ kind: 'maze', name: 'r', spec: { a: 1 }, seed: 3, backend: 'simulated' })
    for (const [name, input] of [
      ['system.info', {}],
      ['runs.list', {}],
      ['runs.get', { id: run.id }],
      ['runs.trials', { id: run.id }],
      ['audit.recent', {}]
    ] as const) {
      const r = await dispatch(c, name, input)
      expect(r.ok, name).toBe(true)
      if (r.ok) expect(() => operations[name].output.parse(r.value), name).not.toThrow()
    }
  })
})
