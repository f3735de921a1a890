import { z } from 'zod'
import { bioRramParamsSchema } from '../../../src-core/agents/bio-rram/params'
import { dqnParamsSchema } from '../../../src-core/agents/dqn/params'
import { qTableParamsSchema } from '../../../src-core/agents/q-table/params'
import { BUILTIN_PRESETS, DEFAULT_PRESET } from '../../../src-core/device'
import { BUILTIN_ENVIRONMENTS, mazeJsonSchema, scheduleSchema } from '../../../src-core/env'
import { formatIssuePath } from '../../api/issue-path'
import { StoreError } from '../store/errors'

/**
 * The run spec as the runs service reads it. INTERIM: src-core/experiment (runSpecSchema, another
 * engineer) has not landed; this schema has the fields that issue names (environment, agent, device
 * preset, trials, step budget, tick) so the service, worker and panel can be built. Replace the body
 * of `parseRunSpec` with the core's schema when it lands; callers only see `ParsedRunSpec`.
 */
export const interimRunSpecSchema = z.strictObject({
  environment: z.union([
    z.strictObject({ builtin: z.string().refine((n) => Object.hasOwn(BUILTIN_ENVIRONMENTS, n), { message: 'no built-in environment of that name' }) }),
    z.strictObject({
      inline: z.strictObject({
        name: z.string().min(1).max(200),
        /** Layouts by id, in the JSON maze format (docs/maze-formats.md), as `mazes.resolve` gives them. */
        layouts: z.record(z.string().min(1), mazeJsonSchema),
        schedule: scheduleSchema
      })
    })
  ]),
  agent: z.discriminatedUnion('kind', [bioRramParamsSchema, qTableParamsSchema, dqnParamsSchema]),
  /** A built-in preset by name. Our default: the preset fitted to Bianchi 2023 data. */
  devicePreset: z.string().min(1).default(DEFAULT_PRESET.name),
  trials: z.number().int().min(1, { message: 'expected at least 1 trial' }).max(100_000),
  /** Step budget per trial (agent ticks). */
  maxStepsPerTrial: z.number().int().min(1, { message: 'expected at least 1 step' }).max(10_000_000),
  /** Hardware time of one decision, s. Bianchi 2023: integration ≈ 46 µs + spike ≈ 5 µs. */
  tickSeconds: z.number().positive({ message: 'expected a tick duration in seconds > 0' }).default(51e-6)
})
export type InterimRunSpec = z.output<typeof interimRunSpecSchema>

export interface ParsedRunSpec {
  /** The normalized spec, defaults filled in: what is stored and what the worker runs. */
  spec: InterimRunSpec
  agentKind: string
  environmentName: string
  trials: number
  devicePreset: string
}

/** Validate a spec; bad input throws `invalid-input` naming the path, e.g. `agent.homeostasis.icLadderUA[2]: …`. */
export function parseRunSpec(raw: unknown, fieldPrefix = 'spec'): ParsedRunSpec {
  const parsed = interimRunSpecSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const inner = formatIssuePath(issue.path)
    const field = inner ? `${fieldPrefix}.${inner}` : fieldPrefix
    const message = issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}` : issue.message
    throw new StoreError('invalid', `${inner || fieldPrefix}: ${message}`, field)
  }
  const spec = parsed.data
  if (!BUILTIN_PRESETS.some((p) => p.name === spec.devicePreset))
    throw new StoreError('invalid', `devicePreset: no device preset named "${spec.devicePreset}"`, `${fieldPrefix}.devicePreset`)
  const environmentName = 'builtin' in spec.environment ? spec.environment.builtin : spec.environment.inline.name
  return { spec, agentKind: spec.agent.kind, environmentName, trials: spec.trials, devicePreset: spec.devicePreset }
}
