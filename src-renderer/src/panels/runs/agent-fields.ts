/**
 * The agent parameters the launch form shows, with unit and where each default comes from (the
 * schema in src-core/agents fills in every field the form leaves alone). Paths are inside `agent`.
 */
export interface AgentField {
  path: string
  label: string
  unit: string
  kind: 'number' | 'integer' | 'list' | 'choice'
  choices?: string[]
  /** Tooltip: where the default comes from. It states the schema's default value (agent-fields.spec.ts checks it). */
  source: string
}

/** Both baselines' evaluation ε (src-core/agents/rewards.ts, one schema for both). */
const EVALUATION_EPSILON_FIELD: AgentField = {
  path: 'evaluationEpsilon',
  label: 'ε of the final trial',
  unit: '',
  kind: 'number',
  source: 'Our default 0.05: the evaluation trial (learns nothing) takes a random direction 5 % of the time, as Mnih et al. 2015 evaluate; 0 = strictly greedy'
}

export const AGENT_KINDS = [
  { kind: 'bio-rram', label: 'Bio-inspired RRAM network' },
  { kind: 'q-table', label: 'Tabular Q-learning' },
  { kind: 'dqn', label: 'Deep Q-learning (MLP)' }
] as const
export type AgentKind = (typeof AGENT_KINDS)[number]['kind']

export const AGENT_FIELDS: Record<AgentKind, AgentField[]> = {
  'bio-rram': [
    {
      path: 'thresholdMode',
      label: 'Threshold mode',
      unit: '',
      kind: 'choice',
      choices: ['device', 'abstract'],
      source: "Our default 'device': thresholds are state-device conductances; 'abstract' is the authors' MATLAB rule (3·θ0 / 10·θ0 / 0)"
    },
    { path: 'programming.iComplianceUA', label: 'I_C (reward, penalty)', unit: 'µA', kind: 'number', source: 'Our default 160 µA; science README §1: ≈150–165 µA at full gate drive' },
    { path: 'programming.vStopV', label: 'V_STOP (deepest RESET)', unit: 'V', kind: 'number', source: 'Our default −1.6 V; Bianchi 2023 data span −1.0…−1.6 V' },
    {
      path: 'homeostasis.icLadderUA',
      label: 'Homeostasis I_C ladder',
      unit: 'µA',
      kind: 'list',
      source: 'Calibrated 3.3, 7.04, 15.01 µA (npm run calibrate): θ ×1.6 a spike, saturating, as the Bianchi 2023 hardware trace (authors’ MATLAB: 3·θ0)'
    },
    { path: 'theta0LrsTicks', label: 'θ0', unit: 'LRS ticks', kind: 'number', source: 'Our default 1.5: an LRS synapse fires on its 2nd integration step (science README §2.7)' },
    {
      path: 'reward.lastPositions',
      label: 'Rewarded positions K',
      unit: 'positions',
      kind: 'integer',
      source: 'Calibrated 10 (npm run calibrate), the authors’ pseudocode value, counting the positions left while not remembered (authors’ MATLAB model: 50)'
    },
    { path: 'deadlock.ticks', label: 'Deadlock escape after', unit: 'ticks', kind: 'integer', source: 'Our default 6 ticks without a spike (science README §2.6)' },
    { path: 'devicesPerPosition', label: 'Devices per position', unit: 'devices', kind: 'integer', source: 'Bianchi 2023: 16 per position, 2 in parallel per direction (a multiple of 8)' }
  ],
  'q-table': [
    { path: 'learningRate', label: 'Learning rate α', unit: '', kind: 'number', source: 'Our default 0.5 (deterministic moves tolerate a large step)' },
    { path: 'discount', label: 'Discount γ', unit: '', kind: 'number', source: 'Our default 0.99 (the goal’s value still reaches a start 27 moves away)' },
    { path: 'exploration.epsilonStart', label: 'ε at trial 1', unit: '', kind: 'number', source: 'Our default 0.3 (the zero-initialised table with a step cost already explores untried actions)' },
    { path: 'exploration.epsilonDecay', label: 'ε decay per trial', unit: '', kind: 'number', source: 'Our default 0.95' },
    { path: 'exploration.epsilonMin', label: 'ε floor', unit: '', kind: 'number', source: 'Our default 0.05' },
    EVALUATION_EPSILON_FIELD
  ],
  dqn: [
    { path: 'hiddenLayers', label: 'Hidden layers', unit: 'units', kind: 'list', source: 'Our default 32: one ReLU layer of 32 units' },
    { path: 'input', label: 'State encoding', unit: '', kind: 'choice', choices: ['one-hot', 'coordinates'], source: "Our default 'one-hot' (one input per position)" },
    {
      path: 'learningRate',
      label: 'Adam learning rate',
      unit: '',
      kind: 'number',
      source: 'Our default 1.5e-3 with minibatches of 128, chosen on seeds 101–116 (Adam’s usual 1e-3 learns too slowly within the paper’s 35–70 trials)'
    },
    { path: 'discount', label: 'Discount γ', unit: '', kind: 'number', source: 'Our default 0.99 (Mnih et al. 2015)' },
    { path: 'batchSize', label: 'Minibatch', unit: 'transitions', kind: 'integer', source: 'Our default 128 (Mnih et al. 2015 use 32; 128 replays 4× more a step, chosen on seeds 101–108)' },
    { path: 'exploration.epsilonDecay', label: 'ε decay per trial', unit: '', kind: 'number', source: 'Our default 0.85 per trial from the first goal (ε held at 1 until then)' },
    EVALUATION_EPSILON_FIELD
  ]
}

/** Value at a dotted path of a plain object. */
export function getAt(obj: unknown, path: string): unknown {
  let cur = obj
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[key]
  }
  return cur
}

/** A copy of `obj` with `value` at a dotted path (objects created on the way). */
export function setAt(obj: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const keys = path.split('.')
  const root: Record<string, unknown> = { ...obj }
  let cur = root
  for (let k = 0; k < keys.length - 1; k++) {
    const next = cur[keys[k]]
    cur[keys[k]] = next !== null && typeof next === 'object' && !Array.isArray(next) ? { ...(next as Record<string, unknown>) } : {}
    cur = cur[keys[k]] as Record<string, unknown>
  }
  cur[keys[keys.length - 1]] = value
  return root
}
