import { describe, expect, it } from 'vitest'
import { formatDuration, formatNumber, formatPercent, formatPrefixed, formatProbability, formatSi } from './si'

describe('formatSi', () => {
  it('prints a conductance read from the board as a researcher writes it', () => {
    expect(formatSi(9.991106514309489e-8, 'S')).toBe('99.9 nS')
    expect(formatSi(1.5e-4, 'A')).toBe('150 µA')
    expect(formatSi(12345, 'Ω')).toBe('12.3 kΩ')
    expect(formatSi(-1.6, 'V')).toBe('-1.6 V')
    expect(formatSi(0, 'V')).toBe('0 V')
    expect(formatSi(4.52e-7, 'J')).toBe('452 nJ')
  })
  it('rounds up across a prefix boundary instead of printing 1000 µ', () => {
    expect(formatSi(999.96e-6, 'A')).toBe('1 mA')
    expect(formatSi(999.4e-6, 'A')).toBe('999 µA')
  })
  it('never gives a unitless number or a percentage a prefix (0.9 is not "900 m")', () => {
    expect(formatSi(0.9, '')).toBe('0.9')
    expect(formatSi(0.15, '')).toBe('0.15')
    expect(formatSi(12.5, '%')).toBe('12.5 %')
    expect(formatSi(1234, 'steps')).toBe('1234 steps')
  })
  it('prints a missing value as a dash', () => {
    expect(formatSi(NaN, 'S')).toBe('—')
    expect(formatSi(null, 'S')).toBe('—')
  })
})

describe('fractions and plain numbers', () => {
  it('a probability reads 0.90 and a yield 94.3 %', () => {
    expect(formatProbability(0.9)).toBe('0.90')
    expect(formatPercent(0.943)).toBe('94.3 %')
    expect(formatPercent(0.9, 0)).toBe('90 %')
  })
  it('axis ticks carry the prefix without the unit, and unit-free numbers stay plain', () => {
    expect(formatPrefixed(1.5e-4)).toBe('150 µ')
    expect(formatPrefixed(2.5)).toBe('2.5')
    expect(formatNumber(0.15)).toBe('0.15')
    expect(formatNumber(1234.5, 4)).toBe('1235')
    expect(formatNumber(2e-5)).toBe('2.00e-5')
  })
  it('durations switch units as a clock does', () => {
    expect(formatDuration(0.0152)).toBe('15.2 ms')
    expect(formatDuration(3.21)).toBe('3.2 s')
    expect(formatDuration(75)).toBe('1 min 15 s')
  })
})
