import { describe, expect, it } from 'vitest'
import { normalizeHeader, SMU_IDN } from './emulator-scpi'
import { parseReadings, SMU_MODEL_IDS, SMU_MODELS, fmtNr3 } from './models'
import { planSweep } from './sweep-plan'
import { countSweepPoints } from '../sweep-cycle'

const list = { voltsV: [0, 0.5, -0.25], iComplianceA: 150e-6, sourceDelayS: 1e-3 }

describe('SMU command tables', () => {
  it('each model sets the current limit with its own command', () => {
    expect(SMU_MODELS['keithley-2400'].compliance(150e-6)).toEqual([':SENS:CURR:PROT 1.500000E-04'])
    expect(SMU_MODELS['keithley-2450'].compliance(150e-6)).toEqual([':SOUR:VOLT:ILIM 1.500000E-04'])
    expect(SMU_MODELS['keysight-b2900'].compliance(150e-6)).toEqual([':SENS:CURR:PROT 1.500000E-04'])
  })

  it('each model loads a list sweep with its source delay and point count', () => {
    expect(SMU_MODELS['keithley-2400'].loadList(list)).toEqual([':SOUR:DEL 1.000000E-03', ':SOUR:LIST:VOLT 0.000000E+00,5.000000E-01,-2.500000E-01', ':TRIG:COUN 3'])
    expect(SMU_MODELS['keithley-2450'].loadList(list)[2]).toBe(':SOUR:SWE:VOLT:LIST 1, 1.000000E-03, 1, OFF, "defbuffer1"')
    expect(SMU_MODELS['keysight-b2900'].loadList(list)).toContain(':TRIG:ACQ:DEL 1.000000E-03')
    expect(SMU_MODELS['keithley-2450'].runQuery(3)).toBe(':INIT;*WAI;:TRAC:DATA? 1, 3, "defbuffer1", SOUR, READ, SOURSTAT')
  })

  it('reads the compliance flag from each model’s status word', () => {
    // 2400: status word bit 3 (8); 2450: SOURSTAT bit 3 (8) among readback/output-on bits; B2900: bits 1–2.
    expect(parseReadings(SMU_MODELS['keithley-2400'], ':READ?', '+1.0E+00,+1.5E-04,+8.0E+00,+1.0E+00,+2.0E-06,+0.0E+00', 2).map((r) => r.inCompliance)).toEqual([true, false])
    expect(parseReadings(SMU_MODELS['keithley-2450'], 'TRAC', '1.0E+00,1.5E-04,4.2E+01,1.0E+00,2.0E-06,3.4E+01', 2).map((r) => r.inCompliance)).toEqual([true, false])
    expect(parseReadings(SMU_MODELS['keysight-b2900'], 'FETC', '+1,+1.5E-04,+2,+1,+2E-06,+1', 2).map((r) => r.inCompliance)).toEqual([true, false])
  })

  it('refuses a wrong count of values or a non-number, naming the command', () => {
    const m = SMU_MODELS['keithley-2400']
    expect(() => parseReadings(m, ':READ?', '+1.0E+00,+1.5E-04', 1)).toThrow(':READ?: expected 3 values (1 readings of 3), got 2')
    expect(() => parseReadings(m, ':READ?', '+1.0E+00,@@,+0', 1)).toThrow(':READ?: value 2 is not a number: "@@"')
  })

  it('the IDN pattern of each model accepts its own instrument and no other', () => {
    for (const id of SMU_MODEL_IDS) {
      for (const other of SMU_MODEL_IDS) expect(SMU_MODELS[id].idn.test(SMU_IDN[other])).toBe(id === other)
    }
  })

  it('formats NR3 with a two-digit exponent and never "-0"', () => {
    expect(fmtNr3(-0)).toBe('0.000000E+00')
    expect(fmtNr3(1.6e-4)).toBe('1.600000E-04')
  })

  it('short forms follow the SCPI rule (4 letters, 3 when the 4th is a vowel)', () => {
    expect(normalizeHeader(':SOURce1:VOLTage:ILIMit')).toBe('SOUR:VOLT:ILIM')
    expect(normalizeHeader(':SYSTem:ERRor?')).toBe('SYST:ERR?')
    expect(normalizeHeader(':SENSe:CURRent:DC:PROTection')).toBe('SENS:CURR:PROT')
    expect(normalizeHeader('*idn?')).toBe('*IDN?')
  })
})

describe('planSweep', () => {
  const w = { vSetMaxV: 2.5, vStopV: -1.6, vStepV: 0.01, iComplianceA: 150e-6, cycles: 2 }

  it('has the core simulator’s points per cycle, in segments no longer than the model allows', () => {
    const segs = planSweep(w, 170e-6, 100)
    expect(segs.reduce((n, s) => n + s.voltsV.length, 0)).toBe(2 * countSweepPoints(w))
    expect(Math.max(...segs.map((s) => s.voltsV.length))).toBe(100)
  })

  it('runs the SET half at I_C and the RESET half at the reset limit, reaching +V_max and V_STOP', () => {
    const segs = planSweep(w, 170e-6, 10_000).filter((s) => s.cycle === 0)
    expect(segs).toHaveLength(2)
    expect(segs[0].iComplianceA).toBe(150e-6)
    expect(Math.max(...segs[0].voltsV)).toBeCloseTo(2.5, 12)
    expect(Math.min(...segs[0].voltsV)).toBe(0)
    expect(segs[1].iComplianceA).toBe(170e-6)
    expect(Math.min(...segs[1].voltsV)).toBeCloseTo(-1.6, 12)
    expect(segs[1].voltsV.every((v) => v <= 0)).toBe(true)
  })
})
