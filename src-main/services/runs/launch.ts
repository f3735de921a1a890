import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { RunSpec } from '../../../src-core/experiment'
import type { EventPayload } from '../../api/contract'
import { findAppRoot } from '../store/migrations'
import type { SnapshotLayerArrays } from '../store/snapshots-repo'
import type { BioRramStateData } from '../../../src-core/agents/bio-rram/state'
import { InputError } from '../errors'
import type { ParsedRunSpec, SpecContext, StoredMaze } from './spec-adapter'

/** A launch of a maze run whose spec is untrusted JSON (a CLI spec file, a stored spec re-run): validated by the service. */
export interface LaunchRequest {
  /** The run spec (validated here; errors name the path under `spec.`). */
  spec: unknown
  name: string
  /** N seeds = N runs in one group, seeds seed, seed+1, … */
  seeds: number
  /** First seed; the spec's seed when absent. */
  seed?: number
  tags?: string[]
  notes?: string
  /** Trials whose learned state is stored (the last trial always is). */
  snapshotTrials?: number[]
  /** Sweep cells: no live frames or snapshots; the worker posts trials in batches. */
  lean?: boolean
  kind?: 'maze' | 'sweep'
  /** Queue the runs ahead of those already waiting (in their own order): `reproduce`'s transfer runs, which
   * start only once their source runs have finished. Default: at the end of the queue. */
  ahead?: boolean
  /** Default: a fresh id when seeds > 1 (sweeps name their cells `<sweep id>#<cell>`). */
  groupId?: string
}

/** runs.start: the spec was parsed at the API's door with the core's schema and is not validated again. */
export interface SpecLaunchRequest extends Omit<LaunchRequest, 'spec' | 'lean' | 'kind' | 'groupId' | 'ahead'> {
  spec: RunSpec
  /** A maze or schedule of the notebook: replaces the spec's environment by an inline copy (withStoredMaze). */
  mazeId?: number
}

export interface RunsServiceOptions {
  /** Worker threads; default one per core. */
  workers?: number
  /** Live frames at most this often, ms (default 250). */
  frameIntervalMs?: number
  workerFile?: string
  /** A user's fitted preset from the notebook, by name (inlined into the stored spec). */
  notebookPreset?: SpecContext['notebookPreset']
  /** A maze or schedule of the notebook by id (runs.start's `mazeId`); throws not-found for an unknown id. */
  storedMaze?(id: number): StoredMaze
  /** The folder of the paper's ready-made specs (default: the app's examples/). */
  examplesDir?: string
}

/** One of the paper's experiments as a ready-made spec (examples/*.json): a run spec or a sweep, as on disk. */
export interface RunExample {
  file: string
  title: string
  spec: unknown
}

/** The ready-made specs of `dir`, by file name; a file that is not JSON is left out. */
export function readRunExamples(dir = path.join(findAppRoot(), 'examples')): RunExample[] {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((file) => {
      try {
        const spec = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>
        const title = typeof spec.title === 'string' ? spec.title : typeof spec.name === 'string' ? spec.name : file.replace(/\.json$/, '')
        return [{ file, title, spec }]
      } catch {
        return []
      }
    })
}

/** A live frame event from the maps the core computed (src-core/experiment/state-layers.ts); null when there are none. */
export function frameEvent(runId: number, trial: number, layers: readonly SnapshotLayerArrays[]): EventPayload<'runs.frame'> | null {
  const get = (name: string) => layers.find((l) => l.layer === name)
  const any = layers[0]
  if (!any) return null
  const arr = (l: SnapshotLayerArrays | undefined) => (l ? Array.from(l.values) : null)
  return {
    runId,
    trial,
    width: any.width,
    height: any.height,
    path: arr(get('path')) ?? [],
    thresholds: arr(get('thresholds')),
    visits: arr(get('visits')),
    synapses: arr(get('synapses'))
  }
}

/** One request of `RunsService.startMany`, before its runs are inserted. */
export interface PlannedLaunch {
  request: Omit<LaunchRequest, 'spec'>
  parsed: ParsedRunSpec
  /** The spec every seed's run stores, its seed aside: the extra snapshot trials merged in. */
  base: RunSpec
  firstSeed: number
  initialState: BioRramStateData | undefined
  groupId: string | null
}

/**
 * Check and plan launches before anything is stored: the seed count, the spec each run stores, its
 * group, and the learned state a transfer-learning spec names (`initialState`, resolved once per spec).
 */
export function planLaunches(items: readonly { request: Omit<LaunchRequest, 'spec'>; parsed: ParsedRunSpec }[], initialState: (spec: RunSpec) => BioRramStateData | undefined): PlannedLaunch[] {
  const states = new Map<ParsedRunSpec, BioRramStateData | undefined>()
  return items.map(({ request, parsed }) => {
    if (!states.has(parsed)) states.set(parsed, initialState(parsed.spec))
    if (!Number.isInteger(request.seeds) || request.seeds < 1) throw new InputError(`seeds: expected an integer ≥ 1, got ${request.seeds}`, 'seeds')
    const extra = request.snapshotTrials ?? []
    const base = extra.length === 0 ? parsed.spec : { ...parsed.spec, snapshots: { ...parsed.spec.snapshots, trials: [...new Set([...parsed.spec.snapshots.trials, ...extra])].sort((a, b) => a - b) } }
    return {
      request,
      parsed,
      base,
      firstSeed: request.seed ?? parsed.spec.seed,
      initialState: states.get(parsed),
      groupId: request.groupId ?? (request.seeds > 1 ? randomUUID() : null)
    }
  })
}
