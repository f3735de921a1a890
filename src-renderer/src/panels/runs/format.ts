/** 75 s → "1 min 15 s"; 3.2 s → "3.2 s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—'
  if (seconds < 10) return `${seconds.toFixed(1)} s`
  if (seconds < 60) return `${Math.round(seconds)} s`
  const m = Math.floor(seconds / 60)
  if (m < 60) return `${m} min ${Math.round(seconds - 60 * m)} s`
  return `${Math.floor(m / 60)} h ${m % 60} min`
}

const PREFIXES: [number, string][] = [
  [1, 'J'],
  [1e-3, 'mJ'],
  [1e-6, 'µJ'],
  [1e-9, 'nJ'],
  [1e-12, 'pJ'],
  [1e-15, 'fJ']
]

/** Energy with an SI prefix: 2.5e-9 → "2.50 nJ". */
export function formatEnergy(joules: number): string {
  if (!Number.isFinite(joules)) return '—'
  if (joules === 0) return '0 J'
  for (const [scale, unit] of PREFIXES) if (Math.abs(joules) >= scale) return `${(joules / scale).toPrecision(3)} ${unit}`
  return `${joules.toExponential(2)} J`
}
