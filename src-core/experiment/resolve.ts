import { BUILTIN_PRESETS } from '../device/presets'
import { parseDevicePreset } from '../device/preset-schema'
import type { DevicePreset } from '../device/types'
import { BUILTIN_ENVIRONMENTS } from '../env/builtins'
import { readJsonMaze } from '../env/formats/json-maze'
import { detectFormat, readMaze, type MazeFormat } from '../env/formats/maze-io'
import { indexOf, rcOf } from '../env/grid-ops'
import type { Grid } from '../env/grid'
import { validateSchedule, type EnvironmentSchedule } from '../env/schedule'
import type { RunSpec } from './spec'
import { SpecError } from './zod-issues'

/** An environment ready to run: layouts by id and the schedule picking them trial by trial. */
export interface ResolvedEnvironment {
  name: string
  layouts: Record<string, Grid>
  schedule: EnvironmentSchedule
}

function fail(field: string, message: string): never {
  throw new SpecError([`${field}: ${message}`], field)
}

/**
 * Resolve `spec.environment` (built-in or inline) and apply `spec.schedule` when given.
 * `{ file }` environments are read node-side: pass the result of `environmentFromFileText` as `fromFile`.
 */
export function resolveEnvironment(spec: Pick<RunSpec, 'environment' | 'schedule'>, fromFile?: ResolvedEnvironment): ResolvedEnvironment {
  const env = spec.environment
  let resolved: ResolvedEnvironment
  if ('builtin' in env) {
    const b = BUILTIN_ENVIRONMENTS[env.builtin]
    if (!b) fail('environment.builtin', `no built-in environment named "${env.builtin}" (known: ${Object.keys(BUILTIN_ENVIRONMENTS).join(', ')})`)
    resolved = { name: env.builtin, ...b.build() }
  } else if ('inline' in env) {
    const layouts: Record<string, Grid> = {}
    for (const [id, maze] of Object.entries(env.inline.layouts)) {
      try {
        layouts[id] = readJsonMaze(JSON.stringify(maze)).grid
      } catch (e) {
        fail(`environment.inline.layouts.${id}`, e instanceof Error ? e.message : String(e))
      }
    }
    resolved = { name: env.inline.name, layouts, schedule: env.inline.schedule }
  } else {
    if (!fromFile) fail('environment.file', `"${env.file}" must be read node-side (environmentFromFileText) before running`)
    resolved = fromFile
  }
  if (spec.schedule) resolved = { ...resolved, schedule: spec.schedule }
  try {
    validateSchedule(resolved.schedule, resolved.layouts)
  } catch (e) {
    const field = e instanceof Error && 'field' in e ? `schedule.${String((e as { field: string }).field)}` : 'schedule'
    fail(field, e instanceof Error ? e.message : String(e))
  }
  const sizes = new Set(Object.values(resolved.layouts).map((g) => `${g.width}×${g.height}`))
  if (sizes.size !== 1) fail('environment', `all layouts must have the same size, got ${[...sizes].join(', ')}`)
  return resolved
}

/** A single-layout environment from a maze file's text (node-side reads the file, this parses it). */
export function environmentFromFileText(text: string, fileName: string, format?: MazeFormat): ResolvedEnvironment {
  const { grid, name } = readMaze(text, format ?? detectFormat(fileName, text))
  const id = name ?? fileName
  return {
    name: id,
    layouts: { [id]: grid },
    schedule: { layouts: [{ fromTrial: 1, layoutId: id }], starts: [{ fromTrial: 1, start: rcOf(grid, grid.starts[0]) }] }
  }
}

/** The device preset a spec names (built-in) or carries inline. */
export function resolvePreset(devicePreset: RunSpec['devicePreset']): DevicePreset {
  if (typeof devicePreset !== 'string') return parseDevicePreset(devicePreset)
  const p = BUILTIN_PRESETS.find((x) => x.name === devicePreset)
  if (!p) fail('devicePreset', `no device preset named "${devicePreset}" (known: ${BUILTIN_PRESETS.map((x) => x.name).join(', ')})`)
  return p
}

export { indexOf }
