import type { MapValues } from './decode'

/**
 * A map as CSV: one line per array row, one column per array column, values in the unit shown
 * (stored value × factor), after a comment line naming the map and its unit.
 */
export function mapCsv(values: MapValues, rows: number, cols: number, title: string, factor = 1, unit = ''): string {
  const lines = [`# ${title}${unit ? ` (${unit})` : ''}; ${rows} rows × ${cols} columns, row 1 first`]
  for (let r = 0; r < rows; r++) {
    const cells: string[] = []
    for (let c = 0; c < cols; c++) cells.push(String(Number((values[r * cols + c] * factor).toPrecision(6))))
    lines.push(cells.join(','))
  }
  return lines.join('\n') + '\n'
}

/** A file name from a map title: "Error map (G − target) / target" → "error-map-g-target-target". */
export const mapFileName = (title: string): string =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')

/**
 * Colour-bar ticks that do not collide: walking up the bar, a tick closer than `minGapPx` to the last
 * kept one is dropped (the bar's ends are kept first), so "90" and "100" never print as "90100".
 */
export function thinTicks<T extends { px: number }>(ticks: readonly T[], minGapPx: number): T[] {
  if (ticks.length <= 2) return [...ticks]
  const sorted = [...ticks].sort((a, b) => a.px - b.px)
  const last = sorted[sorted.length - 1]
  const kept: T[] = [sorted[0]]
  for (const t of sorted.slice(1, -1)) if (t.px - kept[kept.length - 1].px >= minGapPx && last.px - t.px >= minGapPx) kept.push(t)
  kept.push(last)
  return kept
}
