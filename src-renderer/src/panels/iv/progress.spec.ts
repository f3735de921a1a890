import { describe, expect, it } from 'vitest'
import { ivProgress, plannedCycles } from './progress'

describe('I–V progress', () => {
  it('plans cycles × the length of a compliance or stop-voltage list', () => {
    expect(plannedCycles({ cycles: 20, vSetMaxV: 2.5 })).toBe(20)
    expect(plannedCycles({ cycles: 5, iComplianceListA: [50e-6, 100e-6, 150e-6] })).toBe(15)
  })
  it('says which cycle runs and how long is left, from the time per cycle so far', () => {
    expect(ivProgress(5, 20, 10)).toEqual({ fraction: 0.25, label: 'cycle 6 of 20 · about 30 s left' })
    expect(ivProgress(0, 20, 1)).toEqual({ fraction: 0, label: 'cycle 1 of 20' })
    expect(ivProgress(3, null, 4).fraction).toBeNull()
  })
})
