import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'

// The API client opens a WebSocket at import: replace it by a scripted one (the stores are what is tested).
const { call, FakeApiCallError } = vi.hoisted(() => {
  class FakeApiCallError extends Error {
    constructor(
      readonly operation: string,
      readonly code: string,
      message: string
    ) {
      super(message)
    }
  }
  return { call: vi.fn(), FakeApiCallError }
})
vi.mock('../api/client', () => ({ api: { call }, ApiCallError: FakeApiCallError }))

const { useSweeps } = await import('./sweeps')
const { useSlurm } = await import('./slurm')
const { usePaper } = await import('./paper')
const { useToasts } = await import('./toasts')

const cell = { params: { 'agent.lr': 0.1 }, seeds: 2, done: 1, stopped: 0 }
const sweepA = { id: 'sw-a', name: 'Learning rate', cells: [cell] }

beforeEach(() => {
  setActivePinia(createPinia())
  call.mockReset()
})

describe('sweeps store', () => {
  it('loads the list and the chosen sweep’s cells; nothing is asked for when no sweep is chosen', async () => {
    call.mockImplementation(async (op: string, input: { id?: string }) => (op === 'runs.sweeps' ? [{ id: 'sw-a', name: 'Learning rate' }] : { ...sweepA, id: input.id }))
    const s = useSweeps()
    await s.refresh('')
    expect(s.sweeps.map((x) => x.id)).toEqual(['sw-a'])
    expect(s.result).toBeNull()
    await s.refresh('sw-a')
    expect(s.result?.cells[0].done).toBe(1)
    expect(call.mock.calls.map((c) => c[0])).toEqual(['runs.sweeps', 'runs.sweeps', 'runs.sweep'])
  })

  it('a failed load says so in words and keeps what was shown', async () => {
    call.mockResolvedValueOnce([{ id: 'sw-a', name: 'Learning rate' }]).mockResolvedValueOnce(sweepA)
    const s = useSweeps()
    await s.refresh('sw-a')
    call.mockRejectedValueOnce(new FakeApiCallError('runs.sweeps', 'not-found', 'gone'))
    await s.refresh('sw-a')
    expect(s.result?.id).toBe('sw-a')
    expect(useToasts().toasts.map((t) => t.title)).toEqual(['Could not load the list of sweeps: it no longer exists'])
  })

  it('starts a sweep with the spec as sent by the view, and lets the view report a refused one', async () => {
    call.mockResolvedValueOnce({ sweepId: 'sw-b', cells: 4, runs: 8 })
    const s = useSweeps()
    expect(await s.start({ grid: { 'agent.lr': [0.1, 0.2] } })).toEqual({ sweepId: 'sw-b', cells: 4, runs: 8 })
    expect(call).toHaveBeenLastCalledWith('runs.startSweep', { sweep: { grid: { 'agent.lr': [0.1, 0.2] } } })
    call.mockRejectedValueOnce(new FakeApiCallError('runs.cancelSweep', 'not-found', 'no sweep'))
    await expect(s.cancel('sw-x')).rejects.toThrow('no sweep')
  })
})

describe('slurm store', () => {
  it('keeps the last status of each bundle and drops a bundle that can no longer be read', async () => {
    const st = { counts: { running: 1, pending: 0, done: 3, failed: 0 } }
    call.mockResolvedValueOnce(st).mockRejectedValueOnce(new FakeApiCallError('slurm.status', 'not-found', 'no bundle in /tmp/b'))
    const s = useSlurm()
    await s.refresh('/tmp/b')
    expect(Object.keys(s.status)).toEqual(['/tmp/b'])
    await expect(s.refresh('/tmp/b')).rejects.toThrow('no bundle')
    expect(s.status).toEqual({})
  })
})

describe('paper store', () => {
  it('follows the reproduction: running while the API says so; a failed run is a toast, not a silent no-op', async () => {
    call.mockResolvedValueOnce({ reproduction: { state: 'running' }, latest: [] })
    const p = usePaper()
    await p.refresh()
    expect(p.running).toBe(true)
    call.mockRejectedValueOnce(new FakeApiCallError('paper.run', 'conflict', 'already running'))
    await p.run(['fig2'] as never, 3)
    expect(call).toHaveBeenLastCalledWith('paper.run', { figures: ['fig2'], seeds: 3 })
    expect(useToasts().toasts[0].message).toBe('already running')
    expect(p.running).toBe(true)
  })
})
