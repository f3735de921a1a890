import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parseRunSpec, resolveEnvironment, resolvePreset, runExperiment, storedTrialRecordSchema, toStoredTrial, type Snapshot, type StoredTrialRecord } from '../../../src-core/experiment'
import { Services } from '../../services'
import { tempDir } from '../../services/store/test-helpers'
import { dispatch } from '../dispatch'

// Issue 14, "Structure": the run spec crosses the API as the core's schema (validated once, at the
// door), and a trial record has one definition (src-core) whose stored shape is what the API returns.

let services: Services | null = null
function ctx() {
  services = new Services({ dbFile: path.join(tempDir(), 'lab.sqlite'), runWorkers: 1 })
  return { services, transport: 'lab-host' as const, actor: 'test', appVersion: '0.0.0-test' }
}
afterEach(async () => {
  await services?.close()
  services = null
})

const openMaze = { format: 'rram-workbench.maze', version: 1, width: 6, height: 4, rows: ['......', '......', '......', '.....G'], starts: [{ row: 0, col: 0 }] }
const qSpec = {
  environment: { inline: { name: 'open 6×4', layouts: { a: openMaze }, schedule: { layouts: [{ fromTrial: 1, layoutId: 'a' }], starts: [{ fromTrial: 1, start: { row: 0, col: 0 } }] } } },
  agent: { kind: 'q-table' },
  trials: 12,
  maxStepsPerTrial: 200,
  seed: 4
}

async function ok<T>(c: ReturnType<typeof ctx>, op: string, input: unknown): Promise<T> {
  const r = await dispatch(c, op, input)
  if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`)
  return r.value as T
}

describe('trial records: one definition, stored shape derived from the core', () => {
  it('a run stores, and runs.trials answers, exactly the stored shape of the records the core loop emits for the same spec and seed', async () => {
    const c = ctx()
    const [run] = await ok<{ id: number }[]>(c, 'runs.start', { spec: qSpec, name: 'round trip' })
    expect((await c.services.runs.whenSettled(run.id)).status).toBe('done')
    const stored = await ok<StoredTrialRecord[]>(c, 'runs.trials', { id: run.id })
    const spec = parseRunSpec(qSpec)
    const snaps: Snapshot[] = []
    const direct = runExperiment(spec, resolveEnvironment(spec), resolvePreset(spec.devicePreset), { onSnapshot: (s) => snaps.push(s) }).records
    expect(stored).toHaveLength(12)
    expect(stored).toEqual(direct.map(toStoredTrial))
    for (const t of stored) expect(storedTrialRecordSchema.parse(t)).toEqual(t)
    // The learned state too is the core's: the stored maps are the layers the core computed, transported as they are.
    const snapshot = await ok<{ trial: number; layers: { layer: string; unit: string; values: number[] }[] }>(c, 'runs.snapshot', { id: run.id })
    const core = snaps.at(-1)!
    expect(snapshot.trial).toBe(core.trial)
    const byName = <T extends { layer: string }>(ls: readonly T[]) => [...ls].sort((a, b) => a.layer.localeCompare(b.layer))
    expect(byName(snapshot.layers).map((l) => [l.layer, l.unit, l.values])).toEqual(byName(core.layers).map((l) => [l.layer, l.unit, Array.from(l.values)]))
    expect(core.layers.map((l) => l.layer).sort()).toEqual(['path', 'synapses', 'visits'])
  })
})

describe('runs.start takes the core run spec, validated once at the door', () => {
  it('refuses an invalid spec at dispatch with the field path, starting no worker and storing nothing', async () => {
    const c = ctx()
    // Refused before any handler runs: the runs service is not even asked.
    const reached: string[] = []
    const runs = c.services.runs as unknown as Record<string, (...a: unknown[]) => unknown>
    for (const m of ['start', 'startSpec', 'parse', 'prepare', 'startParsed']) {
      const real = runs[m].bind(c.services.runs)
      runs[m] = (...a: unknown[]) => (reached.push(m), real(...a))
    }
    const bad = { ...qSpec, agent: { kind: 'bio-rram', homeostasis: { icLadderUA: [20, 30, -1] } } }
    expect(await dispatch(c, 'runs.start', { spec: bad, name: 'bad', seeds: 2 })).toEqual({
      ok: false,
      error: { code: 'invalid-input', field: 'spec.agent.homeostasis.icLadderUA[2]', message: 'spec.agent.homeostasis.icLadderUA[2]: expected µA > 0' }
    })
    expect(await dispatch(c, 'runs.start', { spec: { ...qSpec, agent: { kind: 'q-table', colour: 'red' } }, name: 'extra' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'spec.agent.colour', message: 'spec.agent: unknown field: colour' }
    })
    expect(await dispatch(c, 'runs.start', { spec: { ...qSpec, trials: 0 }, name: 'none' })).toMatchObject({ ok: false, error: { field: 'spec.trials' } })
    // The core's refinement too: a learned state starts a bio-rram run only.
    expect(await dispatch(c, 'runs.start', { spec: { ...qSpec, initialState: { run: 1 } }, name: 'q from state' })).toMatchObject({ ok: false, error: { field: 'spec.initialState' } })
    expect(reached).toEqual([])
    expect(c.services.runs.inProgress).toEqual([])
    expect(c.services.store.runs.list()).toEqual([])
  })

  it('what runs.spec answers, runs.start takes back as it is: the new run stores the identical spec', async () => {
    const c = ctx()
    const [first] = await ok<{ id: number }[]>(c, 'runs.start', { spec: { ...qSpec, trials: 3 }, name: 'first' })
    const stored = await ok<Record<string, unknown>>(c, 'runs.spec', { id: first.id })
    // Defaults are filled in: the stored spec is the core's parse of the input.
    expect(stored).toEqual(parseRunSpec({ ...qSpec, trials: 3 }))
    const [again] = await ok<{ id: number }[]>(c, 'runs.start', { spec: stored, name: 'again' })
    expect(await ok(c, 'runs.spec', { id: again.id })).toEqual(stored)
    await c.services.runs.whenSettled(first.id)
    expect((await c.services.runs.whenSettled(again.id)).status).toBe('done')
    expect(await ok(c, 'runs.trials', { id: again.id })).toEqual(await ok(c, 'runs.trials', { id: first.id }))
  })

  it('a notebook maze (mazeId) is inlined by the runs service; a maze file is refused naming the field', async () => {
    const c = ctx()
    const saved = await ok<{ id: number; name: string }>(c, 'mazes.saveLayout', { name: 'open 6×4 saved', maze: openMaze })
    const [run] = await ok<{ id: number }[]>(c, 'runs.start', { spec: { ...qSpec, environment: { builtin: 'bianchi-maze-1' }, trials: 2 }, name: 'stored maze', mazeId: saved.id })
    const spec = await ok<{ environment: { inline?: { name: string; layouts: Record<string, unknown> } } }>(c, 'runs.spec', { id: run.id })
    expect(spec.environment.inline?.name).toBe('open 6×4 saved')
    expect(Object.keys(spec.environment.inline?.layouts ?? {})).toHaveLength(1)
    expect((await c.services.runs.whenSettled(run.id)).status).toBe('done')
    expect(await dispatch(c, 'runs.start', { spec: { ...qSpec, trials: 2 }, name: 'no maze', mazeId: 9999 })).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect(await dispatch(c, 'runs.start', { spec: { ...qSpec, environment: { file: 'maze.txt' } }, name: 'file' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'spec.environment.file' }
    })
    expect(c.services.store.runs.list().map((r) => r.name)).toEqual(['stored maze'])
  })

  it('runs.examples lists the paper’s ready-made specs from examples/, each run spec valid for runs.start', async () => {
    const c = ctx()
    const examples = await ok<{ file: string; title: string; spec: Record<string, unknown> }[]>(c, 'runs.examples', {})
    expect(examples.map((e) => e.file)).toContain('bianchi-dynamic-maze.json')
    for (const e of examples.filter((x) => 'agent' in x.spec)) expect(() => parseRunSpec(e.spec), e.file).not.toThrow()
  })
})
