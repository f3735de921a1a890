import type { CellAddress, Instrument, ProgramVerifyRequest, ProgramVerifyResult, PulseResult, SweepOutcome, SweepPoint, SweepWaveform } from './types'

/**
 * Measurement recipes written against the Instrument interface only, so they run unchanged on
 * the simulator or on a board. Each returns the records a run would store.
 */

export interface DcSweepRecord {
  cell: CellAddress
  waveform: SweepWaveform
  points: SweepPoint[]
  outcome: SweepOutcome
}

/** A quasi-static DC double sweep of one cell; every point received is kept, whatever ends it. */
export async function runDcSweep(instrument: Instrument, cell: CellAddress, waveform: SweepWaveform, onPoint?: (p: SweepPoint) => void): Promise<DcSweepRecord> {
  const run = await instrument.sweep(cell, waveform)
  const points: SweepPoint[] = []
  for await (const p of run) {
    points.push(p)
    onPoint?.(p)
  }
  return { cell, waveform, points, outcome: await run.outcome }
}

/** The ladder settings of a program-and-verify, without the cell and target. */
export type VerifyLadder = Omit<ProgramVerifyRequest, 'row' | 'col' | 'targetGS'>

export interface ProgramCellsRecord {
  forming: PulseResult[]
  results: ProgramVerifyResult[]
}

/**
 * Program a list of cells to target conductances: FORM each pristine cell first (formVoltage,
 * formCompliance), then program-and-verify it.
 */
export async function programCells(
  instrument: Instrument,
  targets: Array<CellAddress & { targetGS: number }>,
  ladder: VerifyLadder,
  forming?: { vFormV: number; iComplianceA: number }
): Promise<ProgramCellsRecord> {
  const record: ProgramCellsRecord = { forming: [], results: [] }
  for (const t of targets) {
    if (forming) record.forming.push(await instrument.form({ row: t.row, col: t.col, ...forming, pulseWidthS: ladder.pulseWidthS }))
    record.results.push(await instrument.programVerify({ ...ladder, row: t.row, col: t.col, targetGS: t.targetGS }))
  }
  return record
}
