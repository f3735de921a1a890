import { describe, expect, it } from 'vitest'
import type { RunSummary } from '@api/schemas/run'
import { defaultPolicyRun, policyRuns } from './policy-runs'

const run = (id: number, o: Partial<RunSummary>): RunSummary =>
  ({ id, kind: 'maze', agentKind: 'bio-rram', status: 'done', name: `run ${id}`, trialCount: 180, trialsPlanned: 180, ...o }) as RunSummary

describe('learned-policy picker', () => {
  it('offers only bio-RRAM maze runs, finished first, and never defaults to a cancelled run', () => {
    const all = [
      run(1, {}),
      run(2, { agentKind: 'dqn' }),
      run(3, { agentKind: 'q-table' }),
      run(4, { status: 'cancelled', trialCount: 112 }),
      run(5, { kind: 'array', agentKind: null }),
      run(6, { status: 'running' })
    ]
    const offered = policyRuns(all)
    expect(offered.map((p) => p.run.id)).toEqual([1, 4])
    expect(offered[1].label).toBe('#4 run 4 (cancelled at trial 112 of 180)')
    expect(defaultPolicyRun(all)).toBe(1)
    expect(defaultPolicyRun([run(4, { status: 'cancelled', trialCount: 112 })])).toBe(0)
  })
})
