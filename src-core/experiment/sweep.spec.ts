import { describe, expect, it } from 'vitest'
import type { TrialRecord } from './trial-record'
import { aggregateSweep, expandSweep, setAtPath, sweepSpecSchema } from './sweep'

const base = { environment: { builtin: 'bianchi-maze-1' }, agent: { kind: 'bio-rram' }, trials: 2, maxStepsPerTrial: 10 }

describe('sweeps', () => {
  it('expands the Cartesian product × seeds, first path varying slowest', () => {
    const cells = expandSweep(sweepSpecSchema.parse({ base, grid: { 'agent.programming.iComplianceUA': [50, 160], trials: [1, 2, 3] }, seeds: { count: 4, first: 10 } }))
    expect(cells).toHaveLength(6)
    expect(cells[1].values).toEqual({ 'agent.programming.iComplianceUA': 50, trials: 2 })
    expect(cells[3].values).toEqual({ 'agent.programming.iComplianceUA': 160, trials: 1 })
    const s = cells[5].specs
    expect(s.map((x) => x.seed)).toEqual([10, 11, 12, 13])
    expect(s[0].trials).toBe(3)
    expect(s[0].agent.kind === 'bio-rram' && s[0].agent.programming.iComplianceUA).toBe(160)
  })

  it('replaces whole objects and leaves the base untouched', () => {
    const out = setAtPath(base, 'agent', { kind: 'dqn' })
    expect(out.agent).toEqual({ kind: 'dqn' })
    expect(base.agent).toEqual({ kind: 'bio-rram' })
  })

  it('names the cell and path of an invalid value', () => {
    const sweep = sweepSpecSchema.parse({ base, grid: { 'agent.programming.iComplianceUA': [50, -1] }, seeds: { count: 1 } })
    expect(() => expandSweep(sweep)).toThrow(/cell 1 \(agent.programming.iComplianceUA=-1\): agent.programming.iComplianceUA: expected µA > 0/)
  })

  it('accuracy is the share of seeds whose final trial reached the goal', () => {
    const cells = expandSweep(sweepSpecSchema.parse({ base, grid: { trials: [1, 2] }, seeds: { count: 4 } }))
    const rec = (reachedGoal: boolean, steps: number) => ({ reachedGoal, steps }) as TrialRecord
    const res = aggregateSweep(cells, [
      [rec(true, 5), rec(false, 10), rec(true, 3), rec(false, 10)],
      [rec(true, 2), rec(true, 2), rec(true, 2), rec(true, 2)]
    ])
    expect(res[0].accuracy).toBe(0.5)
    expect(res[0].meanSteps).toBe(7)
    expect(res[1].accuracy).toBe(1)
  })
})
