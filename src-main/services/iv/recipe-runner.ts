import type { CellAddress, Instrument, SweepStatus, SweepWaveform } from '../instruments/types'
import type { IvCycleSetting, IvPointBlock, IvReadRow } from './iv-repo'
import type { IvRecipe } from './recipe-schema'

/** Where a running recipe puts its rows (the service stores them and streams them to panels). */
export interface RecipeSink {
  cycles(settings: IvCycleSetting[]): void
  points(block: IvPointBlock): void
  reads(rows: IvReadRow[]): void
  /** True once the researcher pressed Stop: pulse recipes end before their next pulse. */
  stopRequested(): boolean
}

export interface RecipeOutcome {
  status: 'done' | 'stopped' | 'interrupted' | 'failed'
  message?: string
}

/**
 * Points are handed to the sink (one stored row, one streamed message) every POINT_BLOCK points or
 * FLUSH_MS milliseconds, whichever comes first: a crash loses at most that much, and a slow serial
 * line still updates the live plot several times a second.
 */
export const POINT_BLOCK = 4096
export const FLUSH_MS = 150

/**
 * A pulse recipe hands the event loop back at least this often (ms): on the simulator every pulse
 * resolves at once, and a loop of microtasks would keep a Stop request (an IPC or WebSocket
 * message) waiting until the last cycle (issue 13, item 12). Our default: 10 ms.
 */
export const YIELD_MS = 10

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

const emptyBlock = (): IvPointBlock => ({ idx: [], cycle: [], branch: [], vV: [], iA: [], compliance: [], tS: [] })

/**
 * Run one recipe on an instrument (simulated or serial: the same calls, the same rows).
 * Sweep recipes stream points; pulse recipes record a read at V_read after every pulse.
 */
export async function runRecipe(instrument: Instrument, recipe: IvRecipe, sink: RecipeSink): Promise<RecipeOutcome> {
  const cell: CellAddress = { row: recipe.row, col: recipe.col }
  switch (recipe.recipe) {
    case 'forming': {
      await instrument.form({ ...cell, vFormV: recipe.vFormV, iComplianceA: recipe.iComplianceA, pulseWidthS: recipe.pulseWidthS })
      sink.cycles([{ cycle: 0, step: 0, iComplianceA: recipe.iComplianceA, vStopV: null }])
      const r = await instrument.read({ ...cell, vReadV: recipe.vReadV })
      sink.reads([{ idx: 0, cycle: 0, after: 'form', pulses: 1, vReadV: recipe.vReadV, iReadA: r.iReadA }])
      return { status: 'done' }
    }
    case 'dc-sweep': {
      const w: SweepWaveform = { vSetMaxV: recipe.vSetMaxV, vStopV: recipe.vStopV, vStepV: recipe.vStepV, iComplianceA: recipe.iComplianceA, cycles: recipe.cycles }
      return runSweeps(instrument, cell, [{ waveform: w, step: 0 }], recipe.dwellS, sink)
    }
    case 'ic-sweep': {
      const steps = recipe.iComplianceListA.map((iC, step) => ({
        step,
        waveform: { vSetMaxV: recipe.vSetMaxV, vStopV: recipe.vStopV, vStepV: recipe.vStepV, iComplianceA: iC, cycles: recipe.cyclesPerStep }
      }))
      return runSweeps(instrument, cell, steps, recipe.dwellS, sink)
    }
    case 'vstop-sweep': {
      const steps = recipe.vStopListV.map((vStop, step) => ({
        step,
        waveform: { vSetMaxV: recipe.vSetMaxV, vStopV: vStop, vStepV: recipe.vStepV, iComplianceA: recipe.iComplianceA, cycles: recipe.cyclesPerStep }
      }))
      return runSweeps(instrument, cell, steps, recipe.dwellS, sink)
    }
    case 'cycling':
    case 'pulsed':
      return runPulses(instrument, cell, recipe, sink)
  }
}

async function runSweeps(instrument: Instrument, cell: CellAddress, steps: { waveform: SweepWaveform; step: number }[], dwellS: number, sink: RecipeSink): Promise<RecipeOutcome> {
  let idx = 0
  let cycleOffset = 0
  for (const { waveform: shape, step } of steps) {
    if (sink.stopRequested()) return { status: 'stopped' }
    // The dwell per point is the source delay of an SMU's list sweep (boards and the simulator pace themselves).
    const waveform: SweepWaveform = { ...shape, sourceDelayS: dwellS }
    sink.cycles(Array.from({ length: waveform.cycles }, (_, c) => ({ cycle: cycleOffset + c, step, iComplianceA: waveform.iComplianceA, vStopV: waveform.vStopV })))
    const run = await instrument.sweep(cell, waveform)
    let block = emptyBlock()
    let flushedAt = Date.now()
    // Blocks of points as the instrument has them (a simulated cycle, the frames a board sent).
    for await (const b of run.blocks()) {
      for (let j = 0; j < b.length; j++) {
        block.idx.push(idx)
        block.cycle.push(cycleOffset + b.cycle[j])
        block.branch.push(b.branch[j])
        block.vV.push(b.vV[j])
        block.iA.push(b.iA[j])
        block.compliance.push(b.compliance[j])
        block.tS.push(idx * dwellS)
        idx++
        if (block.idx.length >= POINT_BLOCK || ((idx & 63) === 0 && Date.now() - flushedAt >= FLUSH_MS)) {
          sink.points(block)
          block = emptyBlock()
          flushedAt = Date.now()
        }
      }
    }
    if (block.idx.length > 0) sink.points(block)
    const outcome = await run.outcome
    const ended = sweepEnd(outcome.status, outcome.message)
    if (ended) return ended
    cycleOffset += waveform.cycles
  }
  return { status: 'done' }
}

function sweepEnd(status: SweepStatus, message: string | undefined): RecipeOutcome | null {
  switch (status) {
    case 'complete':
      return null
    case 'aborted':
      return { status: 'stopped', message: 'stopped by the researcher; every point so far is kept' }
    case 'interrupted':
      return { status: 'interrupted', message: message ?? 'the instrument link was lost; every point received is kept' }
    case 'fault':
      return { status: 'failed', message: message ?? 'the board reported a fault' }
  }
}

async function runPulses(instrument: Instrument, cell: CellAddress, recipe: Extract<IvRecipe, { recipe: 'cycling' | 'pulsed' }>, sink: RecipeSink): Promise<RecipeOutcome> {
  const verify = recipe.recipe === 'pulsed' ? recipe : null
  let idx = 0
  // Buffered and flushed every 64 cycles (one transaction each), settings before reads.
  const settings: IvCycleSetting[] = []
  const rows: IvReadRow[] = []
  const flush = () => {
    if (settings.length) sink.cycles(settings.splice(0))
    if (rows.length) sink.reads(rows.splice(0))
  }
  let turnAt = performance.now()
  try {
    for (let cycle = 0; cycle < recipe.cycles; cycle++) {
      if (performance.now() - turnAt >= YIELD_MS) {
        await nextTurn()
        turnAt = performance.now()
      }
      if (sink.stopRequested()) return { status: 'stopped', message: 'stopped by the researcher; every read so far is kept' }
      settings.push({ cycle, step: 0, iComplianceA: recipe.iComplianceA, vStopV: recipe.vStopV })
      // SET, read; with verify, repeat the SET until R ≤ rLrsMaxOhm or maxPulses.
      for (let n = 1; ; n++) {
        await instrument.set({ ...cell, vSetV: recipe.vSetV, iComplianceA: recipe.iComplianceA, pulseWidthS: recipe.pulseWidthS })
        const r = await instrument.read({ ...cell, vReadV: recipe.vReadV })
        if (!verify || recipe.vReadV / r.iReadA <= verify.rLrsMaxOhm || n >= verify.maxPulses) {
          rows.push({ idx: idx++, cycle, after: 'set', pulses: n, vReadV: recipe.vReadV, iReadA: r.iReadA })
          break
        }
      }
      for (let n = 1; ; n++) {
        await instrument.reset({ ...cell, vStopV: recipe.vStopV, pulseWidthS: recipe.pulseWidthS })
        const r = await instrument.read({ ...cell, vReadV: recipe.vReadV })
        if (!verify || recipe.vReadV / r.iReadA >= verify.rHrsMinOhm || n >= verify.maxPulses) {
          rows.push({ idx: idx++, cycle, after: 'reset', pulses: n, vReadV: recipe.vReadV, iReadA: r.iReadA })
          break
        }
      }
      if (settings.length >= 64) flush()
    }
  } finally {
    flush()
  }
  return { status: 'done' }
}
