import { detectFormat, readMaze, writeMaze, type MazeFormat } from '../../../src-core/env/formats/maze-io'
import { MazeFormatError, type MazeWarning } from '../../../src-core/env/formats/maze-format-error'
import { terrainFromElevation } from '../../../src-core/env/terrain'
import type { Grid } from '../../../src-core/env/grid'
import type { CellRC } from '../../../src-core/env/grid-ops'
import type { MazeFileFormat, TerrainImportOptions } from '../../api/ops/mazes'
import { DEFAULT_PNG_RELIEF_M, readElevationPng, writeElevationPng } from './elevation-png'

/**
 * Maze files in and out, for the API and the CLI: the format comes from the extension (and the
 * content, for CSV: the authors' matrix or an elevation grid), PNG is read here (node-only).
 */

export interface MazeFileContent {
  /** Text formats. */
  text?: string
  /** PNG bytes. */
  bytes?: Uint8Array
}

export interface ReadFileOptions {
  format?: MazeFileFormat
  terrain?: TerrainImportOptions
  starts?: CellRC[]
}

export interface ReadFileResult {
  format: MazeFileFormat
  grid: Grid
  warnings: MazeWarning[]
  /** The name given in the file, else the file name without its extension. */
  name: string
}

/** The format a file name implies: .png → elevation-png, else the core's guess from name and text. */
export function formatOfFile(fileName: string, text = ''): MazeFileFormat {
  if (/\.png$/i.test(fileName)) return 'elevation-png'
  return detectFormat(fileName, text)
}

export function baseName(fileName: string): string {
  const leaf = fileName.split(/[\\/]/).pop() ?? fileName
  return leaf.replace(/\.[A-Za-z0-9]+$/, '') || leaf
}

/** Reads a whole file or throws MazeFormatError (line, column) / RangeError; never half a grid. */
export function readMazeFile(fileName: string, content: MazeFileContent, options: ReadFileOptions = {}): ReadFileResult {
  const format = options.format ?? formatOfFile(fileName, content.text ?? '')
  const { pngReliefM, ...terrain } = options.terrain ?? {}
  if (format === 'elevation-png') {
    if (!content.bytes) throw new MazeFormatError(1, 1, 'a PNG elevation image must be sent as bytes (base64), not text')
    const image = readElevationPng(content.bytes, pngReliefM ?? DEFAULT_PNG_RELIEF_M)
    let built: ReturnType<typeof terrainFromElevation>
    try {
      built = terrainFromElevation({ ...terrain, elevationM: image.elevationM, width: image.width, height: image.height })
    } catch (e) {
      throw new MazeFormatError(1, 1, (e as Error).message)
    }
    return { format, grid: built.grid, warnings: built.warnings, name: baseName(fileName) }
  }
  if (content.text === undefined) throw new MazeFormatError(1, 1, `a ${format} file must be sent as text`)
  const read = readMaze(content.text, format as MazeFormat, { terrain, ...(options.starts ? { matrix: { starts: options.starts } } : {}) })
  return { format, grid: read.grid, warnings: read.warnings, name: read.name ?? baseName(fileName) }
}

export const EXTENSION_OF: Record<MazeFileFormat, string> = {
  text: 'txt',
  json: 'json',
  'matrix-csv': 'csv',
  'elevation-csv': 'csv',
  'elevation-png': 'png'
}

const MIME_OF: Record<MazeFileFormat, string> = {
  text: 'text/plain',
  json: 'application/json',
  'matrix-csv': 'text/csv',
  'elevation-csv': 'text/csv',
  'elevation-png': 'image/png'
}

export interface WrittenFile {
  fileName: string
  mimeType: string
  text?: string
  bytes?: Buffer
  /** PNG: the elevation span in metres (read it back with this pngReliefM). */
  reliefM?: number
}

/** A file-system-safe name for `name` with the format's extension. */
export function fileNameFor(name: string, format: MazeFileFormat): string {
  const safe =
    name
      .replace(/[^\w.\- ]+/g, '_')
      .trim()
      .replace(/\s+/g, '-') || 'maze'
  return `${safe}.${format === 'elevation-csv' ? 'elevation.csv' : EXTENSION_OF[format]}`
}

/** Writes a grid in a format; throws RangeError when the format cannot hold it (the message says why). */
export function writeMazeFile(grid: Grid, name: string, format: MazeFileFormat): WrittenFile {
  const fileName = fileNameFor(name, format)
  if (format === 'elevation-png') {
    if (!grid.elevationM) throw new RangeError('this grid has no elevation to write; a PNG elevation image is for terrain grids')
    const { bytes, reliefM } = writeElevationPng(grid.elevationM, grid.width, grid.height)
    return { fileName, mimeType: MIME_OF[format], bytes, reliefM }
  }
  return { fileName, mimeType: MIME_OF[format], text: writeMaze(grid, format, { name }) }
}

/**
 * Which format to write, from an output file name. A `.csv` is the authors' matrix unless it is
 * named `*.elevation.csv` (or the grid is a terrain and `elevationCsv` is asked for).
 */
export function formatForOutput(fileName: string): MazeFileFormat {
  const lower = fileName.toLowerCase()
  if (lower.endsWith('.png')) return 'elevation-png'
  if (lower.endsWith('.elevation.csv')) return 'elevation-csv'
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return 'matrix-csv'
  if (lower.endsWith('.json')) return 'json'
  if (lower.endsWith('.txt') || lower.endsWith('.maze')) return 'text'
  throw new RangeError(`cannot tell the format of "${fileName}": use .txt or .maze (text), .json, .csv (authors' matrix), .elevation.csv or .png (elevation)`)
}
