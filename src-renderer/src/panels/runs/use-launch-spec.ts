import { computed, onMounted, ref, watch } from 'vue'
import { formatSi } from '@core/format/si'
import { agentSpecSchema, runSpecSchema, TICK_SECONDS_DEFAULT, type RunSpecInput } from '@core/experiment/spec'
import { formatIssuePath } from '@core/experiment/zod-issues'
import { BUILTIN_ENVIRONMENTS } from '@core/env/builtins'
import { BUILTIN_PRESETS, DEFAULT_PRESET } from '@core/device/presets'
import type { Output } from '@api/contract'
import { api, ApiCallError } from '../../api/client'
import { useRuns } from '../../stores/runs'
import { useToasts } from '../../stores/toasts'
import { AGENT_FIELDS, AGENT_KINDS, getAt, setAt, type AgentField, type AgentKind } from './agent-fields'
import { SPEC_LABELS } from './spec-labels'

/** Our default step budget per trial, for an environment whose protocol gives none. */
const DEFAULT_MAX_STEPS = 2000

export interface LaunchProps {
  mazeId?: number | null
  presetName?: string | null
  fromRunId?: number | null
}

/**
 * The launch form's state and logic: the spec being built, its inline validation by the core's own
 * schema, the paper's examples, a default run name, and the start. LaunchForm.vue only lays it out.
 */
export function useLaunchSpec(props: LaunchProps, onStarted: (ids: number[]) => void) {
  const runs = useRuns()
  const toasts = useToasts()

  const envChoice = ref('builtin:bianchi-dynamic-180')
  const agentKind = ref<AgentKind>('bio-rram')
  const agentText = ref<Record<string, string>>({})
  const devicePreset = ref(DEFAULT_PRESET.name)
  // Set from the environment's protocol by the watcher below (immediately, for the default environment).
  const trials = ref(180)
  const maxSteps = ref(DEFAULT_MAX_STEPS)
  // The calibrated tick (src-core/agents/bio-rram/calibrated.json: an exploring decision ≈ 46 µs + 5 µs spike).
  const tickUs = ref(+(TICK_SECONDS_DEFAULT * 1e6).toPrecision(6))
  /** The hardware cut-off of a trial's measured window, µs ('' = none: the step budget alone ends a trial). */
  const cutoffUs = ref<number | ''>('')
  const seeds = ref(1)
  const firstSeed = ref(1)
  const name = ref('')
  /** Trials after which the learned state (maps) is stored, comma-separated; the last trial always is. */
  const snapshotText = ref('')
  const tags = ref('')
  const notes = ref('')
  /** Transfer learning: start from a stored bio-RRAM run's learned state ('' = a fresh network). */
  const fromRun = ref<number | ''>('')
  const fromTrial = ref<number | ''>('')
  const serverError = ref<{ field: string; message: string } | null>(null)
  const busy = ref(false)

  const mazes = ref<Output<'mazes.list'>>([])
  const presetNames = ref<string[]>(BUILTIN_PRESETS.map((p) => p.name))
  const examples = ref<Output<'runs.examples'>>([])

  onMounted(async () => {
    const [ex, mz, pr] = await Promise.allSettled([api.call('runs.examples', {}), api.call('mazes.list', {}), api.call('presets.list', {})])
    if (ex.status === 'fulfilled') examples.value = ex.value.filter((e) => e.spec !== null && typeof e.spec === 'object' && 'agent' in (e.spec as object))
    else toasts.error(ex.reason)
    mazes.value = mz.status === 'fulfilled' ? mz.value : [] // the maze library may be unavailable; built-ins still work
    // Until presets.list answers: the core's built-in presets.
    presetNames.value = pr.status === 'fulfilled' ? pr.value.map((p) => p.name) : BUILTIN_PRESETS.map((p) => p.name)
  })

  // `#/runs/new?from=12` (the stored-runs table's "Start from its state…"): a bio-RRAM run on the same
  // environment, starting from run 12's learned state; the researcher may pick another maze of that size.
  watch(
    () => props.fromRunId,
    async (id) => {
      if (!id) return
      agentKind.value = 'bio-rram'
      agentText.value = blankAgentText()
      fromRun.value = id
      try {
        const [source, spec] = await Promise.all([api.call('runs.get', { id }), api.call('runs.spec', { id })])
        const env = (spec as { environment?: { builtin?: unknown } }).environment
        if (env && typeof env.builtin === 'string') envChoice.value = `builtin:${env.builtin}`
        name.value = `${source.name} → continued`
        // The source run's own budget (step budget, tick, hardware cut-off), after the environment watcher's.
        queueMicrotask(() => applyBudget(spec as Record<string, unknown>))
      } catch (e) {
        toasts.error(e)
      }
    },
    { immediate: true }
  )

  const builtinList = Object.entries(BUILTIN_ENVIRONMENTS).map(([key, b]) => ({ key, title: b.title }))

  // Picking a built-in environment fills in its protocol: trials, step budget and hardware cut-off (the dynamic
  // maze: 180 trials, 900 µs, 5,000 steps to go on to the goal); our defaults where its source gives none.
  watch(
    envChoice,
    (choice) => {
      if (choice.startsWith('builtin:')) {
        const b = BUILTIN_ENVIRONMENTS[choice.slice(8)]
        if (!b) return
        trials.value = b.trialCount
        maxSteps.value = b.maxStepsPerTrial ?? DEFAULT_MAX_STEPS
        cutoffUs.value = b.cutoffUs ?? ''
        return
      }
      // A stored schedule knows its trial count (Bianchi 2023 hardware: 180); a layout alone does not.
      void api
        .call('mazes.resolve', { id: Number(choice.slice(5)) })
        .then((r) => r.trialCount && (trials.value = r.trialCount))
        .catch((e) => toasts.error(e))
    },
    { immediate: true }
  )
  watch(
    () => props.mazeId,
    (id) => {
      if (id) envChoice.value = `maze:${id}`
    },
    { immediate: true }
  )
  // `#/runs/new?preset=NAME` (the I–V panel's "start a maze run with it" after fitting a preset).
  watch(
    () => props.presetName,
    (name) => {
      if (name) devicePreset.value = name
    },
    { immediate: true }
  )

  const defaults = computed(() => agentSpecSchema.parse({ kind: agentKind.value }) as Record<string, unknown>)
  const fields = computed<AgentField[]>(() => AGENT_FIELDS[agentKind.value])
  const defaultText = (f: AgentField) => {
    const v = getAt(defaults.value, f.path)
    return Array.isArray(v) ? v.join(', ') : String(v)
  }

  function agentValue(): Record<string, unknown> {
    let agent: Record<string, unknown> = { kind: agentKind.value }
    for (const f of fields.value) {
      const text = (agentText.value[f.path] ?? '').trim()
      if (text === '') continue
      let v: unknown = text
      if (f.kind === 'number' || f.kind === 'integer') v = Number(text)
      else if (f.kind === 'list')
        v = text
          .split(/[,\s]+/)
          .filter(Boolean)
          .map(Number)
      agent = setAt(agent, f.path, v)
    }
    return agent
  }

  /** A hardware time in s, in µs / ms / s as fits. */
  const formatHardwareTime = (seconds: number): string => formatSi(seconds, 's')

  /** The snapshot trials typed (NaN for a bad entry: the core's schema then names it). */
  const snapshotTrials = computed(() =>
    snapshotText.value
      .split(/[,\s]+/)
      .filter(Boolean)
      .map((t) => (/^\d+$/.test(t) ? Number(t) : NaN))
  )

  /** The spec as it will be sent; a stored maze is inlined by the service (mazeId). */
  const spec = computed(() => {
    const env = envChoice.value.startsWith('builtin:') ? { builtin: envChoice.value.slice(8) } : { builtin: 'bianchi-maze-1' }
    return {
      environment: env,
      agent: agentValue(),
      devicePreset: devicePreset.value,
      trials: trials.value,
      maxStepsPerTrial: maxSteps.value,
      tickSeconds: tickUs.value * 1e-6,
      ...(cutoffUs.value !== '' ? { hardwareTime: { cutoffUs: cutoffUs.value } } : {}),
      seed: firstSeed.value,
      ...(snapshotText.value.trim() !== '' ? { snapshots: { trials: snapshotTrials.value } } : {}),
      ...(fromRun.value !== '' && agentKind.value === 'bio-rram' ? { initialState: { run: fromRun.value, ...(fromTrial.value !== '' ? { trial: fromTrial.value } : {}) } } : {})
    }
  })

  /** Inline validation with the core's own schema: path → message. */
  const issues = computed<Record<string, string>>(() => {
    const out: Record<string, string> = {}
    const r = runSpecSchema.safeParse(spec.value)
    if (!r.success) for (const i of r.error.issues) out[formatIssuePath(i.path)] ??= i.message
    if (!Number.isInteger(seeds.value) || seeds.value < 1 || seeds.value > 1000) out.seeds = 'from 1 to 1000 seeds'
    const badTag = tags.value
      .split(',')
      .map((t) => t.trim())
      .find((t) => t.length > 40)
    if (badTag) out.tags = 'a tag has at most 40 characters'
    if (serverError.value) out[serverError.value.field.replace(/^spec\./, '')] ??= serverError.value.message
    return out
  })
  const valid = computed(() => Object.keys(issues.value).length === 0)

  /** The name used when the Name field is left blank: agent, maze and length, e.g. "Bio-inspired RRAM network · Dynamic maze · 180 trials". */
  const defaultName = computed(() => {
    const agent = AGENT_KINDS.find((a) => a.kind === agentKind.value)?.label ?? agentKind.value
    const env = envChoice.value.startsWith('builtin:')
      ? (BUILTIN_ENVIRONMENTS[envChoice.value.slice(8)]?.title ?? envChoice.value.slice(8))
      : (mazes.value.find((m) => `maze:${m.id}` === envChoice.value)?.name ?? 'stored maze')
    return `${agent} · ${env} · ${trials.value} trials`.slice(0, 180)
  })

  /** Why Start is disabled, in words: the first problem with the field it concerns. */
  const blocker = computed(() => {
    const first = Object.entries(issues.value)[0]
    if (!first) return null
    const [path, message] = first
    const label =
      SPEC_LABELS[path] ?? AGENT_FIELDS[agentKind.value].find((f) => `agent.${f.path}` === path.replace(/\[\d+\]$/, ''))?.label ?? (path === 'seeds' ? 'Seeds' : path === 'tags' ? 'Tags' : path)
    return `${label}: ${message}`
  })
  const issueOf = (path: string) => issues.value[path]

  /** A spec's budget into the form: step budget and tick when it gives them, its hardware cut-off or none. */
  function applyBudget(s: Record<string, unknown>): void {
    if (typeof s.maxStepsPerTrial === 'number') maxSteps.value = s.maxStepsPerTrial
    if (typeof s.tickSeconds === 'number') tickUs.value = +(s.tickSeconds * 1e6).toPrecision(6)
    const cutoff = (s.hardwareTime as { cutoffUs?: unknown } | undefined)?.cutoffUs
    cutoffUs.value = typeof cutoff === 'number' ? cutoff : ''
  }

  function applyExample(e: Output<'runs.examples'>[number]): void {
    const s = e.spec as Record<string, unknown>
    const env = s.environment as Record<string, unknown>
    if (env && typeof env.builtin === 'string') envChoice.value = `builtin:${env.builtin}`
    const agent = (s.agent ?? {}) as Record<string, unknown>
    agentKind.value = (agent.kind as AgentKind) ?? 'bio-rram'
    agentText.value = blankAgentText()
    for (const f of AGENT_FIELDS[agentKind.value]) {
      const v = getAt(agent, f.path)
      if (v !== undefined) agentText.value[f.path] = Array.isArray(v) ? v.join(', ') : String(v)
    }
    // After the environment watcher: the example's own budget wins.
    queueMicrotask(() => {
      if (typeof s.trials === 'number') trials.value = s.trials
      applyBudget(s)
      if (typeof s.devicePreset === 'string') devicePreset.value = s.devicePreset
      if (typeof s.seed === 'number') firstSeed.value = s.seed
      const snaps = (s.snapshots as { trials?: unknown } | undefined)?.trials
      snapshotText.value = Array.isArray(snaps) ? snaps.join(', ') : ''
    })
    name.value = e.title
    serverError.value = null
  }

  /** Choice fields start at '' (the "default: …" option), so their select never shows blank. */
  function blankAgentText(): Record<string, string> {
    return Object.fromEntries(AGENT_FIELDS[agentKind.value].filter((f) => f.kind === 'choice').map((f) => [f.path, '']))
  }
  agentText.value = blankAgentText()
  watch(spec, () => (serverError.value = null))

  async function submit(): Promise<void> {
    if (!valid.value) return
    busy.value = true
    try {
      const mazeId = envChoice.value.startsWith('maze:') ? Number(envChoice.value.slice(5)) : undefined
      const started = await runs.start({
        // Built field by field (the agent from text boxes): checked by `issues`, parsed again at the API's door.
        spec: spec.value as RunSpecInput,
        name: name.value.trim() || defaultName.value,
        seeds: seeds.value,
        seed: firstSeed.value,
        tags: tags.value
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
        notes: notes.value,
        ...(mazeId !== undefined ? { mazeId } : {})
      })
      onStarted(started.map((r) => r.id))
    } catch (e) {
      if (e instanceof ApiCallError && e.code === 'invalid-input' && e.field) serverError.value = { field: e.field, message: e.message }
      else toasts.error(e)
    } finally {
      busy.value = false
    }
  }

  return {
    envChoice,
    agentKind,
    agentText,
    devicePreset,
    trials,
    maxSteps,
    tickUs,
    cutoffUs,
    seeds,
    firstSeed,
    name,
    defaultName,
    snapshotText,
    tags,
    notes,
    fromRun,
    fromTrial,
    serverError,
    busy,
    mazes,
    presetNames,
    examples,
    builtinList,
    fields,
    defaultText,
    formatHardwareTime,
    issues,
    valid,
    blocker,
    issueOf,
    applyExample,
    blankAgentText,
    submit
  }
}
