import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { MazeFormatError } from '../../../src-core/env/formats/maze-format-error'
import { formatForOutput, formatOfFile, readMazeFile, writeMazeFile } from '../../services/mazes/maze-files'
import { fail } from '../options'

function positive(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const v = Number(text)
  if (!(v > 0) || !Number.isFinite(v)) fail(`${name}: expected a positive number, got "${text}"`)
  return v
}

interface ConvertOptions {
  maxSlopeDeg?: string
  metresPerPixel?: string
  penaltyPerSlopeDeg?: string
  pngReliefM?: string
  force?: boolean
}

/** `maze convert IN OUT`: read any maze format, write another; formats from the extensions. */
export function convertMaze(inFile: string, outFile: string, opts: ConvertOptions = {}): { warnings: string[]; note?: string } {
  if (!fs.existsSync(inFile)) throw new Error(`${inFile}: no such file`)
  if (fs.existsSync(outFile) && !opts.force) throw new Error(`${outFile} exists; pass --force to overwrite it`)
  const outFormat = formatForOutput(outFile)
  const isPng = /\.png$/i.test(inFile)
  const raw = fs.readFileSync(inFile)
  const text = isPng ? undefined : raw.toString('utf8')
  const terrain = {
    ...(opts.maxSlopeDeg ? { maxSlopeDeg: positive('--max-slope-deg', opts.maxSlopeDeg) } : {}),
    ...(opts.metresPerPixel ? { metresPerPixel: positive('--metres-per-pixel', opts.metresPerPixel) } : {}),
    ...(opts.penaltyPerSlopeDeg !== undefined ? { penaltyPerSlopeDeg: Number(opts.penaltyPerSlopeDeg) } : {}),
    ...(opts.pngReliefM ? { pngReliefM: positive('--png-relief-m', opts.pngReliefM) } : {})
  }
  const read = readMazeFile(path.basename(inFile), isPng ? { bytes: raw } : { text: text! }, { format: formatOfFile(inFile, text ?? ''), terrain })
  const written = writeMazeFile(read.grid, read.name, outFormat)
  // Write to a temporary file, then rename: OUT is never left half-written.
  const tmp = `${outFile}.tmp-${process.pid}`
  fs.writeFileSync(tmp, written.bytes ?? written.text ?? '')
  fs.renameSync(tmp, outFile)
  return {
    warnings: read.warnings.map((w) => (w.line ? `line ${w.line}, column ${w.column}: ${w.message}` : w.message)),
    ...(written.reliefM !== undefined ? { note: `PNG grey levels span ${written.reliefM.toFixed(3)} m: read it back with --png-relief-m ${written.reliefM}` } : {})
  }
}

export function registerMaze(program: Command): void {
  const maze = program.command('maze').description('maze files: convert between formats')
  maze
    .command('convert')
    .description(
      "convert a maze between formats, chosen by extension: .txt/.maze (text), .json, .csv (authors' matrix −100/0/1000, or an elevation grid when read), .elevation.csv, .png (grayscale elevation)"
    )
    .argument('<in>', 'maze file to read')
    .argument('<out>', 'file to write')
    .option('--max-slope-deg <deg>', 'elevation input: cells steeper than this are obstacles (default 25°)')
    .option('--metres-per-pixel <m>', 'elevation input: ground distance between cells (default 1 m)')
    .option('--penalty-per-slope-deg <points>', 'elevation input: penalty points per degree of slope (default 0.1)')
    .option('--png-relief-m <m>', 'PNG input: metres from black to white (default 25.5 m)')
    .option('--force', 'overwrite OUT if it exists')
    .action((inFile: string, outFile: string, opts: ConvertOptions) => {
      try {
        const { warnings, note } = convertMaze(inFile, outFile, opts)
        for (const w of warnings) process.stderr.write(`warning: ${w}\n`)
        if (note) process.stderr.write(`note: ${note}\n`)
        process.stdout.write(`wrote ${outFile}\n`)
      } catch (e) {
        if (e instanceof MazeFormatError) fail(`${inFile}: ${e.message}`)
        fail((e as Error).message)
      }
    })
}
