/** Viridis anchors (matplotlib), perceptually uniform and colour-blind safe. */
const VIRIDIS: [number, number, number][] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37]
]

/** Colour of t ∈ [0, 1] on viridis, as a CSS rgb() string. */
export function heatColor(t: number): string {
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1)
  const k = Math.min(VIRIDIS.length - 2, Math.floor(x))
  const f = x - k
  const a = VIRIDIS[k]
  const b = VIRIDIS[k + 1]
  return `rgb(${Math.round(a[0] + (b[0] - a[0]) * f)}, ${Math.round(a[1] + (b[1] - a[1]) * f)}, ${Math.round(a[2] + (b[2] - a[2]) * f)})`
}
