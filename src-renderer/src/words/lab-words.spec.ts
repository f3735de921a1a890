import { describe, expect, it } from 'vitest'
import { OPERATION_NAMES } from '@api/contract'
import { directionWords, failureTitle, fieldWords, humanizeMessage } from './lab-words'

describe('lab words', () => {
  it('says what failed in words, not the operation name', () => {
    expect(failureTitle('mazes.delete', 'conflict')).toBe('Could not delete the maze: it is in use or already exists')
    expect(failureTitle('iv.start', 'limit')).toBe('Could not start the I–V session: a safety limit would be exceeded')
  })
  it('names a recipe field by its meaning, once', () => {
    expect(humanizeMessage('vSetMaxV: vSetMaxV must be ≤ 10 V', 'vSetMaxV')).toBe('Maximum SET voltage must be ≤ 10 V')
    expect(humanizeMessage('iComplianceA must be > 0 A')).toBe('Compliance current I_C must be > 0 A')
    expect(humanizeMessage("LIMIT: pulseWidthS = 0.000001 s is outside the instrument's 0.001…10 s", 'pulseWidthS')).toBe("Pulse width = 0.000001 s is outside the instrument's 0.001…10 s")
  })
  it('reads a schedule path as layout numbers counted from 1', () => {
    expect(fieldWords('schedule.layouts[2].fromTrial')).toBe('Schedule, layout 3, first trial')
    expect(humanizeMessage('schedule.layouts[2].fromTrial: expected a trial after the previous layout', 'schedule.layouts[2].fromTrial')).toBe(
      'Schedule, layout 3, first trial: expected a trial after the previous layout'
    )
    expect(fieldWords('spec.maxStepsPerTrial')).toBe('Step limit per trial')
  })
  it('names the eight moves by compass words, keeping the letters the maps and files use', () => {
    expect(['N', 'NE', 'E', 'S', 'NW'].map(directionWords)).toEqual(['north (N)', 'north-east (NE)', 'east (E)', 'south (S)', 'north-west (NW)'])
  })
  it('gives every operation of the API a failure title in words: no op name, no camelCase, no verb used as a noun', () => {
    for (const op of OPERATION_NAMES) {
      const title = failureTitle(op, 'not-found')
      expect(title, op).not.toMatch(/\b[a-z]+[A-Z]\w*\b/)
      expect(title, op).not.toContain(op)
      const verb = op.split('.')[1]
      // "Could not sweeps the run": a bare verb from the op name followed by "the" is the fallback leaking.
      if (!/^(list|get|delete|rename|update|start|stop|cancel|pause|resume|import|export|create|read|program|save|fit|connect|disconnect|duplicate|detach|attach|merge|submit)$/.test(verb))
        expect(title, op).not.toMatch(new RegExp(`^Could not ${verb} the `))
    }
  })
})
