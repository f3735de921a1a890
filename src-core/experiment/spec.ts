import { z } from 'zod'
import calibrated from '../agents/bio-rram/calibrated.json'
import { bioRramParamsSchema } from '../agents/bio-rram/params'
import { dqnParamsSchema } from '../agents/dqn/params'
import { qTableParamsSchema } from '../agents/q-table/params'
import { devicePresetSchema } from '../device/preset-schema'
import { DEFAULT_PRESET } from '../device/presets'
import { DIRECTIONS } from '../env/grid'
import { MAZE_FORMATS } from '../env/formats/maze-io'
import { scheduleSchema } from '../env/schedule'
import { energyParamsSchema } from './energy'
import { hardwareTimeSchema } from './hardware-time'
import { parseOrThrow } from './zod-issues'

/** Default tick duration, s: calibrated by `npm run calibrate` (src-core/agents/bio-rram/calibrated.json). */
export const TICK_SECONDS_DEFAULT: number = calibrated.tickSeconds

/**
 * One run, fully described (docs/experiment-spec.md): same spec + seed ⇒ identical trial records.
 * JSON in, defaults filled in by `parseRunSpec`.
 */
export const environmentSpecSchema = z.union([
  z.strictObject({
    /** A built-in environment (env/builtins), e.g. "bianchi-dynamic-180". */
    builtin: z.string().min(1)
  }),
  z.strictObject({
    /** A maze file, read node-side (the CLI / services resolve it; src-core cannot read files). */
    file: z.string().min(1),
    format: z.enum(MAZE_FORMATS).optional()
  }),
  z.strictObject({
    inline: z.strictObject({
      name: z.string().min(1).max(200),
      /** Layouts by id, each in the JSON maze format (docs/maze-formats.md). */
      layouts: z.record(z.string().min(1), z.unknown()),
      schedule: scheduleSchema
    })
  })
])
export type EnvironmentSpec = z.infer<typeof environmentSpecSchema>

export const agentSpecSchema = z.discriminatedUnion('kind', [bioRramParamsSchema, qTableParamsSchema, dqnParamsSchema])
export type AgentSpec = z.infer<typeof agentSpecSchema>
export type AgentSpecInput = z.input<typeof agentSpecSchema>

export const snapshotSpecSchema = z
  .strictObject({
    /** Trials (1-based) after which a snapshot is taken. The final trial always gets one. */
    trials: z.array(z.number().int().min(1)).default([]),
    /** The synapse plane a snapshot's reader shows first (all 8 are kept: experiment/state-layers.ts). Our default S. */
    direction: z.enum(DIRECTIONS).default('S')
  })
  .prefault({})

export const runSpecSchema = z
  .strictObject({
    name: z.string().max(200).optional(),
    environment: environmentSpecSchema,
    /** Replaces the environment's own schedule of layouts and starts. */
    schedule: scheduleSchema.optional(),
    agent: agentSpecSchema,
    /** A device preset by name (BUILTIN_PRESETS) or an inline preset. Our default: fitted to Bianchi 2023 data. */
    devicePreset: z.union([z.string().min(1), devicePresetSchema]).default(DEFAULT_PRESET.name),
    trials: z.number().int().min(1, { message: 'expected at least 1 trial' }).max(100_000),
    /** Step budget per trial (agent ticks): the cut-off. */
    maxStepsPerTrial: z.number().int().min(1, { message: 'expected at least 1 step' }).max(10_000_000),
    /** Hardware time of one tick (one integration step), s. Calibrated by `npm run calibrate` (objective: an
     * exploring decision integrates ≈ 46 µs, Bianchi 2023; docs/agents.md): see TICK_SECONDS_DEFAULT. */
    tickSeconds: z.number().positive({ message: 'expected a tick duration in seconds > 0' }).default(TICK_SECONDS_DEFAULT),
    /** The hardware time model: spike time, burst recall, the trial cut-off (experiment/hardware-time.ts). */
    hardwareTime: hardwareTimeSchema,
    seed: z.number().int().default(1),
    /** The last trial is an evaluation trial that learns nothing: tabular Q and the DQN act with their evaluation ε
     * (agents/rewards.ts `evaluationEpsilonSchema`, Mnih et al. 2015); the bio network has no ε. Our default true. */
    finalTrialGreedy: z.boolean().default(true),
    snapshots: snapshotSpecSchema,
    energy: energyParamsSchema,
    /**
     * Transfer learning (science README §3): start from the device state a stored run left after one of
     * its snapshot trials (default: its last), instead of a fresh network. A reference the workbench
     * resolves from the notebook (src-core runs take the state itself); bio-RRAM runs only.
     */
    initialState: z
      .strictObject({
        run: z.number().int().positive({ message: 'expected the id of a stored run' }),
        trial: z.number().int().min(1, { message: 'expected a trial ≥ 1' }).optional()
      })
      .optional()
  })
  .superRefine((spec, ctx) => {
    if (spec.initialState && spec.agent.kind !== 'bio-rram') {
      ctx.addIssue({ code: 'custom', path: ['initialState'], message: `a learned device state can start a bio-rram run only, not ${spec.agent.kind}` })
    }
  })

export type RunSpec = z.infer<typeof runSpecSchema>
export type RunSpecInput = z.input<typeof runSpecSchema>

/** Validate and fill in defaults; throws SpecError naming the path (e.g. `agent.homeostasis.icLadderUA[2]: expected µA > 0`). */
export function parseRunSpec(input: unknown): RunSpec {
  return parseOrThrow(runSpecSchema, input)
}
