import type { RandomStream } from '../../random'
import type { MazeWarning } from '../formats/maze-format-error'
import type { Grid } from '../grid'
import { checkSize } from '../grid-ops'
import { terrainFromElevation, type TerrainOptions } from '../terrain'

/**
 * Synthetic planetary terrain: a fractal surface (diamond-square) with impact craters, turned into a
 * grid by `terrainFromElevation` (steep cells → obstacles, the rest → slope penalties).
 */
export interface ElevationGeneratorOptions {
  width: number
  height: number
  /** Standard deviation of the coarsest relief in metres (our default 6 m). */
  reliefM?: number
  /** Amplitude ratio between successive octaves, 2^(−H) with Hurst exponent H (our default 0.55 ≈ H 0.86). */
  roughness?: number
  /** Number of craters (our default: one per 1500 cells). */
  craterCount?: number
  /** Crater radius range in cells (our default 3–12). */
  craterRadiusCells?: [number, number]
  /** Metres per cell, to convert crater radius to depth (our default 1). */
  metresPerPixel?: number
}

/** Diamond-square on the smallest (2^k + 1)² square covering the grid, cropped. Elevation in metres. */
export function diamondSquare(stream: RandomStream, width: number, height: number, reliefM: number, roughness: number): Float32Array {
  checkSize(width, height)
  let n = 1
  while (n + 1 < Math.max(width, height)) n *= 2
  const side = n + 1
  const z = new Float64Array(side * side)
  const at = (r: number, c: number) => r * side + c
  let amp = reliefM
  for (const [r, c] of [
    [0, 0],
    [0, n],
    [n, 0],
    [n, n]
  ])
    z[at(r, c)] = amp * stream.normal()
  for (let step = n; step > 1; step /= 2) {
    const half = step / 2
    amp *= roughness
    for (let r = half; r < side; r += step) {
      for (let c = half; c < side; c += step) {
        const mean = (z[at(r - half, c - half)] + z[at(r - half, c + half)] + z[at(r + half, c - half)] + z[at(r + half, c + half)]) / 4
        z[at(r, c)] = mean + amp * stream.normal()
      }
    }
    for (let r = 0; r < side; r += half) {
      for (let c = (r / half) % 2 === 0 ? half : 0; c < side; c += step) {
        let sum = 0
        let count = 0
        for (const [dr, dc] of [
          [-half, 0],
          [half, 0],
          [0, -half],
          [0, half]
        ]) {
          const rr = r + dr
          const cc = c + dc
          if (rr >= 0 && cc >= 0 && rr < side && cc < side) {
            sum += z[at(rr, cc)]
            count++
          }
        }
        z[at(r, c)] = sum / count + amp * stream.normal()
      }
    }
  }
  const out = new Float32Array(width * height)
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) out[r * width + c] = z[at(r, c)]
  return out
}

/**
 * Adds simple bowl-shaped craters in place: depth ≈ 0.2 × diameter and a rim ≈ 0.04 × diameter high
 * (typical fresh simple craters, Pike 1977), the rim fading out to 1.5 radii.
 */
export function addCraters(stream: RandomStream, elevationM: Float32Array, width: number, height: number, count: number, radiusCells: [number, number], metresPerPixel: number): void {
  const [rMin, rMax] = radiusCells
  if (!(rMin > 0 && rMax >= rMin)) throw new RangeError(`craterRadiusCells needs 0 < min ≤ max, got ${rMin}–${rMax}`)
  for (let k = 0; k < count; k++) {
    const radius = rMin + (rMax - rMin) * stream.uniform()
    const cr = stream.uniform() * height
    const cc = stream.uniform() * width
    const diameterM = 2 * radius * metresPerPixel
    const depthM = 0.2 * diameterM // Pike 1977: depth/diameter ≈ 0.2 for fresh simple craters
    const rimM = 0.04 * diameterM // Pike 1977: rim height/diameter ≈ 0.04
    const reach = Math.ceil(radius * 1.5)
    for (let r = Math.max(0, Math.floor(cr - reach)); r < Math.min(height, Math.ceil(cr + reach)); r++) {
      for (let c = Math.max(0, Math.floor(cc - reach)); c < Math.min(width, Math.ceil(cc + reach)); c++) {
        const x = Math.hypot(r + 0.5 - cr, c + 0.5 - cc) / radius
        let dz = 0
        if (x < 1) dz = rimM - (depthM + rimM) * (1 - x * x)
        else if (x < 1.5) dz = rimM * (1 - (x - 1) / 0.5) ** 2
        elevationM[r * width + c] += dz
      }
    }
  }
}

export function syntheticElevation(stream: RandomStream, options: ElevationGeneratorOptions): Float32Array {
  const { width, height } = options
  const reliefM = options.reliefM ?? 6 // our default
  const roughness = options.roughness ?? 0.55 // our default
  const metresPerPixel = options.metresPerPixel ?? 1 // our default
  const craterCount = options.craterCount ?? Math.round((width * height) / 1500) // our default
  const z = diamondSquare(stream, width, height, reliefM, roughness)
  addCraters(stream, z, width, height, craterCount, options.craterRadiusCells ?? [3, 12], metresPerPixel)
  return z
}

/**
 * A synthetic terrain grid. Start and goal default to opposite corners of the largest connected
 * region, so the goal is always reachable.
 */
export function syntheticTerrain(stream: RandomStream, options: ElevationGeneratorOptions & Omit<TerrainOptions, 'elevationM' | 'width' | 'height'>): { grid: Grid; warnings: MazeWarning[] } {
  const elevationM = syntheticElevation(stream, options)
  return terrainFromElevation({ ...options, elevationM })
}
