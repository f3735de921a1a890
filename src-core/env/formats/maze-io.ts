import type { Grid } from '../grid'
import { terrainFromElevation, type TerrainOptions } from '../terrain'
import { readElevationCsv, writeElevationCsv } from './elevation-csv'
import { readJsonMaze, writeJsonMaze } from './json-maze'
import { readMatrixCsv, writeMatrixCsv, type MatrixReadOptions } from './matrix-csv'
import { MazeFormatError, type MazeReadResult } from './maze-format-error'
import { readTextMaze, writeTextMaze } from './text-maze'

/** Every maze format the workbench reads and writes (docs/maze-formats.md). */
export const MAZE_FORMATS = ['text', 'json', 'matrix-csv', 'elevation-csv'] as const
export type MazeFormat = (typeof MAZE_FORMATS)[number]

/** Options of the formats that need more than the file (start of a matrix, terrain thresholds). */
export interface ReadMazeOptions {
  matrix?: MatrixReadOptions
  terrain?: Omit<TerrainOptions, 'elevationM' | 'width' | 'height'>
}

/** True when every value of a numeric CSV is one the authors' matrix uses, including a wall and a goal. */
function looksLikeAuthorsMatrix(text: string): boolean {
  const numbers = text
    .split(/\r?\n/)
    .filter((l) => !l.startsWith('#'))
    .join(',')
    .split(/[,;\t ]+/)
    .filter((s) => s !== '')
    .map(Number)
  let wall = false
  let goal = false
  for (const v of numbers) {
    if (v === -100) wall = true
    else if (v === 1000) goal = true
    else if (!(v === 0 || v === 1 || (v < 0 && v > -100))) return false
  }
  return wall && goal
}

/**
 * Guesses the format from the file name, then the content: .json → json; .txt/.maze → text;
 * .csv → matrix-csv when its values are the authors' codes (−100/0/1000, 1, penalties), else elevation-csv.
 */
export function detectFormat(fileName: string, text: string): MazeFormat {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase()
  if (ext === 'json') return 'json'
  if (ext === 'txt' || ext === 'maze') return 'text'
  if (ext === 'csv' || ext === 'tsv') return looksLikeAuthorsMatrix(text) ? 'matrix-csv' : 'elevation-csv'
  const body = text.trimStart()
  if (body.startsWith('{')) return 'json'
  const firstRow = text.split(/\r?\n/).find((l) => l.trim() !== '' && !/^#[ \t]/.test(l)) ?? ''
  if (/^-?\d/.test(firstRow.trim()) && /[,;\t]/.test(firstRow)) return looksLikeAuthorsMatrix(text) ? 'matrix-csv' : 'elevation-csv'
  return 'text'
}

/** Reads a maze in the given format. Throws MazeFormatError; soft problems come back as warnings. */
export function readMaze(text: string, format: MazeFormat, options: ReadMazeOptions = {}): MazeReadResult {
  switch (format) {
    case 'text':
      return readTextMaze(text)
    case 'json':
      return readJsonMaze(text)
    case 'matrix-csv':
      return readMatrixCsv(text, options.matrix)
    case 'elevation-csv': {
      const t = readElevationCsv(text)
      let built: ReturnType<typeof terrainFromElevation>
      try {
        built = terrainFromElevation({ ...options.terrain, elevationM: t.elevationM, width: t.width, height: t.height })
      } catch (e) {
        throw new MazeFormatError(1, 1, (e as Error).message)
      }
      return { ...built, ...(t.name ? { name: t.name } : {}) }
    }
    default:
      throw new RangeError(`unknown maze format "${String(format)}"; known: ${MAZE_FORMATS.join(', ')}`)
  }
}

/** Writes a grid in the given format. elevation-csv writes the grid's elevation (terrain grids only). */
export function writeMaze(grid: Grid, format: MazeFormat, options: { name?: string } = {}): string {
  switch (format) {
    case 'text':
      return writeTextMaze(grid, options)
    case 'json':
      return writeJsonMaze(grid, options)
    case 'matrix-csv':
      return writeMatrixCsv(grid, options)
    case 'elevation-csv':
      if (!grid.elevationM) throw new RangeError('this grid has no elevation to write; elevation-csv is for terrain grids')
      return writeElevationCsv(grid.elevationM, grid.width, grid.height, options)
    default:
      throw new RangeError(`unknown maze format "${String(format)}"; known: ${MAZE_FORMATS.join(', ')}`)
  }
}
