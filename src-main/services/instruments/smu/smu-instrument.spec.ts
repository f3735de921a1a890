import { afterEach, describe, expect, it } from 'vitest'
import { startSmuEmulator, type SmuEmulator } from './emulator'
import type { SmuFaults } from './emulator-scpi'
import type { SmuModelId } from './models'
import { SmuInstrument } from './smu-instrument'
import { parseAddress } from './transport'

const profile = { vMaxAbsV: 2.5, iComplianceMaxA: 170e-6, pulseWidthMinS: 0, pulseWidthMaxS: Infinity }
const cell = { row: 0, col: 0 }
const wave = { vSetMaxV: 2.5, vStopV: -1.6, vStepV: 0.05, iComplianceA: 150e-6, cycles: 2, sourceDelayS: 0 }
// Lines the workbench sends to connect (*IDN?, *CLS;OUTP OFF, configure, :SYST:ERR?): faults start after them.
const CONNECT_LINES = 4

let emu: SmuEmulator | null = null
let smu: SmuInstrument | null = null
afterEach(async () => {
  await smu?.close().catch(() => undefined)
  await emu?.stop()
  smu = null
  emu = null
})

async function open(model: SmuModelId, faults: SmuFaults = {}, timeoutMs = 1000): Promise<SmuInstrument> {
  emu = await startSmuEmulator({ model, transport: { kind: 'tcp' }, faults, seed: 3 })
  smu = await SmuInstrument.connect({ model, address: parseAddress(`tcp:${emu.address}`), profileLimits: profile, nplc: 0.01, timeoutMs })
  return smu
}

async function drain(s: SmuInstrument) {
  const run = await s.sweep(cell, wave)
  const points = []
  for await (const p of run) points.push(p)
  return { points, outcome: await run.outcome }
}

describe('SmuInstrument against the SMU emulator (TCP)', () => {
  it('runs a double sweep as list segments: every point, compliance flagged only in the SET half, output off after, no *RST', async () => {
    const s = await open('keysight-b2900')
    const { points, outcome } = await drain(s)
    expect(outcome).toEqual({ status: 'complete', points: 330, expectedPoints: 330 }) // 165 points per cycle: 2·50 + 1 + 2·32
    const flagged = points.filter((p) => p.compliance)
    expect(flagged.length).toBeGreaterThan(0)
    expect(flagged.every((p) => p.vV > 0 && Math.abs(p.iA - 150e-6) < 1e-12)).toBe(true)
    expect(emu!.scpi!.outputOn).toBe(false)
    expect(emu!.scpi!.log.rst).toBe(0)
  })

  it('refuses an instrument whose *IDN? is another model, naming the command', async () => {
    emu = await startSmuEmulator({ model: 'keithley-2450', transport: { kind: 'tcp' }, faults: { wrongIdn: true } })
    await expect(SmuInstrument.connect({ model: 'keithley-2450', address: parseAddress(`tcp:${emu.address}`) })).rejects.toThrow(
      /^\*IDN\?: expected a Keithley 2450 in SCPI mode .*, got "KEITHLEY INSTRUMENTS INC\.,MODEL 2000,/
    )
  })

  it('an SCPI error in the queue ends the sweep as a fault naming the error, output off', async () => {
    const s = await open('keithley-2450', { undefinedHeaderAt: 12 })
    const { outcome } = await drain(s)
    expect(outcome.status).toBe('fault')
    expect(outcome.message).toMatch(/^list segment of cycle 0: the instrument reported SCPI error -113 Undefined header( \(\+\d+ more\))?; the output was switched off$/)
    expect(emu!.scpi!.outputOn).toBe(false)
  })

  it('a wrong count of values is a fault naming the query', async () => {
    const s = await open('keithley-2450', { shortReadings: true, afterLines: CONNECT_LINES })
    const { points, outcome } = await drain(s)
    expect(points).toHaveLength(0)
    expect(outcome.status).toBe('fault')
    // The SET half (101 points at 0.2 ms each) is one segment.
    expect(outcome.message).toBe(':TRAC:DATA? 1, 101, "defbuffer1", SOUR, READ, SOURSTAT: expected 303 values (101 readings of 3), got 302; the output was switched off')
    expect(emu!.scpi!.outputOn).toBe(false)
  })

  it('garbage instead of readings is a fault naming the query', async () => {
    const s = await open('keysight-b2900', { garbageRate: 1, afterLines: CONNECT_LINES })
    const { outcome } = await drain(s)
    expect(outcome.status).toBe('fault')
    expect(outcome.message).toBe(':FETC:ARR? (@1): expected 303 values (101 readings of 3), got 1; the output was switched off')
  })

  it('slow answers within the timeout still give every point', async () => {
    const s = await open('keithley-2400', { slowMs: 30, afterLines: CONNECT_LINES })
    const { points, outcome } = await drain(s)
    expect(outcome.status).toBe('complete')
    expect(points).toHaveLength(330)
  })

  it('silence ends the sweep interrupted with the command that got no answer', async () => {
    const s = await open('keithley-2450', { silence: true, afterLines: CONNECT_LINES }, 200)
    const { outcome } = await drain(s)
    expect(outcome.status).toBe('interrupted')
    expect(outcome.message).toMatch(/^:TRAC:DATA\? 1, 101, "defbuffer1", SOUR, READ, SOURSTAT: no answer within \d+ ms; the output was switched off$/)
  })

  it('a hang-up mid-sweep leaves it interrupted with the points received so far', async () => {
    const s = await open('keysight-b2900', { hangUpAfterLines: CONNECT_LINES + 5 })
    const { points, outcome } = await drain(s)
    expect(outcome.status).toBe('interrupted')
    expect(points.length).toBeGreaterThan(0)
    expect(points.length).toBeLessThan(outcome.expectedPoints)
    expect(outcome.points).toBe(points.length)
  })

  it('Stop: :ABOR then output off, confirmed within 200 ms, and the sweep ends aborted', async () => {
    const s = await open('keithley-2450')
    const run = await s.sweep(cell, { ...wave, vStepV: 0.01, cycles: 5, sourceDelayS: 2e-3 })
    const it = run[Symbol.asyncIterator]()
    await it.next()
    const t0 = performance.now()
    await s.abort()
    const ms = performance.now() - t0
    expect(ms).toBeLessThan(200)
    expect(emu!.scpi!.outputOn).toBe(false)
    expect(emu!.scpi!.log.aborts).toBe(1)
    while (!(await it.next()).done);
    expect((await run.outcome).status).toBe('aborted')
  })

  it('pulses and reads leave the output off and respect the limits before anything is sent', async () => {
    const s = await open('keysight-b2900')
    const before = emu!.scpi!.log.lines
    await expect(s.set({ ...cell, vSetV: 3, iComplianceA: 100e-6, pulseWidthS: 1e-3 })).rejects.toMatchObject({ code: 'LIMIT', field: 'vSetV' })
    await expect(s.set({ ...cell, vSetV: 1.5, iComplianceA: 100e-6, pulseWidthS: 1e-6 })).rejects.toMatchObject({ code: 'LIMIT', field: 'pulseWidthS' })
    expect(emu!.scpi!.log.lines).toBe(before)
    await s.set({ ...cell, vSetV: 1.5, iComplianceA: 100e-6, pulseWidthS: 1e-3 })
    const lrs = await s.read({ ...cell, vReadV: 0.1 })
    await s.reset({ ...cell, vStopV: -1.6, pulseWidthS: 1e-3 })
    const hrs = await s.read({ ...cell, vReadV: 0.1 })
    expect(lrs.gS / hrs.gS).toBeGreaterThan(3)
    expect(emu!.scpi!.outputOn).toBe(false)
  })
})
