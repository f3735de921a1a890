import { BUILTIN_PRESETS } from '../../../src-core/device'
import { writeJsonMaze } from '../../../src-core/env/formats/json-maze'
import type { MazeFormat } from '../../../src-core/env/formats/maze-io'
import { environmentFromFileText, parseRunSpec as parseCoreSpec, resolveEnvironment, resolvePreset, SpecError, type RunSpec } from '../../../src-core/experiment'
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

function invalid(field: string, message: string): never {
  throw new InputError(message, field)
}

/**
 * Validate a run spec with the core's schema and make it self-contained, so a stored run re-runs
 * bit for bit: a maze file becomes an inline environment, a notebook preset an inline preset.
 * Errors name the path: `spec.agent.homeostasis.icLadderUA[2]` (message `agent.homeostasis.icLadderUA[2]: …`).
 */
export function parseRunSpec(raw: unknown, ctx: SpecContext = {}, fieldPrefix = 'spec'): ParsedRunSpec {
  try {
    let spec = parseCoreSpec(raw)
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
  } catch (e) {
    if (e instanceof SpecError) {
      const message = e.issues[0] ?? e.message
      throw new InputError(message, e.field ? `${fieldPrefix}.${e.field}` : fieldPrefix)
    }
    throw e
  }
}
