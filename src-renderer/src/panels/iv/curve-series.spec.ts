import { describe, expect, it } from 'vitest'
import { cdf, cycleColor, si } from './curve-series'

describe('I–V plot helpers', () => {
  it('colours the first and last cycles differently, on the viridis ends', () => {
    expect(cycleColor(0, 20)).toBe('#440154')
    expect(cycleColor(19, 20)).toBe('#fde725')
    expect(cycleColor(0, 1)).toBe('#440154')
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
