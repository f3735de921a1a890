import { describe, expect, it } from 'vitest'
import { accuracyMaps, differenceMap, pathName, twoWayTable, type SweepCellView } from './sweep-layout'

const cell = (params: Record<string, unknown>, accuracy: number | null): SweepCellView => ({ params, accuracy, meanSteps: null, done: 1, seeds: 1 })

describe('sweep layout', () => {
  it('lays an agent × trials × steps grid out as one accuracy map per agent and their difference', () => {
    const cells: SweepCellView[] = []
    for (const agent of [{ kind: 'bio-rram' }, { kind: 'dqn' }])
      for (const trials of [5, 10]) for (const steps of [200, 400]) cells.push(cell({ agent, trials, maxStepsPerTrial: steps }, agent.kind === 'dqn' ? 0.25 : trials / 10))
    const maps = accuracyMaps(cells)!
    expect(maps.map((m) => m.title)).toEqual(['bio-rram', 'dqn'])
    expect(maps[0].rows).toEqual([5, 10])
    expect(maps[0].cols).toEqual([200, 400])
    expect(maps[0].values).toEqual([
      [0.5, 0.5],
      [1, 1]
    ])
    expect(differenceMap(maps[0], maps[1]).values).toEqual([
      [0.25, 0.25],
      [0.75, 0.75]
    ])
  })

  it('lays an I_C × V_STOP grid out as a table, rows the first path', () => {
    const cells = [cell({ ic: 50, v: -1 }, 0.1), cell({ ic: 50, v: -1.6 }, 0.2), cell({ ic: 160, v: -1 }, 0.3), cell({ ic: 160, v: -1.6 }, null)]
    const t = twoWayTable(cells)!
    expect(t.rows).toEqual([50, 160])
    expect(t.cols).toEqual([-1, -1.6])
    expect(t.values.map((r) => r.map((c) => c?.accuracy))).toEqual([
      [0.1, 0.2],
      [0.3, null]
    ])
    expect(accuracyMaps(cells)).toBeNull()
  })
})

describe('pathName', () => {
  it('names the paper’s sweep axes in the lab’s words with units, and any other spec path by its words', () => {
    expect(pathName('agent.programming.iComplianceUA')).toBe('I_C (µA)')
    expect(pathName('agent.programming.vStopV')).toBe('V_STOP (V)')
    expect(pathName('agent.reward.lastPositions')).toBe('Rewarded positions K (positions)')
    expect(pathName('agent.forgetting.relaxFactor')).toBe('Forgotten threshold (× θ0)')
  })
})
