import { describe, expect, it } from 'vitest'
import { cdf, curveSeries, cycleColor, si } from './curve-series'

const buf = (v: number[], i: number[], cycle: number[], compliance: number[]) => ({
  length: v.length,
  v: Float64Array.from(v),
  i: Float64Array.from(i),
  cycle: Uint32Array.from(cycle),
  compliance: Uint8Array.from(compliance)
})

describe('I–V plot series', () => {
  it('splits points into one series per cycle, first cycle dark and last bright, clamped points marked', () => {
    const b = buf([0, 1, -1, 0, 1, -1], [0, 1e-4, -2e-4, 0, 1.5e-4, -1e-4], [0, 0, 0, 1, 1, 1], [0, 1, 0, 0, 1, 0])
    const s = curveSeries(b, { absCurrent: false, markCompliance: true })
    expect(s.map((x) => x.label)).toEqual(['cycle 1', 'cycle 2', 'compliance-limited (I = I_C)'])
    expect(Array.from(s[1].y)).toEqual([0, 1.5e-4, -1e-4])
    expect(s[0].color).toBe(cycleColor(0, 2))
    expect(s[0].color).not.toBe(s[1].color)
    expect(Array.from(s[2].x)).toEqual([1, 1])
  })

  it('plots |I| for the log axis, so the RESET branch shows', () => {
    const b = buf([0, -1], [0, -2e-4], [0, 0], [0, 0])
    expect(Array.from(curveSeries(b, { absCurrent: true, markCompliance: false })[0].y)).toEqual([0, 2e-4])
  })

  it('an ECDF rises from 1/2n to 1 − 1/2n over the sorted values, skipping missing ones', () => {
    const c = cdf([3, null, 1, 2, NaN])
    expect(Array.from(c.x)).toEqual([1, 2, 3])
    expect(Array.from(c.y)).toEqual([1 / 6, 0.5, 5 / 6])
  })

  it('writes values with SI prefixes', () => {
    expect(si(12345, 'Ω')).toBe('12.3 kΩ')
    expect(si(1.5e-4, 'A')).toBe('150 µA')
    expect(si(-0.95, 'V')).toBe('-950 mV')
    expect(si(null, 'V')).toBe('—')
  })
})
