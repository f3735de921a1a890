import { RandomStream } from '../../../../src-core/random'
import type { EmulatedCell } from './emulator-device'
import type { SmuModelId } from './models'

/** Faults the SMU emulator can inject (tests and demos of the workbench's error handling). */
export interface SmuFaults {
  /** Never answer a query. */
  silence?: boolean
  /** Probability that an answer is replaced by garbage bytes. */
  garbageRate?: number
  /** Extra delay before every answer, ms. */
  slowMs?: number
  /** Refuse the Nth command received (1-based) with -113 "Undefined header". */
  undefinedHeaderAt?: number
  /** Hang up after this many lines received. */
  hangUpAfterLines?: number
  /** Answer *IDN? as another instrument (a Keithley 2000 DMM). */
  wrongIdn?: boolean
  /** Drop the last value of every readings answer. */
  shortReadings?: boolean
  /** Silence, garbage, slowness and short readings start once this many lines were received (default 0). */
  afterLines?: number
  seed?: number
}

export const SMU_IDN: Record<SmuModelId, string> = {
  'keithley-2400': 'KEITHLEY INSTRUMENTS INC.,MODEL 2400,4096218,C32   Oct  4 2010 14:20:11/A02  /S/K',
  'keithley-2450': 'KEITHLEY INSTRUMENTS,MODEL 2450,04096218,1.7.3b',
  'keysight-b2900': 'Keysight Technologies,B2902A,MY51140001,3.4.2011.5100'
}

/** NR3 as each instrument prints it: the 2400 and the B2900 with a sign, the 2450 without on positives. */
const nr3 = (model: SmuModelId, x: number) => {
  const s = x
    .toExponential(6)
    .replace(/e([+-])(\d)$/, 'e$10$2')
    .toUpperCase()
  return model === 'keithley-2450' || x < 0 ? s : `+${s}`
}

interface Settings {
  iLimitA: number
  nplc: number
  delayS: number
  list: number[]
  triggerCount: number
  elements: string[]
}

// Power-on defaults (2400 manual: compliance 105 µA, NPLC 1).
const defaults = (): Settings => ({ iLimitA: 105e-6, nplc: 1, delayS: 0, list: [0], triggerCount: 1, elements: ['VOLT', 'CURR', 'STAT'] })

/** SCPI short form of a node: its first four letters, three if the fourth is a vowel (SCPI-99 §6.2.1). */
function shortNode(node: string): string {
  const n = node.replace(/\d+$/, '').toUpperCase()
  if (n.length <= 4) return n
  return /[AEIOU]/.test(n[3]) ? n.slice(0, 3) : n.slice(0, 4)
}

/** A header in short form, channel suffixes and the optional :DC node dropped ("SENS:CURR:PROT"). */
export function normalizeHeader(header: string): string {
  const query = header.endsWith('?')
  const h = (query ? header.slice(0, -1) : header).replace(/^:/, '')
  if (h.startsWith('*')) return h.toUpperCase() + (query ? '?' : '')
  const nodes = h
    .split(':')
    .map(shortNode)
    .filter((n, k, all) => !(n === 'DC' && k > 0 && (all[k - 1] === 'CURR' || all[k - 1] === 'VOLT')))
  return nodes.join(':') + (query ? '?' : '')
}

type Handler = (args: string) => string | undefined | Promise<string | undefined>

/**
 * The SCPI subset of one SMU model, answered from an emulated cell: settings, list sweeps timed by
 * their source delay and NPLC, the error queue, each model's number format and status words, and
 * fault injection. Feed it the bytes the host sends; it calls `send` with each answer line.
 */
export class SmuScpiEmulator {
  private s = defaults()
  private buffer = ''
  private chain: Promise<void> = Promise.resolve()
  private errors: string[] = []
  private output = false
  private acquisition: { cancelled: boolean; done: Promise<void> } | null = null
  private readings: Array<{ v: number; i: number; limited: boolean }> = []
  private commandsSeen = 0
  private readonly faultRng: RandomStream
  private readonly handlers: Record<string, Handler>
  /** Lines received, *RST received (never sent by the workbench unless asked), ABORs, output state changes. */
  readonly log = { lines: 0, rst: 0, aborts: 0, outputOnMs: [] as number[] }
  private outputOnAt = 0

  constructor(
    readonly model: SmuModelId,
    private readonly cell: EmulatedCell,
    private readonly io: { send(line: string): void | Promise<void>; hangUp(): void },
    private readonly faults: SmuFaults = {},
    private readonly lineFrequencyHz = 50
  ) {
    this.faultRng = RandomStream.fromSeed(faults.seed ?? 1)
    this.handlers = { ...this.common(), ...this.modelHandlers() }
  }

  get outputOn(): boolean {
    return this.output
  }

  feed(chunk: string): void {
    this.buffer += chunk
    let nl: number
    while ((nl = this.buffer.search(/[\r\n]/)) >= 0) {
      const line = this.buffer.slice(0, nl).trim()
      this.buffer = this.buffer.slice(nl + 1)
      if (!line) continue
      this.log.lines++
      if (this.faults.hangUpAfterLines !== undefined && this.log.lines > this.faults.hangUpAfterLines) {
        this.io.hangUp()
        return
      }
      // :ABOR acts at once, even while a sweep runs, and drops the lines still waiting (as a device clear would).
      if (/(^|;)\s*:?ABOR(T)?\s*($|;)/i.test(line)) this.abortNow()
      const generation = this.abortGeneration
      this.chain = this.chain.then(() => (generation === this.abortGeneration ? this.execute(line) : undefined)).catch(() => undefined)
    }
  }

  private abortGeneration = 0

  private abortNow(): void {
    this.abortGeneration++
    this.log.aborts++
    if (this.acquisition) this.acquisition.cancelled = true
  }

  private async execute(line: string): Promise<void> {
    const answers: string[] = []
    for (const raw of line.split(';')) {
      const cmd = raw.trim()
      if (!cmd) continue
      this.commandsSeen++
      const sp = cmd.search(/\s/)
      const header = normalizeHeader(sp < 0 ? cmd : cmd.slice(0, sp))
      const args = sp < 0 ? '' : cmd.slice(sp + 1).trim()
      const handler = this.handlers[header]
      if (!handler || this.commandsSeen === this.faults.undefinedHeaderAt) {
        this.error(-113, 'Undefined header')
        continue
      }
      // A query whose sweep was aborted answers nothing (it returns undefined).
      const a = await handler(args)
      if (a !== undefined) answers.push(a)
    }
    if (answers.length === 0) return
    const armed = this.log.lines > (this.faults.afterLines ?? 0)
    if (armed && this.faults.silence) return
    if (armed && this.faults.slowMs) await sleep(this.faults.slowMs)
    if (armed && this.faults.garbageRate && this.faultRng.uniform() < this.faults.garbageRate) {
      await this.io.send('\u008f#\u0003@!%' + 'x'.repeat(1 + Math.floor(this.faultRng.uniform() * 20)))
      return
    }
    await this.io.send(answers.join(';'))
  }

  private error(code: number, message: string): void {
    if (this.errors.length >= 10) this.errors[9] = '-350,"Queue overflow"'
    else this.errors.push(`${code},"${message}"`)
  }

  private number(args: string, min: number, max: number): number | null {
    const x = Number(args.trim().split(/[\s,]+/)[0])
    if (!Number.isFinite(x)) {
      this.error(-104, 'Data type error')
      return null
    }
    if (x < min || x > max) {
      this.error(-222, 'Data out of range')
      return null
    }
    return x
  }

  /** Run `count` points of the list: each takes the source delay plus the aperture (NPLC / line frequency). */
  private startAcquisition(count: number): void {
    const acq = { cancelled: false, done: Promise.resolve() }
    this.acquisition = acq
    this.readings = []
    const perPointMs = (this.s.delayS + this.s.nplc / this.lineFrequencyHz) * 1000
    acq.done = (async () => {
      let owedMs = 0
      for (let k = 0; k < count; k++) {
        if (acq.cancelled) return
        const v = this.output ? this.s.list[k % this.s.list.length] : 0
        const r = this.output ? this.cell.apply(v, this.s.iLimitA) : { iA: 0, limited: false }
        this.readings.push({ v, i: r.iA, limited: r.limited })
        owedMs += perPointMs
        if (owedMs >= 4) {
          await sleep(owedMs)
          owedMs = 0
        }
      }
      if (owedMs > 0.5) await sleep(owedMs)
    })()
  }

  private async waitAcquisition(): Promise<boolean> {
    const acq = this.acquisition
    if (!acq) return true
    await acq.done
    return !acq.cancelled
  }

  private formatReadings(order: string[], statusOf: (r: { limited: boolean }) => number, from = 0, to = this.readings.length): string {
    const out: string[] = []
    for (let k = from; k < to; k++) {
      const r = this.readings[k]
      for (const e of order) {
        if (e === 'VOLT' || e === 'SOUR') out.push(nr3(this.model, r.v))
        else if (e === 'CURR' || e === 'READ') out.push(nr3(this.model, r.i))
        else out.push(nr3(this.model, statusOf(r)))
      }
    }
    if (this.faults.shortReadings && this.log.lines > (this.faults.afterLines ?? 0)) out.pop()
    return out.join(',')
  }

  private common(): Record<string, Handler> {
    return {
      '*IDN?': () => (this.faults.wrongIdn ? 'KEITHLEY INSTRUMENTS INC.,MODEL 2000,1234567,A20 /A02' : SMU_IDN[this.model]),
      '*OPC?': async () => (await this.waitAcquisition(), '1'),
      '*WAI': async () => (await this.waitAcquisition(), undefined),
      '*CLS': () => ((this.errors = []), undefined),
      '*RST': () => {
        this.log.rst++
        this.s = defaults()
        this.setOutput(false)
        return undefined
      },
      'SYST:ERR?': () => this.errors.shift() ?? (this.model === 'keysight-b2900' ? '+0,"No error"' : '0,"No error"'),
      ABOR: () => undefined,
      OUTP: (a) => {
        const on = /^(ON|1)$/i.test(a)
        if (!on && !/^(OFF|0)$/i.test(a)) this.error(-224, 'Illegal parameter value')
        else this.setOutput(on)
        return undefined
      },
      'OUTP?': () => (this.output ? '1' : '0'),
      'SENS:FUNC': (a) => (/^"?CURR/i.test(a) ? undefined : (this.error(-221, 'Settings conflict'), undefined)),
      'SENS:CURR:RANG:AUTO': () => undefined,
      'SENS:CURR:NPLC': (a) => {
        const x = this.number(a, 0.01, 10)
        if (x !== null) this.s.nplc = x
        return undefined
      },
      'SOUR:LIST:VOLT': (a) => {
        const values = a.split(',').map((t) => Number(t.trim()))
        if (values.some((x) => !Number.isFinite(x))) this.error(-104, 'Data type error')
        else if (values.length > (this.model === 'keithley-2400' ? 100 : 2500)) this.error(-223, 'Too much data')
        else if (values.some((x) => Math.abs(x) > 210)) this.error(-222, 'Data out of range')
        else this.s.list = values
        return undefined
      }
    }
  }

  private setOutput(on: boolean): void {
    if (on && !this.output) this.outputOnAt = performance.now()
    if (!on && this.output) this.log.outputOnMs.push(performance.now() - this.outputOnAt)
    this.output = on
  }

  private limit = (a: string) => {
    const x = this.number(a, 1e-9, 1.05)
    if (x !== null) this.s.iLimitA = x
    return undefined
  }

  private modelHandlers(): Record<string, Handler> {
    const volt = (a: string) => (/^VOLT/i.test(a) ? undefined : (this.error(-221, 'Settings conflict'), undefined))
    const count = (a: string) => {
      const x = this.number(a, 1, 2500)
      if (x !== null) this.s.triggerCount = Math.round(x)
      return undefined
    }
    const delay = (a: string) => {
      const x = this.number(a, 0, 999.9999)
      if (x !== null) this.s.delayS = x
      return undefined
    }
    const elements = (a: string) => ((this.s.elements = a.split(',').map((e) => shortNode(e.trim()))), undefined)
    if (this.model === 'keithley-2400') {
      return {
        'SOUR:FUNC': volt,
        'SOUR:VOLT:MODE': () => undefined,
        'SENS:CURR:PROT': this.limit,
        'SOUR:DEL': delay,
        'TRIG:COUN': count,
        'FORM:ELEM': elements,
        // Status word bit 3 (8): in compliance.
        'READ?': async () => {
          this.startAcquisition(this.s.triggerCount)
          if (!(await this.waitAcquisition())) return undefined
          return this.formatReadings(this.s.elements, (r) => (r.limited ? 8 : 0))
        }
      }
    }
    if (this.model === 'keithley-2450') {
      return {
        'SOUR:FUNC': volt,
        'SOUR:VOLT:READ:BACK': () => undefined,
        'SOUR:VOLT:ILIM': this.limit,
        'TRAC:CLE': () => ((this.readings = []), undefined),
        'SOUR:SWE:VOLT:LIST': (a) => {
          const parts = a.split(',').map((t) => t.trim())
          const d = this.number(parts[1] ?? '', 0, 1e4)
          if (d !== null) this.s.delayS = d
          this.s.triggerCount = this.s.list.length
          return undefined
        },
        INIT: () => (this.startAcquisition(this.s.triggerCount), undefined),
        // SOURSTATus: 0x02 readback, 0x08 source level limited, 0x20 output on.
        'TRAC:DATA?': async (a) => {
          if (!(await this.waitAcquisition())) return undefined
          const parts = a.split(',').map((t) => t.trim())
          const from = Number(parts[0])
          const to = Number(parts[1])
          if (!(from >= 1 && to >= from && to <= this.readings.length)) return (this.error(-222, 'Data out of range'), '')
          // Buffer elements: SOURce, READing, SOURSTATus (their short forms collide on "SOUR").
          const order = parts.slice(3).map((e) => (/^SOURSTAT/i.test(e) ? 'STAT' : /^SOUR/i.test(e) ? 'SOUR' : shortNode(e)))
          return this.formatReadings(order, (r) => 0x02 | 0x20 | (r.limited ? 0x08 : 0), from - 1, to)
        }
      }
    }
    return {
      'SOUR:FUNC:MODE': volt,
      'SOUR:VOLT:MODE': () => undefined,
      'TRIG:SOUR': () => undefined,
      'SENS:CURR:PROT': this.limit,
      'TRIG:COUN': count,
      'TRIG:ACQ:DEL': delay,
      'FORM:ELEM:SENS': elements,
      INIT: () => (this.startAcquisition(this.s.triggerCount), undefined),
      // Status data bits 1–2: compliance (2 = current compliance).
      'FETC:ARR?': async () => ((await this.waitAcquisition()) ? this.formatReadings(this.s.elements, (r) => (r.limited ? 2 : 0)) : undefined)
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
