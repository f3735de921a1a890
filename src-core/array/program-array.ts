import type { RramArray } from './array-state'
import { ACTION_FORM, ACTION_READ, ACTION_RESET, ACTION_SET, CellProgrammer } from './cell-programmer'
import { checkProgramParams, type ProgramParams } from './program-params'
import { OP_FORM, OP_READ, OP_RESET, OP_SET, type PulseLog } from './pulse-log'
import type { TargetMap } from './targets'

/** The per-cell outcome maps of a programming job (row-major, like the array). */
export interface ProgramMaps {
  rows: number
  cols: number
  /** The last verify read of each cell, S (NaN: not programmed yet). */
  gFinalS: Float64Array
  /** (G_final − G_target) / G_target. */
  errorRel: Float64Array
  /** Pulses the cell took (FORM included). */
  pulses: Uint32Array
  /** 1: the pulse budget ran out before the cell read inside its window. */
  failed: Uint8Array
}

/** Running totals of a job: pulses, reads, energy and time (cells are programmed one after another). */
export interface ProgramTotals {
  cellsDone: number
  converged: number
  pulses: number
  reads: number
  energyJ: number
  timeS: number
}

export function newProgramMaps(rows: number, cols: number): ProgramMaps {
  const n = rows * cols
  return { rows, cols, gFinalS: new Float64Array(n).fill(NaN), errorRel: new Float64Array(n).fill(NaN), pulses: new Uint32Array(n), failed: new Uint8Array(n) }
}

export function newProgramTotals(): ProgramTotals {
  return { cellsDone: 0, converged: 0, pulses: 0, reads: 0, energyJ: 0, timeS: 0 }
}

/**
 * The binary read threshold between the two outer levels: their geometric mean (our default: the
 * middle of the memory window on the log scale the distributions are symmetric in).
 */
export function binaryThresholdS(target: TargetMap): number {
  return Math.sqrt(target.levelsS[0] * target.levelsS[target.levelsS.length - 1])
}

/** The compliance current whose median LRS equals gS, by inverting R = lrsA·(I_C/1 µA)^−lrsB. */
export function complianceForConductanceA(lrsA: number, lrsB: number, gS: number): number {
  return 1e-6 * Math.pow(lrsA * gS, 1 / lrsB)
}

/**
 * Program-and-verify cells [fromCell, toCell) of a simulated array, in row-major order: a pure
 * function of the array's state and stream (same seed and calls ⇒ same maps), no allocation per
 * pulse. Call it in slices to report progress or stop between slices; `log` receives every
 * operation. Energy: the preset's laws; time: pulses and reads one after another.
 */
export function programCells(array: RramArray, target: TargetMap, params: ProgramParams, maps: ProgramMaps, totals: ProgramTotals, fromCell = 0, toCell = array.cells, log?: PulseLog): void {
  if (target.rows !== array.rows || target.cols !== array.cols) throw new RangeError(`the target is ${target.rows}×${target.cols} but the array is ${array.rows}×${array.cols}`)
  checkProgramParams(params)
  checkTargetForAlgorithm(target, params)
  const prog = new CellProgrammer(params)
  const threshold = binaryThresholdS(target)
  const top = target.levelsS.length - 1
  const { lrsA, lrsB } = array.model.preset
  const tPulse = params.pulseWidthS
  const tRead = params.readSeconds
  const vRead = params.vReadV
  for (let k = fromCell; k < toCell; k++) {
    const level = target.level[k]
    const goal = target.levelsS[level]
    const energyBefore = array.energyJ[k]
    prog.begin(goal, level === top, threshold)
    if (params.algorithm === 'voltage-ramp') prog.setLevelCompliance(complianceForConductanceA(lrsA, lrsB, goal))
    let reads = 0
    for (;;) {
      const a = prog.action
      if (a === ACTION_READ) {
        const g = array.readGS(k, vRead, tRead)
        reads++
        log?.push(k, OP_READ, vRead, 0, g)
        prog.afterRead(g)
      } else if (a === ACTION_SET) {
        array.set(k, prog.vSetV, prog.iComplianceA, tPulse)
        log?.push(k, OP_SET, prog.vSetV, prog.iComplianceA, NaN)
        prog.afterPulse()
      } else if (a === ACTION_RESET) {
        array.reset(k, prog.vStopV, tPulse)
        log?.push(k, OP_RESET, prog.vStopV, 0, NaN)
        prog.afterPulse()
      } else if (a === ACTION_FORM) {
        array.form(k, prog.vFormV, prog.iComplianceA, tPulse)
        log?.push(k, OP_FORM, prog.vFormV, prog.iComplianceA, NaN)
        prog.afterPulse()
      } else break
    }
    recordCell(maps, totals, k, goal, prog, reads, array.energyJ[k] - energyBefore, prog.pulses * tPulse + reads * tRead)
  }
}

/** Binary programming knows two states only: its target must have exactly two levels. */
export function checkTargetForAlgorithm(target: TargetMap, params: ProgramParams): void {
  if (params.algorithm === 'binary' && target.levelsS.length !== 2)
    throw new RangeError(`levelsS: binary SET/RESET programs 2 levels, the target has ${target.levelsS.length}; use a multilevel algorithm`)
}

/** Store one finished cell in the maps and totals (shared by the simulated and the board drivers). */
export function recordCell(maps: ProgramMaps, totals: ProgramTotals, k: number, targetS: number, prog: CellProgrammer, reads: number, energyJ: number, timeS: number): void {
  maps.gFinalS[k] = prog.lastGS
  maps.errorRel[k] = (prog.lastGS - targetS) / targetS
  maps.pulses[k] = prog.pulses
  maps.failed[k] = prog.converged ? 0 : 1
  totals.cellsDone++
  if (prog.converged) totals.converged++
  totals.pulses += prog.pulses
  totals.reads += reads
  totals.energyJ += energyJ
  totals.timeS += timeS
}
