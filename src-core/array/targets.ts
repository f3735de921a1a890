import type { DeviceModel } from '../device/types'
import { checkGeometry } from './array-state'

/**
 * What to program: a level index per cell and the conductance of each level.
 * levelsS is sorted ascending; cell k's target is levelsS[level[k]].
 */
export interface TargetMap {
  rows: number
  cols: number
  levelsS: Float64Array
  level: Uint8Array
}

/** The most levels a target may have. */
export const MAX_LEVELS = 16

export function targetConductanceS(t: TargetMap, k: number): number {
  return t.levelsS[t.level[k]]
}

/**
 * Default conductance levels for a preset: 2 levels = median HRS at −1.4 V and median LRS at
 * 100 µA (Bianchi 2023 data ranges); n > 2 levels = median LRS at I_C evenly spaced from 20 µA to the
 * preset's limit, below an HRS level (our default: the reachable analog range of the gate ramp).
 */
export function defaultLevelsS(model: DeviceModel, count: number): Float64Array {
  if (!Number.isInteger(count) || count < 2 || count > MAX_LEVELS) throw new RangeError(`levels must be an integer 2…${MAX_LEVELS}, got ${count}`)
  const out = new Float64Array(count)
  out[0] = model.medianHrsConductanceS(-1.4)
  if (count === 2) {
    out[1] = model.medianLrsConductanceS(100e-6)
    return out
  }
  const iMin = 20e-6
  const iMax = model.preset.iComplianceMaxA
  for (let j = 1; j < count; j++) out[j] = model.medianLrsConductanceS(iMin + ((iMax - iMin) * (j - 1)) / (count - 2))
  return out
}

/** Checks a level list (S): 2…16 positive, strictly ascending values. */
export function checkLevels(levelsS: ArrayLike<number>): Float64Array {
  if (levelsS.length < 2 || levelsS.length > MAX_LEVELS) throw new RangeError(`levelsS: give 2…${MAX_LEVELS} conductance levels, got ${levelsS.length}`)
  const out = Float64Array.from(levelsS)
  for (let j = 0; j < out.length; j++) {
    if (!(out[j] > 0) || !Number.isFinite(out[j])) throw new RangeError(`levelsS[${j}]: a level must be a conductance > 0 S, got ${out[j]}`)
    if (j > 0 && !(out[j] > out[j - 1])) throw new RangeError(`levelsS[${j}]: levels must rise strictly (${out[j - 1]} S then ${out[j]} S)`)
  }
  return out
}

/** Checkerboard: cell (r, c) is the top level when (⌊r/square⌋ + ⌊c/square⌋) is even, else the bottom one. */
export function checkerboardTarget(rows: number, cols: number, levelsS: ArrayLike<number>, square = 1): TargetMap {
  checkGeometry({ rows, cols })
  const levels = checkLevels(levelsS)
  if (!Number.isInteger(square) || square < 1) throw new RangeError(`square must be an integer ≥ 1 cell, got ${square}`)
  const level = new Uint8Array(rows * cols)
  const top = levels.length - 1
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) level[r * cols + c] = (Math.floor(r / square) + Math.floor(c / square)) % 2 === 0 ? top : 0
  return { rows, cols, levelsS: levels, level }
}

/** Gradient: the level rises with the column, from the bottom level at column 0 to the top level at the last. */
export function gradientTarget(rows: number, cols: number, levelsS: ArrayLike<number>): TargetMap {
  checkGeometry({ rows, cols })
  const levels = checkLevels(levelsS)
  const n = levels.length
  const level = new Uint8Array(rows * cols)
  for (let c = 0; c < cols; c++) {
    const j = cols === 1 ? n - 1 : Math.min(n - 1, Math.floor((c * n) / cols))
    for (let r = 0; r < rows; r++) level[r * cols + c] = j
  }
  return { rows, cols, levelsS: levels, level }
}

/**
 * Any real-valued map (image brightness, a CSV, a learned synapse or threshold map) quantized to
 * the levels: values are scaled linearly from [min, max] of the finite values onto the level
 * indices and rounded (a flat map takes the top level). `invert` maps high values to low levels.
 * Non-finite values are refused with their position.
 */
export function quantizedTarget(rows: number, cols: number, values: ArrayLike<number>, levelsS: ArrayLike<number>, invert = false): TargetMap {
  checkGeometry({ rows, cols })
  const levels = checkLevels(levelsS)
  if (values.length !== rows * cols) throw new RangeError(`values: expected ${rows}×${cols} = ${rows * cols} values, got ${values.length}`)
  let lo = Infinity
  let hi = -Infinity
  for (let k = 0; k < values.length; k++) {
    const v = values[k]
    if (!Number.isFinite(v)) throw new RangeError(`values: row ${Math.floor(k / cols) + 1}, column ${(k % cols) + 1} is not a finite number (${v})`)
    if (v < lo) lo = v
    if (v > hi) hi = v
  }
  const top = levels.length - 1
  const level = new Uint8Array(rows * cols)
  for (let k = 0; k < values.length; k++) {
    let j = hi > lo ? Math.round(((values[k] - lo) / (hi - lo)) * top) : top
    if (invert) j = top - j
    level[k] = j
  }
  return { rows, cols, levelsS: levels, level }
}

/**
 * Place a smaller map on an array: the top-left rows×cols block is the target, cells outside it are
 * left at level `fillLevel` (our default 0: HRS). Refuses maps larger than the array.
 */
export function placeOnArray(t: TargetMap, rows: number, cols: number, fillLevel = 0): TargetMap {
  if (t.rows > rows || t.cols > cols) throw new RangeError(`the target is ${t.rows}×${t.cols}, larger than the ${rows}×${cols} array`)
  if (t.rows === rows && t.cols === cols) return t
  const level = new Uint8Array(rows * cols).fill(fillLevel)
  for (let r = 0; r < t.rows; r++) level.set(t.level.subarray(r * t.cols, (r + 1) * t.cols), r * cols)
  return { rows, cols, levelsS: t.levelsS, level }
}
