/**
 * One formatter for the numbers a researcher reads, shared by the renderer and the CLI:
 * quantities with a unit get an SI prefix (99.9 nS, 150 µA, 12.3 kΩ); fractions read as percentages
 * (90 %) or as plain probabilities (0.90); unitless numbers never get a prefix ("0.15", not "150 m").
 */

const PREFIXES: readonly [number, string][] = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
  [1, ''],
  [1e-3, 'm'],
  [1e-6, 'µ'],
  [1e-9, 'n'],
  [1e-12, 'p'],
  [1e-15, 'f']
]

/** Units that never take a prefix (a percentage, a count of trials, an angle …): printed as plain numbers. */
const NO_PREFIX = new Set(['', '%', 'trials', 'steps', 'pulses', 'cycles', '°', 'pts'])

/**
 * A quantity with an SI prefix and `digits` significant figures: formatSi(9.991e-8, 'S') = "99.9 nS",
 * formatSi(1.5e-4, 'A') = "150 µA", formatSi(0, 'V') = "0 V". A unitless or counted quantity gets no
 * prefix (formatSi(0.9, '') = "0.9"). Non-finite values print as "—".
 */
export function formatSi(value: number | null | undefined, unit: string, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  if (NO_PREFIX.has(unit)) return `${formatNumber(value, digits)}${unit ? ` ${unit}` : ''}`
  const [scaled, prefix] = withPrefix(value, digits)
  return `${scaled} ${prefix}${unit}`
}

/** The value scaled to its SI prefix, rounded to `digits` significant figures: 1.5e-4 → [150, 'µ']. */
function withPrefix(value: number, digits: number): [number, string] {
  if (value === 0) return [0, '']
  const a = Math.abs(value)
  // Slightly below 1 so that 999.96 µ rounds up to "1 m", not "1000 µ".
  const found = PREFIXES.find(([f]) => a >= f * (1 - 0.5 * Math.pow(10, -digits)))
  const [f, p] = found ?? PREFIXES[PREFIXES.length - 1]
  return [Number((value / f).toPrecision(digits)), p]
}

/** An axis tick or table cell with an SI prefix but no unit (the unit is in the axis title): "150 µ", "2.5". */
export function formatPrefixed(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return '—'
  const [scaled, prefix] = withPrefix(value, digits)
  return prefix ? `${scaled} ${prefix}` : String(scaled)
}

/**
 * A plain number without prefix: `digits` significant figures, exponent only outside 1e-3 … 1e6
 * (formatNumber(0.15) = "0.15", formatNumber(1234.5) = "1235", formatNumber(2e-5) = "2.00e-5").
 */
export function formatNumber(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  if (value === 0) return '0'
  const a = Math.abs(value)
  if (a >= 1e6 || a < 1e-3) return value.toExponential(Math.max(0, digits - 1)).replace('e+', 'e')
  if (a >= Math.pow(10, digits)) return String(Math.round(value))
  return String(Number(value.toPrecision(digits)))
}

/** A fraction as a percentage: formatPercent(0.9) = "90.0 %", formatPercent(0.943, 1) = "94.3 %". */
export function formatPercent(fraction: number | null | undefined, decimals = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—'
  return `${(fraction * 100).toFixed(decimals)} %`
}

/** A probability in [0, 1] with two decimals: formatProbability(0.9) = "0.90". */
export function formatProbability(p: number | null | undefined, decimals = 2): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—'
  return p.toFixed(decimals)
}

/** A duration: 3.2 s → "3.2 s", 75 s → "1 min 15 s", 0.0152 s → "15.2 ms". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—'
  if (seconds < 1) return formatSi(seconds, 's')
  if (seconds < 10) return `${seconds.toFixed(1)} s`
  if (seconds < 60) return `${Math.round(seconds)} s`
  const m = Math.floor(seconds / 60)
  if (m < 60) return `${m} min ${Math.round(seconds - 60 * m)} s`
  return `${Math.floor(m / 60)} h ${m % 60} min`
}
