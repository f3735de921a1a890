import { describe, expect, it } from 'vitest'
import { readTextMaze } from './formats/text-maze'
import { layoutSwitchTrials, resolveTrial, ScheduleError, validateSchedule, type EnvironmentSchedule } from './schedule'

const schedule: EnvironmentSchedule = {
  layouts: [
    { fromTrial: 1, layoutId: 'a' },
    { fromTrial: 61, layoutId: 'b' },
    { fromTrial: 121, layoutId: 'a' }
  ],
  starts: [
    { fromTrial: 1, start: { row: 0, col: 0 } },
    { fromTrial: 16, start: { row: 1, col: 2 } }
  ]
}

function errorOf(s: unknown, layouts?: Parameters<typeof validateSchedule>[1]): ScheduleError {
  try {
    validateSchedule(s, layouts)
  } catch (e) {
    if (e instanceof ScheduleError) return e
    throw e
  }
  throw new Error('expected a ScheduleError')
}

describe('resolveTrial', () => {
  it('switches layout exactly at the change trials and keeps the last entry for ever', () => {
    expect(resolveTrial(schedule, 1).layoutId).toBe('a')
    expect(resolveTrial(schedule, 60).layoutId).toBe('a')
    expect(resolveTrial(schedule, 61).layoutId).toBe('b')
    expect(resolveTrial(schedule, 120).layoutId).toBe('b')
    expect(resolveTrial(schedule, 121).layoutId).toBe('a')
    expect(resolveTrial(schedule, 10_000).layoutId).toBe('a')
    expect(resolveTrial(schedule, 15).start).toEqual({ row: 0, col: 0 })
    expect(resolveTrial(schedule, 16).start).toEqual({ row: 1, col: 2 })
    expect(layoutSwitchTrials(schedule)).toEqual([61, 121])
  })

  it('refuses trial 0 and fractional trials', () => {
    expect(() => resolveTrial(schedule, 0)).toThrow(/trial must be an integer ≥ 1/)
    expect(() => resolveTrial(schedule, 1.5)).toThrow(/trial/)
  })
})

describe('validateSchedule', () => {
  const layouts = { a: readTextMaze('S..\n..G\n').grid, b: readTextMaze('S#.\n..G\n').grid }

  it('accepts a good schedule', () => {
    expect(validateSchedule(schedule, layouts)).toEqual(schedule)
  })

  it('requires the first entry at trial 1 and increasing trials, naming the field', () => {
    expect(errorOf({ ...schedule, layouts: [{ fromTrial: 2, layoutId: 'a' }] }).field).toBe('layouts.0.fromTrial')
    const e = errorOf({ ...schedule, starts: [schedule.starts[0], { fromTrial: 1, start: { row: 0, col: 1 } }] })
    expect(e.field).toBe('starts.1.fromTrial')
    expect(e.message).toMatch(/must increase/)
    expect(errorOf({ ...schedule, starts: [] }).field).toBe('starts')
    expect(errorOf({ ...schedule, layouts: [{ fromTrial: 1.5, layoutId: 'a' }] }).field).toBe('layouts.0.fromTrial')
  })

  it('finds unknown layouts and a start that is a wall in the layout it meets', () => {
    expect(errorOf({ ...schedule, layouts: [{ fromTrial: 1, layoutId: 'zz' }] }, layouts).field).toBe('layouts.0.layoutId')
    // (0, 1) is free in layout a but a wall in b, which starts at trial 61.
    const e = errorOf({ ...schedule, starts: [{ fromTrial: 1, start: { row: 0, col: 1 } }] }, layouts)
    expect(e.field).toBe('starts.0.start')
    expect(e.message).toMatch(/wall in layout "b" at trial 61/)
    expect(errorOf({ ...schedule, starts: [{ fromTrial: 1, start: { row: 5, col: 0 } }] }, layouts).message).toMatch(/outside/)
  })
})
