import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { memoryElementsSpecSchema } from './memory-elements'
import { resolveEnvironment, resolvePreset } from './resolve'
import { parseRunSpec } from './spec'
import { expandSweep, sweepSpecSchema } from './sweep'
import { SpecError } from './zod-issues'

const EXAMPLES = join(__dirname, '../../examples')
const read = (f: string) => JSON.parse(readFileSync(join(EXAMPLES, f), 'utf8'))

describe('run spec', () => {
  it('fills every agent parameter with its default', () => {
    const spec = parseRunSpec({ environment: { builtin: 'bianchi-maze-1' }, agent: { kind: 'bio-rram' }, trials: 3, maxStepsPerTrial: 10 })
    expect(spec.agent.kind).toBe('bio-rram')
    if (spec.agent.kind !== 'bio-rram') return
    expect(spec.agent.devicesPerPosition).toBe(16)
    expect(spec.agent.homeostasis.icLadderUA.length).toBeGreaterThan(0)
    expect(spec.tickSeconds).toBeGreaterThan(0)
  })

  it('names the offending path, array index included', () => {
    const bad = {
      environment: { builtin: 'bianchi-maze-1' },
      agent: { kind: 'bio-rram', homeostasis: { icLadderUA: [20, 30, -5] } },
      trials: 3,
      maxStepsPerTrial: 10
    }
    expect(() => parseRunSpec(bad)).toThrow(SpecError)
    try {
      parseRunSpec(bad)
    } catch (e) {
      expect((e as SpecError).issues[0]).toBe('agent.homeostasis.icLadderUA[2]: expected µA > 0')
      expect((e as SpecError).field).toBe('agent.homeostasis.icLadderUA[2]')
    }
  })

  it('rejects unknown fields and missing budgets by name', () => {
    expect(() => parseRunSpec({ environment: { builtin: 'x' }, agent: { kind: 'q-table', learningRat: 0.1 }, trials: 1, maxStepsPerTrial: 1 })).toThrow(/agent: unknown field: learningRat/)
    expect(() => parseRunSpec({ environment: { builtin: 'x' }, agent: { kind: 'dqn' }, trials: 1 })).toThrow(/maxStepsPerTrial/)
  })

  it('resolves built-in names and refuses unknown ones with the field', () => {
    const spec = parseRunSpec({ environment: { builtin: 'no-such-maze' }, agent: { kind: 'bio-rram' }, trials: 1, maxStepsPerTrial: 1 })
    expect(() => resolveEnvironment(spec)).toThrow(/environment.builtin: no built-in environment named "no-such-maze"/)
    expect(() => resolvePreset('nope')).toThrow(/devicePreset: no device preset named "nope"/)
  })
})

describe('examples', () => {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'))
  it('has every example the docs promise', () => {
    for (const f of ['bianchi-dynamic-maze.json', 'matlab-protocol.json', 'morris.json', 'mars-synthetic.json', 'table1-sweep.json', 'accuracy-map.json', 'memory-elements.json']) {
      expect(files).toContain(f)
    }
  })
  for (const f of files) {
    it(`${f} validates against its schema and resolves`, () => {
      const raw = read(f)
      if (raw.kind === 'memory-elements') {
        expect(memoryElementsSpecSchema.safeParse(raw).success).toBe(true)
      } else if ('grid' in raw) {
        const cells = expandSweep(sweepSpecSchema.parse(raw))
        expect(cells.length).toBeGreaterThan(1)
        resolveEnvironment(cells[0].specs[0])
      } else {
        const spec = parseRunSpec(raw)
        const env = resolveEnvironment(spec)
        expect(Object.keys(env.layouts).length).toBeGreaterThan(0)
        resolvePreset(spec.devicePreset)
      }
    })
  }
})
