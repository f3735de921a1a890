import type { BranchName as SweepBranch } from '../../../src-core/device/iv-sweep'
import type { ArrayProgramJob, ArrayProgramOutcome, ArrayReadMap, HostCounters } from './array-program'

/**
 * The instrument contract: what panels and recipes use to talk to RRAM cells, whether they live
 * in the simulator or on a controller board at the end of a serial line.
 * Units: volts, amperes, seconds, siemens.
 */

/** A cell of the array, 0-based. */
export interface CellAddress {
  row: number
  col: number
}

/** What a board (or the simulator) can safely do. The stricter of these and the profile's wins. */
export interface InstrumentLimits {
  /** Largest |V| on any line, volts. */
  vMaxAbsV: number
  /** Largest compliance current the gate DAC may set, amperes. */
  iComplianceMaxA: number
  /** Range of programming pulse widths, seconds. */
  pulseWidthMinS: number
  pulseWidthMaxS: number
}

export interface InstrumentIdentity {
  backend: 'simulated' | 'serial' | 'smu'
  firmwareName: string
  firmwareVersion: string
  protocolVersion: number
  rows: number
  cols: number
  /** The limits the board itself reports. */
  boardLimits: InstrumentLimits
  /** The limits in force: the stricter of the board's and the device profile's. */
  limits: InstrumentLimits
}

export interface ReadRequest extends CellAddress {
  vReadV: number
}

export interface ReadResult extends CellAddress {
  vReadV: number
  iReadA: number
  /** iReadA / vReadV. */
  gS: number
}

/** A rectangular block of cells, read row by row. */
export interface BlockRegion {
  row: number
  col: number
  rows: number
  cols: number
}

export interface BlockReadResult extends BlockRegion {
  vReadV: number
  /** Read currents, row-major, rows·cols values. */
  iReadA: Float64Array
}

export interface SetRequest extends CellAddress {
  vSetV: number
  iComplianceA: number
  pulseWidthS: number
}

export interface ResetRequest extends CellAddress {
  /** Negative stop voltage of the RESET pulse. */
  vStopV: number
  pulseWidthS: number
}

export interface FormRequest extends CellAddress {
  vFormV: number
  iComplianceA: number
  pulseWidthS: number
}

/** Acknowledgement of a programming pulse, with the cell's wear counter. */
export interface PulseResult extends CellAddress {
  /** Cumulative SET/RESET/FORM pulses this cell has received. */
  pulseCount: number
  /** Whether the cell has been formed (a FORM, or a SET that formed it). */
  formed: boolean
}

/** Quasi-static DC double sweep 0 → +vSetMaxV → 0 → vStopV → 0, repeated `cycles` times. */
export interface SweepWaveform {
  vSetMaxV: number
  vStopV: number
  vStepV: number
  iComplianceA: number
  cycles: number
  /** Delay between applying each level and measuring it, s (SMU list sweeps; boards and the simulator pace themselves). */
  sourceDelayS?: number
}

/** Branch labels of a point, in sweep order: the core I–V simulator's labels and codes. */
export { BRANCH_NAMES as SWEEP_BRANCHES, type BranchName as SweepBranch } from '../../../src-core/device/iv-sweep'

export interface SweepPoint {
  /** 0-based point number within the whole sweep. */
  index: number
  cycle: number
  branch: SweepBranch
  vV: number
  iA: number
  /** True where the current was clamped at the compliance. */
  compliance: boolean
}

/**
 * complete: every point was measured; aborted: abort() stopped it; interrupted: the link was
 * lost or the board fell silent; fault: the board reported a fault.
 */
export type SweepStatus = 'complete' | 'aborted' | 'interrupted' | 'fault'

export interface SweepOutcome {
  status: SweepStatus
  /** Points delivered to the consumer. */
  points: number
  /** Points the board announced (cycles × points per cycle). */
  expectedPoints: number
  message?: string
}

/**
 * Consecutive points of a sweep in columns: the same values as SweepPoint, point k of the block
 * being point firstIndex + k of the sweep. Columns may be views of the instrument's buffers: copy
 * what you keep before asking for the next block.
 */
export interface SweepPointBlock {
  firstIndex: number
  length: number
  cycle: ArrayLike<number>
  /** Branch codes: index into SWEEP_BRANCHES. */
  branch: ArrayLike<number>
  vV: ArrayLike<number>
  iA: ArrayLike<number>
  /** 1 where the current was clamped at the compliance, else 0. */
  compliance: ArrayLike<number>
}

/**
 * A running sweep: iterate it (once) for its points — one by one, or in blocks with `blocks()`;
 * the iteration ends when the sweep ends, and `outcome` then says how (a lost link ends it
 * `interrupted`, after every point received so far).
 */
export interface SweepRun extends AsyncIterable<SweepPoint> {
  /** Points the full sweep has (cycles × points per cycle). */
  readonly expectedPoints: number
  readonly outcome: Promise<SweepOutcome>
  /** The points in blocks (whatever is ready: a simulated cycle, the frames a board has sent). */
  blocks(): AsyncIterable<SweepPointBlock>
}

/**
 * Incremental program-and-verify: read; below the window → SET with a rising compliance;
 * above it → RESET with a deepening stop voltage; until |G − target| ≤ tolerance·target or
 * maxPulses pulses.
 */
export interface ProgramVerifyRequest extends CellAddress {
  targetGS: number
  /** Relative tolerance of the target conductance (0.1 = ±10 %). */
  toleranceRel: number
  maxPulses: number
  vReadV: number
  vSetV: number
  iComplianceStartA: number
  iComplianceStepA: number
  /** The ladder stops rising here. */
  iComplianceMaxA: number
  vStopStartV: number
  vStopStepV: number
  /** The deepest stop voltage the ladder reaches (negative). */
  vStopMinV: number
  pulseWidthS: number
}

export interface ProgramVerifyPulse {
  kind: 'set' | 'reset'
  /** iComplianceA for a SET, vStopV for a RESET. */
  level: number
  /** Conductance read after the pulse. */
  gS: number
}

export interface ProgramVerifyResult extends CellAddress {
  converged: boolean
  gInitialS: number
  gFinalS: number
  pulses: ProgramVerifyPulse[]
}

/** One interface, three back ends (simulated device model | serial controller board | SCPI source-measure unit). */
export interface Instrument {
  /** The limits in force once a hardware back end has identified itself (null before; the simulator has none of its own). */
  readonly limits?: InstrumentLimits | null
  identify(): Promise<InstrumentIdentity>
  read(req: ReadRequest): Promise<ReadResult>
  readBlock(region: BlockRegion, vReadV: number): Promise<BlockReadResult>
  set(req: SetRequest): Promise<PulseResult>
  reset(req: ResetRequest): Promise<PulseResult>
  form(req: FormRequest): Promise<PulseResult>
  /** Starts a sweep; rejects if it is refused (limits, busy), before any voltage is applied. */
  sweep(cell: CellAddress, waveform: SweepWaveform): Promise<SweepRun>
  programVerify(req: ProgramVerifyRequest): Promise<ProgramVerifyResult>
  /**
   * Program a whole array to a target map (the Array panel's job), reporting slice by slice: the
   * simulator runs the core's loop on its die; a board or an SMU one request per pulse or read.
   */
  programArray(job: ArrayProgramJob): Promise<ArrayProgramOutcome>
  /** Read every cell `repeats` times: mean conductance and relative read noise per cell. */
  readMap(vReadV: number, repeats: number, counters: HostCounters): Promise<ArrayReadMap>
  /** Stop a running sweep or program-and-verify; resolves when the instrument has acknowledged. */
  abort(): Promise<void>
  close(): Promise<void>
}
