const PREFIXES: [number, string][] = [
  [1e-15, 'f'],
  [1e-12, 'p'],
  [1e-9, 'n'],
  [1e-6, 'µ'],
  [1e-3, 'm'],
  [1, ''],
  [1e3, 'k'],
  [1e6, 'M']
]

/** A value with an SI prefix: si(3.2e-7, 'J') = "320 nJ". */
export function si(v: number, unit: string, digits = 3): string {
  if (!Number.isFinite(v)) return '—'
  if (v === 0) return `0 ${unit}`
  const a = Math.abs(v)
  let [f, p] = PREFIXES[0]
  for (const [ff, pp] of PREFIXES) if (a >= ff) [f, p] = [ff, pp]
  return `${Number((v / f).toPrecision(digits))} ${p}${unit}`
}

export const pct = (x: number, digits = 1): string => (Number.isFinite(x) ? `${(x * 100).toFixed(digits)} %` : '—')
