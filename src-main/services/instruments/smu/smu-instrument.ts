import { EventEmitter } from 'node:events'
import { programByRequests, readMapByRequests, type ArrayProgramJob, type ArrayProgramOutcome, type ArrayReadMap, type HostCounters } from '../array-program'
import { InstrumentError } from '../errors'
import { LimitGuard, stricterLimits } from '../limits'
import { StreamedSweep } from '../streamed-sweep'
import type {
  BlockReadResult,
  BlockRegion,
  CellAddress,
  FormRequest,
  Instrument,
  InstrumentIdentity,
  InstrumentLimits,
  ProgramVerifyRequest,
  ProgramVerifyResult,
  PulseResult,
  ReadRequest,
  ReadResult,
  ResetRequest,
  SetRequest,
  SweepRun,
  SweepStatus,
  SweepWaveform
} from '../types'
import { SWEEP_BRANCHES } from '../types'
import { parseReadings, smuModel, type SmuModel, type SmuModelId, type SmuReading } from './models'
import { ScpiAborted, ScpiSession, clip } from './scpi-session'
import { addressToString, openTransport, type SmuAddress } from './transport'
import { planSweep } from './sweep-plan'

export interface SmuOptions {
  model: SmuModelId
  address: SmuAddress
  /** Integration time in power-line cycles (our default 0.1: 2 ms at 50 Hz, a quiet µA reading). */
  nplc?: number
  /** Mains frequency the NPLC counts in, Hz (default 50). */
  lineFrequencyHz?: number
  /** Source delay of a sweep point when the waveform does not give one, s (our default 1 ms). */
  sourceDelayS?: number
  /** The device profile's limits; the stricter of these and the instrument's range are enforced. */
  profileLimits?: InstrumentLimits
  /** Base timeout of a query, ms (default 2000). */
  timeoutMs?: number
  /**
   * Longest list segment (default: what the instrument acquires in SEGMENT_S, within 10 … the
   * model's list maximum): points stream at least every SEGMENT_S, and a Stop waits at most that on
   * an instrument whose parser is held by *WAI until the list ends.
   */
  segmentPoints?: number
  trace?: (direction: 'out' | 'in', line: string) => void
}

/** Longest time of one list segment (acquisition, and the answer's transfer on RS-232), s (our default: the plot updates ~10×/s; Stop waits ≤ 0.1 s). */
export const SEGMENT_S = 0.1

/** The shortest "pulse" an SMU list step gives, s: a DC level held for the source delay and one aperture (our default). */
export const SMU_PULSE_MIN_S = 1e-3

interface SmuEvents {
  lost: [reason: string]
}

/**
 * A source-measure unit as an Instrument: one device (a 1×1 "array") behind a SCPI session.
 * Sweeps run as list sweeps in segments (SET half at I_C, RESET half at the limit in force);
 * pulses and reads are one-point lists. The output is switched off after every operation, on
 * Stop (`:ABOR` then `:OUTP OFF`), on any error and on close. `*RST` is never sent.
 */
export class SmuInstrument extends EventEmitter<SmuEvents> implements Instrument {
  readonly model: SmuModel
  readonly guard: LimitGuard
  readonly instrumentLimits: InstrumentLimits
  private running: { stop: boolean } | null = null
  private readonly nplc: number
  private readonly lineHz: number

  private constructor(
    readonly session: ScpiSession,
    readonly idn: string,
    private readonly options: SmuOptions
  ) {
    super()
    this.model = smuModel(options.model)
    this.nplc = options.nplc ?? 0.1
    this.lineHz = options.lineFrequencyHz ?? 50
    this.instrumentLimits = { vMaxAbsV: this.model.vMaxAbsV, iComplianceMaxA: this.model.iMaxA, pulseWidthMinS: SMU_PULSE_MIN_S, pulseWidthMaxS: 10 }
    const limits = options.profileLimits ? stricterLimits(this.instrumentLimits, options.profileLimits) : this.instrumentLimits
    this.guard = new LimitGuard(limits, 1, 1)
    session.transport.on('lost', (reason) => this.emit('lost', reason))
  }

  /**
   * Open the link, check `*IDN?` against the model, clear the status (`*CLS`, not `*RST`), switch
   * the output off and configure the measurement; any SCPI error in the queue refuses the link.
   */
  static async connect(options: SmuOptions): Promise<SmuInstrument> {
    const model = smuModel(options.model)
    if (!model.transports.includes(options.address.kind)) {
      throw new InstrumentError('BAD_REQUEST', `${model.label} is reached over ${model.transports.join(' or ')}, not ${options.address.kind}`, 'address')
    }
    const transport = await openTransport(options.address, options.timeoutMs ?? 2000)
    const session = new ScpiSession(transport, { timeoutMs: options.timeoutMs ?? 2000, trace: options.trace })
    try {
      const idn = await session.idn()
      if (!model.idn.test(idn)) throw new InstrumentError('PROTOCOL', `*IDN?: expected ${model.idnExpected}, got "${clip(idn, 80)}"`)
      await session.write(`*CLS;${model.outputOff}`)
      await session.write(model.configure(options.nplc ?? 0.1).join(';'))
      await session.drainErrors('configuring the measurement')
      return new SmuInstrument(session, idn, options)
    } catch (e) {
      await session.write(model.outputOff).catch(() => undefined)
      await session.close().catch(() => undefined)
      throw e
    }
  }

  get address(): string {
    return addressToString(this.options.address)
  }

  get lost(): string | null {
    return this.session.lost
  }

  get busy(): boolean {
    return this.running !== null
  }

  async identify(): Promise<InstrumentIdentity> {
    const [maker, model, , firmware] = this.idn.split(',').map((s) => s.trim())
    return {
      backend: 'smu',
      firmwareName: `${maker ?? ''} ${model ?? ''}`.trim(),
      firmwareVersion: firmware ?? '',
      protocolVersion: 0,
      rows: 1,
      cols: 1,
      boardLimits: { ...this.instrumentLimits },
      limits: { ...this.guard.limits }
    }
  }

  async read(req: ReadRequest): Promise<ReadResult> {
    this.guard.checkRead(req)
    const r = await this.single(req.vReadV, this.guard.limits.iComplianceMaxA, 0, 'read')
    return { row: req.row, col: req.col, vReadV: req.vReadV, iReadA: r.iA, gS: r.iA / req.vReadV }
  }

  async readBlock(region: BlockRegion, vReadV: number): Promise<BlockReadResult> {
    this.guard.checkBlock(region, vReadV)
    const r = await this.read({ row: region.row, col: region.col, vReadV })
    return { row: region.row, col: region.col, rows: 1, cols: 1, vReadV, iReadA: Float64Array.of(r.iReadA) }
  }

  private pulses = 0

  async set(req: SetRequest): Promise<PulseResult> {
    this.guard.checkSet(req)
    await this.single(req.vSetV, req.iComplianceA, req.pulseWidthS, 'SET pulse')
    return { row: req.row, col: req.col, pulseCount: ++this.pulses, formed: true }
  }

  async reset(req: ResetRequest): Promise<PulseResult> {
    this.guard.checkReset(req)
    await this.single(req.vStopV, this.guard.limits.iComplianceMaxA, req.pulseWidthS, 'RESET pulse')
    return { row: req.row, col: req.col, pulseCount: ++this.pulses, formed: true }
  }

  async form(req: FormRequest): Promise<PulseResult> {
    this.guard.checkForm(req)
    await this.single(req.vFormV, req.iComplianceA, req.pulseWidthS, 'FORM pulse')
    return { row: req.row, col: req.col, pulseCount: ++this.pulses, formed: true }
  }

  async programVerify(req: ProgramVerifyRequest): Promise<ProgramVerifyResult> {
    this.guard.checkProgramVerify(req)
    const cell = { row: req.row, col: req.col }
    const readG = async () => (await this.read({ ...cell, vReadV: req.vReadV })).gS
    const low = req.targetGS * (1 - req.toleranceRel)
    const high = req.targetGS * (1 + req.toleranceRel)
    let g = await readG()
    const gInitialS = g
    let iC = req.iComplianceStartA
    let vStop = req.vStopStartV
    const pulses: ProgramVerifyResult['pulses'] = []
    // The same ladder as runProgramVerify (program-verify.ts), one SCPI pulse and read at a time.
    while (!(g >= low && g <= high) && pulses.length < req.maxPulses) {
      if (g < low) {
        await this.set({ ...cell, vSetV: req.vSetV, iComplianceA: iC, pulseWidthS: req.pulseWidthS })
        g = await readG()
        pulses.push({ kind: 'set', level: iC, gS: g })
        iC = Math.min(req.iComplianceMaxA, iC + req.iComplianceStepA)
        vStop = req.vStopStartV
      } else {
        await this.reset({ ...cell, vStopV: vStop, pulseWidthS: req.pulseWidthS })
        g = await readG()
        pulses.push({ kind: 'reset', level: vStop, gS: g })
        vStop = Math.max(req.vStopMinV, vStop - req.vStopStepV)
        iC = req.iComplianceStartA
      }
    }
    return { ...cell, converged: g >= low && g <= high, gInitialS, gFinalS: g, pulses }
  }

  /** An SMU is one device: a 1×1 array, programmed one pulse and read at a time. */
  programArray(job: ArrayProgramJob): Promise<ArrayProgramOutcome> {
    return programByRequests(this, job)
  }

  readMap(vReadV: number, repeats: number, counters: HostCounters): Promise<ArrayReadMap> {
    return readMapByRequests(this, 1, 1, vReadV, repeats, counters)
  }

  async sweep(cell: CellAddress, waveform: SweepWaveform): Promise<SweepRun> {
    this.guard.checkSweep(cell, waveform)
    if (this.running) throw new InstrumentError('BUSY', 'a sweep is running on the SMU; stop it or wait for its end')
    if (this.session.lost) throw new InstrumentError('LINK_LOST', this.session.lost)
    const delayS = waveform.sourceDelayS ?? this.options.sourceDelayS ?? 1e-3
    const segments = planSweep(waveform, this.guard.limits.iComplianceMaxA, this.segmentPoints(delayS))
    const expected = segments.reduce((n, s) => n + s.voltsV.length, 0)
    const run = new StreamedSweep(expected)
    const token = { stop: false }
    this.running = token
    void this.runSegments(segments, delayS, run, token).finally(() => {
      if (this.running === token) this.running = null
    })
    return run
  }

  private async runSegments(segments: ReturnType<typeof planSweep>, delayS: number, run: StreamedSweep, token: { stop: boolean }): Promise<void> {
    let index = 0
    let status: SweepStatus = 'complete'
    let message: string | undefined
    let iC = NaN
    let outputOn = false
    try {
      for (const seg of segments) {
        if (token.stop) throw new ScpiAborted('sweep')
        const cmds = seg.iComplianceA !== iC ? [...this.model.compliance(seg.iComplianceA)] : []
        iC = seg.iComplianceA
        cmds.push(...this.model.loadList({ voltsV: seg.voltsV, iComplianceA: seg.iComplianceA, sourceDelayS: delayS }))
        if (!outputOn) cmds.push(this.model.outputOn)
        outputOn = true
        const readings = await this.runList(cmds, seg.voltsV.length, delayS, `list segment of cycle ${seg.cycle}`)
        for (let k = 0; k < readings.length; k++) {
          const r = readings[k]
          run.push({ index, cycle: seg.cycle, branch: SWEEP_BRANCHES[seg.branch[k]], vV: r.vV, iA: r.iA, compliance: r.inCompliance })
          index++
        }
      }
    } catch (e) {
      ;({ status, message } = this.classify(e))
    } finally {
      await this.outputOff()
      run.end(status, message)
    }
  }

  /**
   * A plain staircase (CLI `smu sweep`): the levels in order at one compliance, in segments, output
   * on from the first to the last and off after (also on Stop or error). Checked against the limits
   * before anything is sent; rejects with the reason if it did not complete.
   */
  async listSweep(voltsV: number[], iComplianceA: number, sourceDelayS: number, onReadings?: (r: SmuReading[]) => void): Promise<SmuReading[]> {
    const l = this.guard.limits
    if (!(iComplianceA > 0) || iComplianceA > l.iComplianceMaxA * (1 + 1e-9)) {
      throw new InstrumentError('LIMIT', `compliance ${iComplianceA} A must be > 0 and ≤ ${l.iComplianceMaxA} A`, 'iComplianceA')
    }
    const bad = voltsV.find((v) => !Number.isFinite(v) || Math.abs(v) > l.vMaxAbsV * (1 + 1e-9))
    if (bad !== undefined) throw new InstrumentError('LIMIT', `level ${bad} V exceeds the limit |V| ≤ ${l.vMaxAbsV} V`, 'voltsV')
    if (this.running) throw new InstrumentError('BUSY', 'a sweep is running on the SMU; stop it or wait for its end')
    const token = { stop: false }
    this.running = token
    const out: SmuReading[] = []
    const n = this.segmentPoints(sourceDelayS)
    try {
      for (let from = 0; from < voltsV.length; from += n) {
        if (token.stop) throw new ScpiAborted('sweep')
        const seg = voltsV.slice(from, from + n)
        const cmds = [...(from === 0 ? this.model.compliance(iComplianceA) : []), ...this.model.loadList({ voltsV: seg, iComplianceA, sourceDelayS })]
        if (from === 0) cmds.push(this.model.outputOn)
        const r = await this.runList(cmds, seg.length, sourceDelayS, `list points ${from + 1}–${from + seg.length}`)
        out.push(...r)
        onReadings?.(r)
      }
      return out
    } catch (e) {
      const { message } = this.classify(e)
      throw e instanceof InstrumentError ? new InstrumentError(e.code, message ?? e.message) : new InstrumentError('PROTOCOL', message ?? String(e))
    } finally {
      await this.outputOff()
      if (this.running === token) this.running = null
    }
  }

  /** One-point list (a pulse or a read): the output is on only for it. */
  private async single(vV: number, iComplianceA: number, delayS: number, what: string): Promise<SmuReading> {
    if (this.running) throw new InstrumentError('BUSY', 'a sweep is running on the SMU; stop it or wait for its end')
    if (this.session.lost) throw new InstrumentError('LINK_LOST', this.session.lost)
    const token = { stop: false }
    this.running = token
    try {
      const cmds = [...this.model.compliance(iComplianceA), ...this.model.loadList({ voltsV: [vV], iComplianceA, sourceDelayS: delayS }), this.model.outputOn]
      const [r] = await this.runList(cmds, 1, delayS, what)
      return r
    } catch (e) {
      const { status, message } = this.classify(e)
      if (status === 'aborted') throw new InstrumentError('BUSY', `${what} aborted`)
      throw e instanceof InstrumentError ? e : new InstrumentError(status === 'interrupted' ? 'LINK_LOST' : 'PROTOCOL', message ?? String(e))
    } finally {
      await this.outputOff()
      if (this.running === token) this.running = null
    }
  }

  /** Load a list, run it, parse the readings, drain the error queue; SCPI errors take precedence over parse errors. */
  private async runList(cmds: string[], points: number, delayS: number, what: string): Promise<SmuReading[]> {
    const query = this.model.runQuery(points)
    const line = [...cmds, query].join(';')
    const label = query.split(';').pop()!
    const answer = await this.session.query(line, this.runTimeoutMs(points, delayS), label)
    let readings: SmuReading[]
    try {
      readings = parseReadings(this.model, label, answer, points)
    } catch (e) {
      // An SCPI error in the queue explains a bad answer better than the answer does.
      let queued: unknown = null
      try {
        await this.session.drainErrors(what)
      } catch (d) {
        if (d instanceof InstrumentError && d.code === 'BOARD_FAULT') queued = d
      }
      throw queued ?? new InstrumentError('PROTOCOL', (e as Error).message)
    }
    await this.session.drainErrors(what)
    return readings
  }

  private segmentPoints(delayS: number): number {
    // On RS-232 the answer's transfer counts too (≈ 14 characters per value, 10 bit times each).
    const a = this.options.address
    const lineS = a.kind === 'serial' ? (14 * this.model.valuesPerReading * 10) / a.baudRate : 0
    const byTime = Math.floor(SEGMENT_S / (delayS + this.nplc / this.lineHz + lineS))
    return Math.min(this.model.maxListPoints, this.options.segmentPoints ?? Math.max(10, byTime))
  }

  /** Time a list may take: delay + aperture per point, the answer's bytes on a serial line, plus the base timeout. */
  private runTimeoutMs(points: number, delayS: number): number {
    const a = this.options.address
    const lineS = a.kind === 'serial' ? (points * 16 * this.model.valuesPerReading * 10) / a.baudRate : 0
    return Math.ceil(this.session.timeoutMs + 2000 * (points * (delayS + this.nplc / this.lineHz + 1e-3) + lineS))
  }

  private classify(e: unknown): { status: SweepStatus; message?: string } {
    if (e instanceof ScpiAborted) return { status: 'aborted', message: 'sweep aborted' }
    if (e instanceof InstrumentError && (e.code === 'LINK_LOST' || e.code === 'NOT_CONNECTED' || e.code === 'TIMEOUT')) {
      return { status: 'interrupted', message: `${e.message}; the output was switched off` }
    }
    return { status: 'fault', message: `${(e as Error).message}; the output was switched off` }
  }

  /** `:OUTP OFF` and wait for it (`*OPC?`); silent when the link is gone. */
  private async outputOff(): Promise<void> {
    if (this.session.lost) return
    try {
      await this.session.write(this.model.outputOff)
      await this.session.opc(1000)
    } catch {
      /* the link failed: nothing more can be switched from here */
    }
  }

  /** Stop: `:ABOR` at once, then the output off; resolves when the instrument confirmed (*OPC?). */
  async abort(): Promise<void> {
    if (this.running) this.running.stop = true
    if (this.session.lost) return
    await this.session.abort()
    await this.outputOff()
  }

  async close(): Promise<void> {
    if (!this.session.lost) {
      if (this.running) await this.abort().catch(() => undefined)
      else await this.outputOff()
    }
    await this.session.close()
  }
}
