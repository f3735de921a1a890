import { readTextMaze } from '../formats/text-maze'
import type { Grid } from '../grid'
import { MARS_BIANCHI_ELEVATION_INT, MARS_BIANCHI_ELEVATION_OFFSET, MARS_BIANCHI_OBSTACLES_TEXT } from './mars-bianchi-data'

/** The paper's 128×128 Mars map parsed once; each call returns fresh arrays (callers may mutate them). */
let cached: Grid | null = null

/** Source elevation values, row-major (arbitrary unit: the sources do not say what it is). */
export function marsBianchiElevation(): Float32Array {
  const rows = MARS_BIANCHI_ELEVATION_INT.split(';').filter((r) => r !== '')
  const out = new Float32Array(128 * 128)
  rows.forEach((row, r) => row.split(',').forEach((v, c) => (out[r * 128 + c] = Number(v) + MARS_BIANCHI_ELEVATION_OFFSET)))
  return out
}

/**
 * The rover task of Bianchi 2023 on its own map: obstacles are walls (the source's top level of Fig. 5c),
 * everything else free, 8-connected; the elevation rides along for display only.
 */
export function marsBianchiGrid(): Grid {
  if (!cached) {
    const { grid } = readTextMaze(MARS_BIANCHI_OBSTACLES_TEXT)
    cached = { ...grid, elevationM: marsBianchiElevation() }
  }
  return {
    ...cached,
    cells: cached.cells.slice(),
    penalty: cached.penalty ? cached.penalty.slice() : null,
    starts: [...cached.starts],
    elevationM: cached.elevationM ? cached.elevationM.slice() : null
  }
}
