import { describe, expect, it } from 'vitest'
import { failureTitle, fieldWords, humanizeMessage } from './lab-words'

describe('lab words', () => {
  it('says what failed in words, not the operation name', () => {
    expect(failureTitle('mazes.delete', 'conflict')).toBe('Could not delete the maze: it is in use or already exists')
    expect(failureTitle('iv.start', 'limit')).toBe('Could not start the I–V session: a safety limit would be exceeded')
  })
  it('names a recipe field by its meaning, once', () => {
    expect(humanizeMessage('vSetMaxV: vSetMaxV must be ≤ 10 V', 'vSetMaxV')).toBe('Maximum SET voltage must be ≤ 10 V')
    expect(humanizeMessage('iComplianceA must be > 0 A')).toBe('Compliance current I_C must be > 0 A')
  })
  it('reads a schedule path as layout numbers counted from 1', () => {
    expect(fieldWords('schedule.layouts[2].fromTrial')).toBe('Schedule, layout 3, first trial')
    expect(humanizeMessage('schedule.layouts[2].fromTrial: expected a trial after the previous layout', 'schedule.layouts[2].fromTrial')).toBe(
      'Schedule, layout 3, first trial: expected a trial after the previous layout'
    )
    expect(fieldWords('spec.maxStepsPerTrial')).toBe('Step limit per trial')
  })
})
