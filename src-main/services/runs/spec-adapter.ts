import { BUILTIN_PRESETS } from '../../../src-core/device'
import { writeJsonMaze } from '../../../src-core/env/formats/json-maze'
import type { MazeFormat } from '../../../src-core/env/formats/maze-io'
import type { EnvironmentSchedule } from '../../../src-core/env/schedule'
import { environmentFromFileText, environmentSpecSchema, parseOrThrow, parseRunSpec as parseCoreSpec, resolveEnvironment, resolvePreset, SpecError, type RunSpec } from '../../../src-core/experiment'
import type { DevicePreset } from '../../../src-core/device/types'
import { InputError } from '../errors'

export interface ParsedRunSpec {
  /** The normalized spec (defaults filled in, maze files and notebook presets inlined): what is stored and run. */
  spec: RunSpec
  agentKind: string
  environmentName: string
  trials: number
  devicePreset: string
}

export interface SpecContext {
  /** Reads `{ file }` environments (CLI: relative to the spec file); absent: such specs are refused. */
  readMazeFile?(file: string): string
  /** A user's fitted preset from the notebook, by name; undefined when there is none. */
  notebookPreset?(name: string): DevicePreset | undefined
}

/** A maze or schedule of the notebook, as the mazes service resolves it. */
export interface StoredMaze {
  name: string
  layouts: Record<string, unknown>
  schedule: EnvironmentSchedule
}

function invalid(field: string, message: string): never {
  throw new InputError(message, field)
}

/** A core SpecError as an input error whose field is under `fieldPrefix` (`spec.agent.homeostasis.icLadderUA[2]`). */
function underPrefix<T>(fieldPrefix: string, fn: () => T): T {
  try {
    return fn()
  } catch (e) {
    if (e instanceof SpecError) {
      const message = e.issues[0] ?? e.message
      throw new InputError(message, e.field ? `${fieldPrefix}.${e.field}` : fieldPrefix)
    }
    throw e
  }
}

/**
 * Validate a run spec that did NOT come through the API's door — a spec file the CLI read, a stored
 * run's spec re-run, an example from disk: untrusted JSON, checked with the core's schema here.
 * (`runs.start` specs are parsed once by the contract, src-main/api/ops/runs.ts, and not again.)
 */
export function validateRunSpec(raw: unknown, fieldPrefix = 'spec'): RunSpec {
  return underPrefix(fieldPrefix, () => parseCoreSpec(raw))
}

/**
 * Make a validated spec self-contained, so a stored run re-runs bit for bit: a maze file becomes an
 * inline environment, a notebook preset an inline preset; resolving the environment and the preset
 * also checks what the schema cannot (a built-in's name, the layouts). No schema validation here.
 * Errors name the path under `fieldPrefix`: `spec.environment.file`.
 */
export function prepareRunSpec(valid: RunSpec, ctx: SpecContext = {}, fieldPrefix = 'spec'): ParsedRunSpec {
  return underPrefix(fieldPrefix, () => {
    let spec = valid
    const env = spec.environment
    if ('file' in env) {
      if (!ctx.readMazeFile) invalid(`${fieldPrefix}.environment.file`, 'environment.file: maze files are read by the CLI; in the app choose a maze of the notebook')
      const fromFile = environmentFromFileText(ctx.readMazeFile(env.file), env.file, env.format as MazeFormat | undefined)
      const layouts = Object.fromEntries(Object.entries(fromFile.layouts).map(([id, g]) => [id, JSON.parse(writeJsonMaze(g)) as unknown]))
      spec = { ...spec, environment: { inline: { name: fromFile.name, layouts, schedule: fromFile.schedule } } }
    }
    if (typeof spec.devicePreset === 'string' && !BUILTIN_PRESETS.some((p) => p.name === spec.devicePreset)) {
      const fromNotebook = ctx.notebookPreset?.(spec.devicePreset)
      if (fromNotebook) spec = { ...spec, devicePreset: fromNotebook }
    }
    const presetName = resolvePreset(spec.devicePreset).name
    const resolved = resolveEnvironment(spec)
    return { spec, agentKind: spec.agent.kind, environmentName: resolved.name, trials: spec.trials, devicePreset: presetName }
  })
}

/** Untrusted JSON to a self-contained spec: `validateRunSpec`, then `prepareRunSpec`. */
export function parseRunSpec(raw: unknown, ctx: SpecContext = {}, fieldPrefix = 'spec'): ParsedRunSpec {
  return prepareRunSpec(validateRunSpec(raw, fieldPrefix), ctx, fieldPrefix)
}

/**
 * A notebook maze or schedule as the spec's inline environment (runs.start with `mazeId`), so the
 * stored spec re-runs bit for bit. The maze is notebook data: its environment is checked with the
 * core's schema (errors under `spec.environment`), its layouts when the spec is prepared.
 */
export function withStoredMaze(spec: RunSpec, maze: StoredMaze, fieldPrefix = 'spec'): RunSpec {
  const environment = underPrefix(`${fieldPrefix}.environment`, () => parseOrThrow(environmentSpecSchema, { inline: { name: maze.name, layouts: maze.layouts, schedule: maze.schedule } }))
  return { ...spec, environment }
}
