/**
 * The command table of each supported source-measure unit: what differs between models, and
 * nothing else (the session, the list sweep and the safety sequence are shared). Sources: the
 * Keithley Series 2400 User's Manual (2400S-900-01 Rev. K, SCPI reference §18: :SOUR:LIST,
 * :TRIG:COUN, :SENS:CURR:PROT, :FORM:ELEM, status word bit 3 = compliance), the Keithley 2450
 * Reference Manual (SCPI command set: :SOUR:VOLT:ILIM, :SOUR:SWE:VOLT:LIST, :TRAC:DATA? with the
 * SOURSTATus element, bit 3 = "source function level was limited"), the Keysight B2900 SCPI
 * Command Reference (B2910-90030: :SOUR:VOLT:MODE LIST, :SENS:CURR:PROT, :TRIG:ACQ:DEL,
 * :FORM:ELEM:SENS, :FETC:ARR?, status data bits 1–2 = compliance); cross-checked against the
 * PyMeasure keithley2400/keithley2450 and QCoDeS Keithley_2450 drivers.
 */

import { SMU_MODEL_IDS, type SmuModelId } from '../../../api/schemas/instruments'

export { SMU_MODEL_IDS, type SmuModelId }

export type SmuTransportKind = 'serial' | 'tcp' | 'usbtmc'

/** What one list segment asks of the instrument. */
export interface ListSettings {
  /** Source values, V. */
  voltsV: number[]
  /** Current compliance (limit), A: symmetric on every model here. */
  iComplianceA: number
  /** Delay between applying each level and measuring, s. */
  sourceDelayS: number
}

export interface SmuReading {
  vV: number
  iA: number
  inCompliance: boolean
}

export interface SmuModel {
  id: SmuModelId
  label: string
  /** What `*IDN?` must match (maker and model field). */
  idn: RegExp
  /** What the instrument is, for the error when `*IDN?` does not match. */
  idnExpected: string
  transports: SmuTransportKind[]
  /** RS-232 rates the front-panel menu offers (serial models). */
  baudRates?: number[]
  defaultBaud?: number
  /** Longest source list one segment may carry. */
  maxListPoints: number
  /** The instrument's own output range: largest |V| and compliance current. */
  vMaxAbsV: number
  iMaxA: number
  /** Voltage source, current measure, ASCII readings with the compliance status: once per connection. */
  configure(nplc: number): string[]
  /** The current limit (changes between the SET and RESET halves of a sweep). */
  compliance(iComplianceA: number): string[]
  /** Load one list segment (source values, trigger count, delay). */
  loadList(s: ListSettings): string[]
  /** The query that runs the loaded list and returns its readings (output already on). */
  runQuery(points: number): string
  /** Values per reading in that answer. */
  valuesPerReading: number
  /** One reading from its values (already numbers). */
  reading(values: number[], k: number): SmuReading
  outputOn: string
  outputOff: string
}

/** A voltage list as the instruments take it: NR3, 6 significant digits (the resolution of their source DACs). */
export const listText = (volts: number[]): string => volts.map((v) => fmtNr3(v)).join(',')
export const fmtNr3 = (x: number): string =>
  (Object.is(x, -0) ? 0 : x)
    .toExponential(6)
    .replace(/e([+-])(\d)$/, 'e$10$2')
    .toUpperCase()

const keithley2400: SmuModel = {
  id: 'keithley-2400',
  label: 'Keithley 2400 SourceMeter (RS-232)',
  // The 2400-series share the command set (2400, 2401, 2410, 2420, 2425, 2430, 2440).
  idn: /^KEITHLEY INSTRUMENTS INC\.,MODEL 24[0-4]\d\b/i,
  idnExpected: 'a Keithley 2400-series SourceMeter ("KEITHLEY INSTRUMENTS INC.,MODEL 24xx,…")',
  // RS-232 directly, or through a serial-to-Ethernet converter in raw TCP mode.
  transports: ['serial', 'tcp'],
  baudRates: [300, 600, 1200, 2400, 4800, 9600, 19200, 38400, 57600],
  defaultBaud: 9600,
  // 2400 manual: a source list holds up to 100 values (:SOUR:LIST:VOLT).
  maxListPoints: 100,
  vMaxAbsV: 210,
  iMaxA: 1.05,
  configure: (nplc) => [':SOUR:FUNC VOLT', ':SENS:FUNC "CURR"', ':SENS:CURR:RANG:AUTO ON', `:SENS:CURR:NPLC ${nplc}`, ':FORM:ELEM VOLT,CURR,STAT', ':SOUR:VOLT:MODE LIST'],
  compliance: (i) => [`:SENS:CURR:PROT ${fmtNr3(i)}`],
  loadList: (s) => [`:SOUR:DEL ${fmtNr3(s.sourceDelayS)}`, `:SOUR:LIST:VOLT ${listText(s.voltsV)}`, `:TRIG:COUN ${s.voltsV.length}`],
  runQuery: () => ':READ?',
  valuesPerReading: 3,
  // Status word bit 3 (8): the source is in compliance.
  reading: (v, k) => ({ vV: v[3 * k], iA: v[3 * k + 1], inCompliance: (Math.round(v[3 * k + 2]) & 8) !== 0 }),
  outputOn: ':OUTP ON',
  outputOff: ':OUTP OFF'
}

const keithley2450: SmuModel = {
  id: 'keithley-2450',
  label: 'Keithley 2450 SourceMeter (SCPI over LAN or USB)',
  idn: /^KEITHLEY INSTRUMENTS,MODEL 24(50|60|61|70)\b/i,
  idnExpected: 'a Keithley 2450 in SCPI mode ("KEITHLEY INSTRUMENTS,MODEL 2450,…")',
  transports: ['tcp', 'usbtmc'],
  // 2450 reference manual: :SOUR:LIST:VOLT takes up to 2,500 values (our segments stay far below).
  maxListPoints: 2500,
  vMaxAbsV: 210,
  iMaxA: 1.05,
  configure: (nplc) => [':SOUR:FUNC VOLT', ':SENS:FUNC "CURR"', ':SENS:CURR:RANG:AUTO ON', `:SENS:CURR:NPLC ${nplc}`, ':SOUR:VOLT:READ:BACK ON'],
  compliance: (i) => [`:SOUR:VOLT:ILIM ${fmtNr3(i)}`],
  // :SOUR:SWE:VOLT:LIST <start index>, <delay>, <count>, <failAbort>, "<buffer>"
  loadList: (s) => [':TRAC:CLE "defbuffer1"', `:SOUR:LIST:VOLT ${listText(s.voltsV)}`, `:SOUR:SWE:VOLT:LIST 1, ${fmtNr3(s.sourceDelayS)}, 1, OFF, "defbuffer1"`],
  runQuery: (n) => `:INIT;*WAI;:TRAC:DATA? 1, ${n}, "defbuffer1", SOUR, READ, SOURSTAT`,
  valuesPerReading: 3,
  // SOURSTATus bit 3 (8): the source function level was limited (the current limit tripped).
  reading: (v, k) => ({ vV: v[3 * k], iA: v[3 * k + 1], inCompliance: (Math.round(v[3 * k + 2]) & 8) !== 0 }),
  outputOn: ':OUTP ON',
  outputOff: ':OUTP OFF'
}

const keysightB2900: SmuModel = {
  id: 'keysight-b2900',
  label: 'Keysight B2900 SMU, channel 1 (LAN or USB)',
  idn: /^(Keysight|Agilent) Technologies,B29[0-1][0-2][AB]?\b/i,
  idnExpected: 'a Keysight B2900-series SMU ("Keysight Technologies,B2902A,…")',
  transports: ['tcp', 'usbtmc'],
  // B2900 SCPI reference ed. 2: a list holds up to 2,500 values.
  maxListPoints: 2500,
  vMaxAbsV: 210,
  iMaxA: 3.03,
  configure: (nplc) => [':SOUR:FUNC:MODE VOLT', ':SENS:FUNC "CURR"', ':SENS:CURR:RANG:AUTO ON', `:SENS:CURR:NPLC ${nplc}`, ':FORM:ELEM:SENS VOLT,CURR,STAT', ':SOUR:VOLT:MODE LIST', ':TRIG:SOUR AINT'],
  compliance: (i) => [`:SENS:CURR:PROT ${fmtNr3(i)}`],
  loadList: (s) => [`:SOUR:LIST:VOLT ${listText(s.voltsV)}`, `:TRIG:COUN ${s.voltsV.length}`, `:TRIG:ACQ:DEL ${fmtNr3(s.sourceDelayS)}`],
  runQuery: () => ':INIT (@1);*WAI;:FETC:ARR? (@1)',
  valuesPerReading: 3,
  // Status data bits 1–2 (2, 4, 6): compliance condition.
  reading: (v, k) => ({ vV: v[3 * k], iA: v[3 * k + 1], inCompliance: (Math.round(v[3 * k + 2]) & 6) !== 0 }),
  outputOn: ':OUTP ON',
  outputOff: ':OUTP OFF'
}

export const SMU_MODELS: Record<SmuModelId, SmuModel> = {
  'keithley-2400': keithley2400,
  'keithley-2450': keithley2450,
  'keysight-b2900': keysightB2900
}

export function smuModel(id: string): SmuModel {
  const m = (SMU_MODELS as Record<string, SmuModel | undefined>)[id]
  if (!m) throw new RangeError(`unknown SMU model "${id}": expected ${SMU_MODEL_IDS.join(', ')}`)
  return m
}

/**
 * Parse a readings answer: comma-separated numbers, exactly `points` readings of the model's
 * values each. Throws a one-line reason naming the command.
 */
export function parseReadings(model: SmuModel, command: string, answer: string, points: number): SmuReading[] {
  const parts = answer.split(',')
  const want = points * model.valuesPerReading
  if (parts.length !== want) {
    throw new Error(`${command}: expected ${want} values (${points} readings of ${model.valuesPerReading}), got ${parts.length}`)
  }
  const values = new Array<number>(want)
  for (let k = 0; k < want; k++) {
    const t = parts[k].trim()
    const x = t === '' ? NaN : Number(t)
    if (!Number.isFinite(x)) throw new Error(`${command}: value ${k + 1} is not a number: "${t.slice(0, 30).replace(/[^\x20-\x7e]/g, '?')}"`)
    values[k] = x
  }
  return Array.from({ length: points }, (_, k) => model.reading(values, k))
}
