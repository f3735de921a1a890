import { describe, expect, it } from 'vitest'
import { sweepProgress } from './sweep'

describe('sweep progress', () => {
  it('writes plain lines, one per tenth of the runs, when stderr is a log', () => {
    const out: string[] = []
    const progress = sweepProgress(false, (s) => out.push(s))
    for (let k = 1; k <= 200; k++) progress(k, 200)
    expect(out.join('')).not.toContain('\r')
    expect(out).toHaveLength(11)
    expect(out.at(-1)).toBe('200/200 runs\n')
  })
  it('rewrites one line in place on a terminal', () => {
    const out: string[] = []
    const progress = sweepProgress(true, (s) => out.push(s))
    for (let k = 1; k <= 40; k++) progress(k, 40)
    expect(out).toEqual(['\r20/40 runs', '\r40/40 runs'])
  })
})
