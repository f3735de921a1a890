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
    const byName = (ls: { layer: string }[]) => [...ls].sort((a, b) => a.layer.localeCompare(b.layer))
    expect(byName(snapshot.layers).map((l) => [l.layer, l.unit, l.values])).toEqual(byName(core.layers).map((l) => [l.layer, l.unit, Array.from(l.values)]))
    expect(core.layers.map((l) => l.layer).sort()).toEqual(['path', 'synapses', 'visits'])
  })
})
