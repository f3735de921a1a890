import { describe, expect, it } from 'vitest'
import { mapCsv, mapFileName, thinTicks } from './map-export'

describe('map export', () => {
  it('writes one CSV line per array row in the unit shown', () => {
    const csv = mapCsv(Float64Array.from([1e-6, 2e-6, 3e-6, 4e-6, 5e-6, 6e-6]), 2, 3, 'Conductance (read)', 1e6, 'µS')
    expect(csv.split('\n')).toEqual(['# Conductance (read) (µS); 2 rows × 3 columns, row 1 first', '1,2,3', '4,5,6', ''])
    expect(mapFileName('Error map (G − target) / target')).toBe('error-map-g-target-target')
  })
  it('drops colour-bar ticks that would print over each other, keeping both ends', () => {
    const ticks = [0, 50, 90, 100, 150, 200].map((v) => ({ v, px: v }))
    expect(thinTicks(ticks, 14).map((t) => t.v)).toEqual([0, 50, 90, 150, 200])
    expect(thinTicks(ticks, 60).map((t) => t.v)).toEqual([0, 90, 200])
  })
})
