// Viridis at 9 stops (matplotlib's perceptually uniform map): early cycles dark blue, late ones yellow.
const VIRIDIS = ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725']

/** Colour of cycle k of n on the viridis scale. */
export function cycleColor(k: number, n: number): string {
  const t = n <= 1 ? 0 : k / (n - 1)
  return VIRIDIS[Math.min(VIRIDIS.length - 1, Math.round(t * (VIRIDIS.length - 1)))]
}

/** Empirical CDF: sorted values and (k + 0.5)/n. */
export function cdf(values: (number | null)[]): { x: Float64Array; y: Float64Array } {
  const v = Float64Array.from(values.filter((x): x is number => x !== null && Number.isFinite(x))).sort()
  const y = new Float64Array(v.length)
  for (let k = 0; k < v.length; k++) y[k] = (k + 0.5) / v.length
  return { x: v, y }
}

/** Engineering notation with an SI prefix: 12345 Ω → "12.3 kΩ", 1.5e-4 A → "150 µA". */
export function si(value: number | null | undefined, unit: string, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  if (value === 0) return `0 ${unit}`.trim()
  const prefixes: [number, string][] = [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
    [1, ''],
    [1e-3, 'm'],
    [1e-6, 'µ'],
    [1e-9, 'n'],
    [1e-12, 'p']
  ]
  const a = Math.abs(value)
  const [f, p] = prefixes.find(([f]) => a >= f * 0.9995) ?? prefixes[prefixes.length - 1]
  return `${Number((value / f).toPrecision(digits))} ${p}${unit}`.trim()
}
