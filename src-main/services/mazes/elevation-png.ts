import { PNG } from 'pngjs'
import { MazeFormatError } from '../../../src-core/env/formats/maze-format-error'
import { MAX_GRID_SIDE } from '../../../src-core/env/grid-ops'
import { LIMITS } from '../../api/limits'

/**
 * Grayscale PNG elevation images (node-only: pngjs). Each pixel is one cell, row 0 at the top
 * (north). Grey level g of a b-bit image maps to g / (2^b − 1) · reliefM metres above the darkest.
 */

/** Our default: 25.5 m from black to white, i.e. 0.1 m per 8-bit grey level. */
export const DEFAULT_PNG_RELIEF_M = 25.5

export interface ElevationImage {
  width: number
  height: number
  elevationM: Float32Array
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/**
 * The size a PNG claims in its IHDR chunk (bytes 16–23), read without decoding anything: a 74-byte
 * file may claim 60000×60000 pixels (7 GB decoded), so the size is checked first (issue 13, item 5).
 */
export function pngHeaderSize(bytes: Uint8Array): { width: number; height: number } {
  if (bytes.length < 24 || PNG_SIGNATURE.some((b, k) => bytes[k] !== b)) throw new MazeFormatError(1, 1, 'not a PNG image (no PNG signature)')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const type = String.fromCharCode(bytes[12], bytes[13], bytes[14], bytes[15])
  if (type !== 'IHDR') throw new MazeFormatError(1, 1, 'not a readable PNG image: its first chunk is not IHDR')
  return { width: view.getUint32(16), height: view.getUint32(20) }
}

/** Decode a grayscale PNG (8 or 16 bit; colour images must have R = G = B). Errors name the pixel. */
export function readElevationPng(bytes: Uint8Array, reliefM = DEFAULT_PNG_RELIEF_M): ElevationImage {
  if (!(reliefM > 0) || !Number.isFinite(reliefM)) throw new RangeError(`pngReliefM must be a positive number of metres, got ${reliefM}`)
  // The pixel limit, from the header, before a single row is inflated.
  const claimed = pngHeaderSize(bytes)
  if (claimed.width > MAX_GRID_SIDE || claimed.height > MAX_GRID_SIDE || claimed.width * claimed.height > LIMITS.imagePixelsMax)
    throw new MazeFormatError(1, 1, `the image is ${claimed.width}×${claimed.height} pixels; the limit is ${MAX_GRID_SIDE} per side (checked before decoding)`)
  let png: ReturnType<typeof PNG.sync.read>
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { skipRescale: true })
  } catch (e) {
    throw new MazeFormatError(1, 1, `not a readable PNG image: ${(e as Error).message}`)
  }
  const { width, height } = png
  if (width > MAX_GRID_SIDE || height > MAX_GRID_SIDE) throw new MazeFormatError(1, 1, `the image is ${width}×${height} pixels; the limit is ${MAX_GRID_SIDE} per side`)
  const depth = png.depth
  // pngjs keeps 16-bit samples as a Uint16Array of RGBA when skipRescale is set; 8-bit (and lower, expanded) as bytes.
  const data = png.data as unknown as ArrayLike<number>
  const maxLevel = depth === 16 ? 65535 : depth === 8 ? 255 : 2 ** depth - 1
  const scale = reliefM / maxLevel
  const elevationM = new Float32Array(width * height)
  for (let i = 0; i < width * height; i++) {
    const r = data[4 * i]
    const g = data[4 * i + 1]
    const b = data[4 * i + 2]
    if (r !== g || g !== b) {
      // An image file has no lines: report the pixel as line = row, column = column (1-based).
      const row = Math.floor(i / width)
      throw new MazeFormatError(row + 1, (i % width) + 1, `pixel (row ${row + 1}, column ${(i % width) + 1}) is coloured (R ${r}, G ${g}, B ${b}); an elevation image must be grayscale`)
    }
    elevationM[i] = r * scale
  }
  return { width, height, elevationM }
}

/**
 * Encode elevation as a 16-bit grayscale PNG, darkest cell = 0, highest = 65535. The absolute
 * height and the span are not kept (PNG has no place for them here): the span is returned so the
 * caller can tell the user which `pngReliefM` reads it back.
 */
export function writeElevationPng(elevationM: ArrayLike<number>, width: number, height: number): { bytes: Buffer; reliefM: number } {
  if (elevationM.length !== width * height) throw new RangeError(`elevationM has ${elevationM.length} values, expected ${width * height}`)
  let lo = Infinity
  let hi = -Infinity
  for (let i = 0; i < elevationM.length; i++) {
    lo = Math.min(lo, elevationM[i])
    hi = Math.max(hi, elevationM[i])
  }
  const span = hi > lo ? hi - lo : 1
  const png = new PNG({ width, height, colorType: 0, inputColorType: 0, bitDepth: 16, inputHasAlpha: false })
  const samples = new Uint16Array(width * height)
  for (let i = 0; i < samples.length; i++) samples[i] = Math.round(((elevationM[i] - lo) / span) * 65535)
  // pngjs expects 16-bit input in the machine's byte order, which a Uint16Array's bytes already are.
  png.data = Buffer.from(samples.buffer)
  return { bytes: PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 16, inputHasAlpha: false }), reliefM: hi > lo ? hi - lo : 0 }
}
