import { describe, expect, it } from 'vitest'
import { agentSpecSchema } from '@core/experiment/spec'
import { AGENT_FIELDS, AGENT_KINDS, getAt } from './agent-fields'

/** The ways a hint may write a default: 0.0015 as "0.0015" or "1.5e-3", a list as "3.3, 7.04, 15.01". */
function spellings(v: unknown): string[] {
  if (Array.isArray(v)) return [v.map(String).join(', ')]
  if (typeof v === 'number') return [String(v), v.toExponential()]
  return [String(v)]
}

describe('launch form hints', () => {
  // A researcher reads the hint as the default and its source: it went stale once (K 50, a 20–70 µA ladder, Adam
  // 3e-3 and minibatch 32 while the schema said 8, 3.3–15 µA, 1.5e-3 and 128).
  for (const { kind } of AGENT_KINDS) {
    const defaults = agentSpecSchema.parse({ kind })
    for (const f of AGENT_FIELDS[kind]) {
      it(`${kind} ${f.path}: the hint states the schema's default`, () => {
        const v = getAt(defaults, f.path)
        expect(v).toBeDefined()
        const hint = f.source.replace(/−/g, '-')
        const stated = spellings(v).some((w) => new RegExp(`(default|Calibrated|Bianchi 2023:) '?${w.replace(/[.+]/g, '\\$&')}(?![\\d.])`).test(hint))
        expect(stated, `hint "${f.source}" against default ${JSON.stringify(v)}`).toBe(true)
      })
    }
  }
})
