import { describe, expect, it } from 'vitest'
import { parseRunSpec } from '@core/experiment/spec'
import { DEFAULT_PRESET } from '@core/device/presets'
import { flatten } from './compare-model'
import { specWords } from './spec-words'
import { fieldWords } from '../../words/lab-words'

/** Every field a stored spec can hold: each agent's defaults, plus the optional parts a launch may add. */
function everyField(): string[] {
  const paths = new Set<string>()
  for (const kind of ['bio-rram', 'q-table', 'dqn']) {
    const spec = parseRunSpec({
      name: 'x',
      environment: { file: 'maze.txt', format: 'text' },
      agent: { kind },
      trials: 2,
      maxStepsPerTrial: 10,
      schedule: { layouts: [{ fromTrial: 1, layoutId: 'a' }], starts: [{ fromTrial: 1, start: { row: 0, col: 0 } }] },
      devicePreset: DEFAULT_PRESET,
      ...(kind === 'bio-rram' ? { initialState: { run: 1, trial: 1 } } : {}),
      hardwareTime: { cutoffUs: 900 }
    })
    for (const p of Object.keys(flatten(spec))) paths.add(p)
  }
  return [...paths]
}

describe('spec words', () => {
  // The comparison's "Configuration differences" showed raw keys such as agent.deadlock.keepPenalties for every
  // field the launch form does not show; a new schema field without words would do so again.
  it('names every field of a run spec in words, never by its path', () => {
    const fields = everyField()
    expect(fields.length).toBeGreaterThan(80)
    const raw = fields.filter((p) => specWords(p) === p)
    expect(raw).toEqual([])
  })
  it('reads the same words in an error message about that field', () => {
    expect(specWords('agent.deadlock.keepPenalties')).toBe('Deadlock escape keeps penalties')
    expect(fieldWords('agent.forgetting.relaxFactor')).toBe('Forgotten threshold (× θ0)')
    expect(fieldWords('spec.agent.synapse.hebbianIcUA')).toBe('Hebbian SET I_C (µA)')
    // The generic words of other forms keep their own reading.
    expect(fieldWords('name')).toBe('Name')
    expect(specWords('devicePreset.vReadV')).toBe('Device preset: read voltage, V')
  })
})
