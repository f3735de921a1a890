import {
  ACTION_FORM,
  ACTION_READ,
  ACTION_RESET,
  ACTION_SET,
  CellProgrammer,
  binaryThresholdS,
  checkProgramParams,
  checkTargetForAlgorithm,
  complianceForConductanceA,
  encodeLog,
  newProgramMaps,
  newProgramTotals,
  programCells,
  recordCell,
  OP_FORM,
  OP_READ,
  OP_RESET,
  OP_SET,
  PulseLog,
  type ProgramMaps,
  type ProgramParams,
  type ProgramTotals,
  type RramArray,
  type TargetMap
} from '../../../src-core/array'
import type { DeviceModel } from '../../../src-core/device/types'
import type { Instrument } from './types'

/** Per-cell operation counters a board array keeps on the host side (the board only counts pulses). */
export interface HostCounters {
  reads: Uint32Array
  sets: Uint32Array
  resets: Uint32Array
}

/** What a job reports after each slice of cells; return false to stop (cancel). */
export type SliceReport = (s: { cellFirst: number; cellLast: number; log: PulseLog; totals: ProgramTotals }) => boolean

/** A programming job as every instrument takes it (`Instrument.programArray`). */
export interface ArrayProgramJob {
  /** The device model the energy estimates use. */
  model: DeviceModel
  rows: number
  cols: number
  target: TargetMap
  params: ProgramParams
  /** Per-cell read/SET/RESET counters to advance (a simulated die's own, or the host's for a board). */
  counters: HostCounters
  report: SliceReport
  /** Cancel requested: checked before every pulse, so no pulse follows a Cancel (the row so far is reported). */
  cancelled?: () => boolean
}

export interface ArrayProgramOutcome {
  maps: ProgramMaps
  totals: ProgramTotals
  /** False when the report asked to stop (cancel). */
  complete: boolean
}

/** A conductance map from `repeats` reads of every cell: mean G and relative read noise (0 for one read). */
export interface ArrayReadMap {
  gMeanS: Float64Array
  readNoiseRel: Float64Array
}

/** Read every cell of a rows×cols array `repeats` times through read blocks (a board or an SMU). */
export async function readMapByRequests(instrument: Instrument, rows: number, cols: number, vReadV: number, repeats: number, counters: HostCounters): Promise<ArrayReadMap> {
  const n = rows * cols
  const sum = new Float64Array(n)
  const sq = new Float64Array(n)
  for (let j = 0; j < repeats; j++) {
    const block = await instrument.readBlock({ row: 0, col: 0, rows, cols }, vReadV)
    for (let k = 0; k < n; k++) {
      const g = block.iReadA[k] / vReadV
      sum[k] += g
      sq[k] += g * g
      counters.reads[k]++
    }
  }
  const noise = new Float64Array(n)
  for (let k = 0; k < n; k++) {
    const mean = sum[k] / repeats
    noise[k] = repeats > 1 ? Math.sqrt(Math.max(0, (sq[k] - sum[k] * mean) / (repeats - 1))) / mean : 0
    sum[k] = mean
  }
  return { gMeanS: sum, readNoiseRel: noise }
}

/** Cells per slice: the simulated loop yields to the event loop and stores its log chunk this often. */
export const SIM_SLICE_CELLS = 4096

/**
 * Program a simulated array in slices (progress, cancel, log chunks between slices). Between slices
 * it waits one event-loop turn so the host keeps answering.
 */
export async function programSimulated(array: RramArray, target: TargetMap, params: ProgramParams, report: SliceReport): Promise<ArrayProgramOutcome> {
  checkProgramParams(params)
  checkTargetForAlgorithm(target, params)
  const maps = newProgramMaps(array.rows, array.cols)
  const totals = newProgramTotals()
  const log = new PulseLog(SIM_SLICE_CELLS * 8)
  for (let first = 0; first < array.cells; first += SIM_SLICE_CELLS) {
    const last = Math.min(array.cells, first + SIM_SLICE_CELLS)
    log.clear()
    programCells(array, target, params, maps, totals, first, last, log)
    if (!report({ cellFirst: first, cellLast: last - 1, log, totals })) return { maps, totals, complete: false }
    await new Promise<void>((r) => setImmediate(r))
  }
  return { maps, totals, complete: true }
}

/**
 * Program an array through the Instrument's requests (a board, an SMU), cell by cell in row-major order, with the same
 * decision logic as the simulated loop (CellProgrammer), one request per pulse or read. Energy is
 * estimated from the device preset's laws. A slice is one row.
 */
export async function programByRequests(instrument: Instrument, job: ArrayProgramJob): Promise<ArrayProgramOutcome> {
  const { model, rows, cols, target, params, counters, report } = job
  const cancelled = job.cancelled ?? (() => false)
  checkProgramParams(params)
  checkTargetForAlgorithm(target, params)
  const maps = newProgramMaps(rows, cols)
  const totals = newProgramTotals()
  const log = new PulseLog(cols * 8)
  const prog = new CellProgrammer(params)
  const threshold = binaryThresholdS(target)
  const top = target.levelsS.length - 1
  const { lrsA, lrsB } = model.preset
  const tPulse = params.pulseWidthS
  for (let row = 0; row < rows; row++) {
    log.clear()
    for (let col = 0; col < cols; col++) {
      const k = row * cols + col
      const level = target.level[k]
      const goal = target.levelsS[level]
      prog.begin(goal, level === top, threshold)
      if (params.algorithm === 'voltage-ramp') prog.setLevelCompliance(complianceForConductanceA(lrsA, lrsB, goal))
      let reads = 0
      let energyJ = 0
      let g = goal
      for (;;) {
        if (cancelled()) {
          report({ cellFirst: row * cols, cellLast: row * cols + col, log, totals })
          return { maps, totals, complete: false }
        }
        const a = prog.action
        if (a === ACTION_READ) {
          const r = await instrument.read({ row, col, vReadV: params.vReadV })
          g = r.gS
          reads++
          counters.reads[k]++
          energyJ += model.readEnergyJ(Math.max(0, g), params.vReadV, params.readSeconds)
          log.push(k, OP_READ, params.vReadV, 0, g)
          prog.afterRead(g)
        } else if (a === ACTION_SET) {
          await instrument.set({ row, col, vSetV: prog.vSetV, iComplianceA: prog.iComplianceA, pulseWidthS: tPulse })
          counters.sets[k]++
          energyJ += prog.vSetV * prog.iComplianceA * tPulse
          log.push(k, OP_SET, prog.vSetV, prog.iComplianceA, NaN)
          prog.afterPulse()
        } else if (a === ACTION_RESET) {
          await instrument.reset({ row, col, vStopV: prog.vStopV, pulseWidthS: tPulse })
          counters.resets[k]++
          energyJ += prog.vStopV * prog.vStopV * Math.max(0, g) * tPulse
          log.push(k, OP_RESET, prog.vStopV, 0, NaN)
          prog.afterPulse()
        } else if (a === ACTION_FORM) {
          await instrument.form({ row, col, vFormV: prog.vFormV, iComplianceA: prog.iComplianceA, pulseWidthS: tPulse })
          counters.sets[k]++
          energyJ += prog.vFormV * prog.iComplianceA * tPulse
          log.push(k, OP_FORM, prog.vFormV, prog.iComplianceA, NaN)
          prog.afterPulse()
        } else break
      }
      recordCell(maps, totals, k, goal, prog, reads, energyJ, prog.pulses * tPulse + reads * params.readSeconds)
    }
    if (!report({ cellFirst: row * cols, cellLast: row * cols + cols - 1, log, totals })) return { maps, totals, complete: false }
  }
  return { maps, totals, complete: true }
}

/** The log entries of a slice, packed for the notebook. */
export function packSlice(log: PulseLog): Uint8Array {
  return encodeLog(log)
}
