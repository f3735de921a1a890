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

/** Engineering notation with an SI prefix: 12345 Ω → "12.3 kΩ" (the app's one formatter). */
export { formatSi as si } from '@core/format/si'
