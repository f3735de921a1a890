import { INSTRUMENT_ERROR_CODES, InstrumentError, errorCodeName } from '../instruments/errors'
import {
  SWEEP_BRANCHES,
  type BlockRegion,
  type CellAddress,
  type FormRequest,
  type InstrumentLimits,
  type ProgramVerifyRequest,
  type ProgramVerifyResult,
  type PulseResult,
  type ReadRequest,
  type ReadResult,
  type ResetRequest,
  type SetRequest,
  type SweepPoint,
  type SweepWaveform
} from '../instruments/types'
import { ByteReader, ByteWriter } from './bytes'
import { SWEEP_END_STATUS } from './protocol'

/** Payload codecs of every operation (layouts in docs/serial-protocol.md). All floats are float64 LE. */

export interface HelloRequest {
  versionMin: number
  versionMax: number
}

export interface HelloResponse {
  version: number
  rows: number
  cols: number
  limits: InstrumentLimits
  maxPayloadBytes: number
  firmwareName: string
  firmwareVersion: string
}

export interface BoardStatus {
  /** 0 idle, 1 streaming a sweep. */
  busy: boolean
  framesReceived: number
  framesRejected: number
  uptimeS: number
}

export interface SweepEnd {
  status: (typeof SWEEP_END_STATUS)[number]
  points: number
  message: string
}

export interface ErrorPayload {
  code: number
  field: string
  message: string
}

const cell = (w: ByteWriter, c: CellAddress) => w.u16(c.row).u16(c.col)
const readCell = (r: ByteReader): CellAddress => ({ row: r.u16('row'), col: r.u16('col') })

function decode<T>(what: string, bytes: Uint8Array, body: (r: ByteReader) => T): T {
  const r = new ByteReader(bytes, what)
  const value = body(r)
  r.end()
  return value
}

export const helloRequest = {
  encode: (m: HelloRequest) => new ByteWriter().u8(m.versionMin).u8(m.versionMax).done(),
  decode: (b: Uint8Array): HelloRequest => decode('HELLO', b, (r) => ({ versionMin: r.u8('versionMin'), versionMax: r.u8('versionMax') }))
}

export const helloResponse = {
  encode: (m: HelloResponse) =>
    new ByteWriter()
      .u8(m.version)
      .u16(m.rows)
      .u16(m.cols)
      .f64(m.limits.vMaxAbsV)
      .f64(m.limits.iComplianceMaxA)
      .f64(m.limits.pulseWidthMinS)
      .f64(m.limits.pulseWidthMaxS)
      .u16(m.maxPayloadBytes)
      .str(m.firmwareName)
      .str(m.firmwareVersion)
      .done(),
  decode: (b: Uint8Array): HelloResponse =>
    decode('HELLO response', b, (r) => ({
      version: r.u8('version'),
      rows: r.u16('rows'),
      cols: r.u16('cols'),
      limits: {
        vMaxAbsV: r.f64('vMaxAbsV'),
        iComplianceMaxA: r.f64('iComplianceMaxA'),
        pulseWidthMinS: r.f64('pulseWidthMinS'),
        pulseWidthMaxS: r.f64('pulseWidthMaxS')
      },
      maxPayloadBytes: r.u16('maxPayloadBytes'),
      firmwareName: r.str('firmwareName'),
      firmwareVersion: r.str('firmwareVersion')
    }))
}

export const statusResponse = {
  encode: (m: BoardStatus) =>
    new ByteWriter()
      .u8(m.busy ? 1 : 0)
      .u32(m.framesReceived)
      .u32(m.framesRejected)
      .f64(m.uptimeS)
      .done(),
  decode: (b: Uint8Array): BoardStatus =>
    decode('STATUS response', b, (r) => ({
      busy: r.u8('busy') !== 0,
      framesReceived: r.u32('framesReceived'),
      framesRejected: r.u32('framesRejected'),
      uptimeS: r.f64('uptimeS')
    }))
}

export const readRequest = {
  encode: (m: ReadRequest) => cell(new ByteWriter(), m).f64(m.vReadV).done(),
  decode: (b: Uint8Array): ReadRequest => decode('READ', b, (r) => ({ ...readCell(r), vReadV: r.f64('vReadV') }))
}

export const readResponse = {
  encode: (m: ReadResult) => cell(new ByteWriter(), m).f64(m.vReadV).f64(m.iReadA).done(),
  decode: (b: Uint8Array): ReadResult =>
    decode('READ response', b, (r) => {
      const c = readCell(r)
      const vReadV = r.f64('vReadV')
      const iReadA = r.f64('iReadA')
      return { ...c, vReadV, iReadA, gS: iReadA / vReadV }
    })
}

/** Header bytes of a READ_BLOCK response before its currents. */
export const READ_BLOCK_HEADER_BYTES = 16

export const readBlockRequest = {
  encode: (m: BlockRegion & { vReadV: number }) => cell(new ByteWriter(), m).u16(m.rows).u16(m.cols).f64(m.vReadV).done(),
  decode: (b: Uint8Array): BlockRegion & { vReadV: number } => decode('READ_BLOCK', b, (r) => ({ ...readCell(r), rows: r.u16('rows'), cols: r.u16('cols'), vReadV: r.f64('vReadV') }))
}

export const readBlockResponse = {
  encode: (m: BlockRegion & { vReadV: number; iReadA: Float64Array }) => {
    const w = cell(new ByteWriter(READ_BLOCK_HEADER_BYTES + 8 * m.iReadA.length), m)
      .u16(m.rows)
      .u16(m.cols)
      .f64(m.vReadV)
    for (const i of m.iReadA) w.f64(i)
    return w.done()
  },
  decode: (b: Uint8Array) =>
    decode('READ_BLOCK response', b, (r) => {
      const head = { ...readCell(r), rows: r.u16('rows'), cols: r.u16('cols'), vReadV: r.f64('vReadV') }
      const iReadA = new Float64Array(head.rows * head.cols)
      for (let k = 0; k < iReadA.length; k++) iReadA[k] = r.f64('iReadA')
      return { ...head, iReadA }
    })
}

export const setRequest = {
  encode: (m: SetRequest) => cell(new ByteWriter(), m).f64(m.vSetV).f64(m.iComplianceA).f64(m.pulseWidthS).done(),
  decode: (b: Uint8Array): SetRequest => decode('SET', b, (r) => ({ ...readCell(r), vSetV: r.f64('vSetV'), iComplianceA: r.f64('iComplianceA'), pulseWidthS: r.f64('pulseWidthS') }))
}

export const resetRequest = {
  encode: (m: ResetRequest) => cell(new ByteWriter(), m).f64(m.vStopV).f64(m.pulseWidthS).done(),
  decode: (b: Uint8Array): ResetRequest => decode('RESET', b, (r) => ({ ...readCell(r), vStopV: r.f64('vStopV'), pulseWidthS: r.f64('pulseWidthS') }))
}

export const formRequest = {
  encode: (m: FormRequest) => cell(new ByteWriter(), m).f64(m.vFormV).f64(m.iComplianceA).f64(m.pulseWidthS).done(),
  decode: (b: Uint8Array): FormRequest => decode('FORM', b, (r) => ({ ...readCell(r), vFormV: r.f64('vFormV'), iComplianceA: r.f64('iComplianceA'), pulseWidthS: r.f64('pulseWidthS') }))
}

export const pulseResponse = {
  encode: (m: PulseResult) =>
    cell(new ByteWriter(), m)
      .u32(m.pulseCount)
      .u8(m.formed ? 1 : 0)
      .done(),
  decode: (b: Uint8Array): PulseResult => decode('pulse response', b, (r) => ({ ...readCell(r), pulseCount: r.u32('pulseCount'), formed: r.u8('formed') !== 0 }))
}

export const sweepRequest = {
  encode: (m: CellAddress & SweepWaveform) => cell(new ByteWriter(), m).f64(m.vSetMaxV).f64(m.vStopV).f64(m.vStepV).f64(m.iComplianceA).u16(m.cycles).done(),
  decode: (b: Uint8Array): CellAddress & SweepWaveform =>
    decode('SWEEP', b, (r) => ({
      ...readCell(r),
      vSetMaxV: r.f64('vSetMaxV'),
      vStopV: r.f64('vStopV'),
      vStepV: r.f64('vStepV'),
      iComplianceA: r.f64('iComplianceA'),
      cycles: r.u16('cycles')
    }))
}

export const sweepAck = {
  encode: (expectedPoints: number) => new ByteWriter().u32(expectedPoints).done(),
  decode: (b: Uint8Array): number => decode('SWEEP response', b, (r) => r.u32('expectedPoints'))
}

/** Bytes of one EVT_SWEEP_POINT payload. */
export const SWEEP_POINT_PAYLOAD_BYTES = 24

export const sweepPoint = {
  encode: (p: SweepPoint) =>
    new ByteWriter(SWEEP_POINT_PAYLOAD_BYTES)
      .u32(p.index)
      .u16(p.cycle)
      .u8(SWEEP_BRANCHES.indexOf(p.branch))
      .u8(p.compliance ? 1 : 0)
      .f64(p.vV)
      .f64(p.iA)
      .done(),
  decode: (b: Uint8Array): SweepPoint =>
    decode('EVT_SWEEP_POINT', b, (r) => {
      const index = r.u32('index')
      const cycle = r.u16('cycle')
      const branchCode = r.u8('branch')
      const branch = SWEEP_BRANCHES[branchCode]
      if (branch === undefined) throw new InstrumentError('PROTOCOL', `unknown sweep branch code ${branchCode}`, 'branch')
      const flags = r.u8('flags')
      return { index, cycle, branch, compliance: (flags & 1) !== 0, vV: r.f64('vV'), iA: r.f64('iA') }
    })
}

export const sweepEnd = {
  encode: (m: SweepEnd) => new ByteWriter().u8(SWEEP_END_STATUS.indexOf(m.status)).u32(m.points).str(m.message).done(),
  decode: (b: Uint8Array): SweepEnd =>
    decode('EVT_SWEEP_END', b, (r) => {
      const code = r.u8('status')
      const status = SWEEP_END_STATUS[code]
      if (status === undefined) throw new InstrumentError('PROTOCOL', `unknown sweep end status ${code}`, 'status')
      return { status, points: r.u32('points'), message: r.str('message') }
    })
}

export const programVerifyRequest = {
  encode: (m: ProgramVerifyRequest) =>
    cell(new ByteWriter(), m)
      .f64(m.targetGS)
      .f64(m.toleranceRel)
      .u16(m.maxPulses)
      .f64(m.vReadV)
      .f64(m.vSetV)
      .f64(m.iComplianceStartA)
      .f64(m.iComplianceStepA)
      .f64(m.iComplianceMaxA)
      .f64(m.vStopStartV)
      .f64(m.vStopStepV)
      .f64(m.vStopMinV)
      .f64(m.pulseWidthS)
      .done(),
  decode: (b: Uint8Array): ProgramVerifyRequest =>
    decode('PROGRAM_VERIFY', b, (r) => ({
      ...readCell(r),
      targetGS: r.f64('targetGS'),
      toleranceRel: r.f64('toleranceRel'),
      maxPulses: r.u16('maxPulses'),
      vReadV: r.f64('vReadV'),
      vSetV: r.f64('vSetV'),
      iComplianceStartA: r.f64('iComplianceStartA'),
      iComplianceStepA: r.f64('iComplianceStepA'),
      iComplianceMaxA: r.f64('iComplianceMaxA'),
      vStopStartV: r.f64('vStopStartV'),
      vStopStepV: r.f64('vStopStepV'),
      vStopMinV: r.f64('vStopMinV'),
      pulseWidthS: r.f64('pulseWidthS')
    }))
}

export const programVerifyResponse = {
  encode: (m: ProgramVerifyResult) => {
    const w = cell(new ByteWriter(), m)
      .u8(m.converged ? 1 : 0)
      .f64(m.gInitialS)
      .f64(m.gFinalS)
      .u16(m.pulses.length)
    for (const p of m.pulses)
      w.u8(p.kind === 'set' ? 0 : 1)
        .f64(p.level)
        .f64(p.gS)
    return w.done()
  },
  decode: (b: Uint8Array): ProgramVerifyResult =>
    decode('PROGRAM_VERIFY response', b, (r) => {
      const c = readCell(r)
      const converged = r.u8('converged') !== 0
      const gInitialS = r.f64('gInitialS')
      const gFinalS = r.f64('gFinalS')
      const n = r.u16('pulseCount')
      const pulses: ProgramVerifyResult['pulses'] = []
      for (let k = 0; k < n; k++) {
        const kind = r.u8('kind') === 0 ? 'set' : 'reset'
        pulses.push({ kind, level: r.f64('level'), gS: r.f64('gS') })
      }
      return { ...c, converged, gInitialS, gFinalS, pulses }
    })
}

export const abortResponse = {
  encode: (stoppedSomething: boolean) => new ByteWriter().u8(stoppedSomething ? 1 : 0).done(),
  decode: (b: Uint8Array): boolean => decode('ABORT response', b, (r) => r.u8('stopped') !== 0)
}

export const errorPayload = {
  encode: (m: ErrorPayload) => new ByteWriter().u8(m.code).str(m.field).str(m.message).done(),
  decode: (b: Uint8Array): ErrorPayload => decode('ERROR', b, (r) => ({ code: r.u8('code'), field: r.str('field'), message: r.str('message') }))
}

/** The error a board's ERROR frame stands for, as the host raises it. */
export function errorFromPayload(p: ErrorPayload): InstrumentError {
  return new InstrumentError(errorCodeName(p.code), `board: ${p.message}`, p.field || undefined)
}

/** The ERROR payload that carries an InstrumentError across the wire. */
export function payloadFromError(e: InstrumentError): ErrorPayload {
  return { code: INSTRUMENT_ERROR_CODES[e.code], field: e.field ?? '', message: e.message }
}
