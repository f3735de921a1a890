import { MazeFormatError } from './maze-format-error'
import { parseNumericTable } from './numeric-csv'

/**
 * Elevation grid as numeric CSV: one elevation in metres per cell, row 1 at the top (north).
 * Same separators and `# name:` header as the matrix CSV. Turn it into a grid with `terrainFromElevation`.
 */
export interface ElevationTable {
  width: number
  height: number
  elevationM: Float32Array
  name?: string
}

export function readElevationCsv(text: string): ElevationTable {
  const t = parseNumericTable(text)
  const elevationM = new Float32Array(t.values.length)
  for (let i = 0; i < t.values.length; i++) {
    const v = t.values[i]
    if (!Number.isFinite(Math.fround(v))) {
      const p = t.locate(Math.floor(i / t.width), i % t.width)
      throw new MazeFormatError(p.line, p.column, `elevation ${v} does not fit a 32-bit float`)
    }
    elevationM[i] = v
  }
  return { width: t.width, height: t.height, elevationM, ...(t.name ? { name: t.name } : {}) }
}

export function writeElevationCsv(elevationM: ArrayLike<number>, width: number, height: number, options: { name?: string } = {}): string {
  if (elevationM.length !== width * height) throw new RangeError(`elevationM has ${elevationM.length} values, expected ${width * height}`)
  const out: string[] = []
  if (options.name) {
    if (/[\r\n]/.test(options.name)) throw new RangeError('name must be a single line')
    out.push(`# name: ${options.name}`)
  }
  for (let r = 0; r < height; r++) out.push(Array.prototype.slice.call(elevationM, r * width, (r + 1) * width).join(','))
  return out.join('\n') + '\n'
}
