import { describe, expect, it } from 'vitest'
import { fitView, linearTicks, logTicks, prefixed, zoomAt } from './plot-view'

describe('I–V plot geometry', () => {
  it('fits the view to every point of a loop, not only its ends', () => {
    // 0 → 2.5 → 0 → −1.6 → 0: the ends are both 0 V.
    const x = [0, 2.5, 0, -1.6, 0]
    const y = [1e-9, 1.5e-4, 1e-6, 1e-4, 1e-9]
    const v = fitView(x, y, 5, true)
    expect(v.x0).toBeLessThan(-1.6)
    expect(v.x1).toBeGreaterThan(2.5)
    expect(v.y0).toBeLessThan(-9)
    expect(v.y1).toBeGreaterThan(Math.log10(1.5e-4))
  })

  it('leaves points ≤ 0 off a log axis', () => {
    const v = fitView([0, 1], [0, 1e-6], 2, true)
    expect(v.y0).toBeGreaterThan(-7)
  })

  it('zooming in keeps the point under the cursor fixed', () => {
    const v = zoomAt({ x0: 0, x1: 10, y0: 0, y1: 10 }, 2, 2, 8)
    expect(v).toEqual({ x0: 1, x1: 6, y0: 4, y1: 9 })
  })

  it('puts round linear ticks with SI prefixes inside the range', () => {
    const t = linearTicks(-1.7, 2.6)
    expect(t.map((x) => x.label)).toEqual(['-1.5', '-1', '-500 m', '0', '500 m', '1', '1.5', '2', '2.5'])
    expect(prefixed(1.5e-4)).toBe('150 µ')
  })

  it('marks decades on a log axis, with 2 and 5 when the range is short', () => {
    expect(logTicks(-9.2, -3.1).map((t) => t.label)).toEqual(['1 n', '10 n', '100 n', '1 µ', '10 µ', '100 µ'])
    expect(logTicks(-5.1, -3.5).map((t) => t.label)).toEqual(['10 µ', '20 µ', '50 µ', '100 µ', '200 µ'])
  })
})
