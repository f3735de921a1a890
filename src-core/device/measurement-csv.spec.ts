import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MeasurementCsvError, parseMeasurementCsv } from './measurement-csv'

const dataDir = join(__dirname, '../../data/bianchi-2023')
const read = (f: string) => readFileSync(join(dataDir, f), 'utf8')

function errorOf(fn: () => unknown): MeasurementCsvError {
  try {
    fn()
  } catch (e) {
    if (e instanceof MeasurementCsvError) return e
    throw e
  }
  throw new Error('no error thrown')
}

describe('measurement CSV parser', () => {
  it('reads the three reference files in SI units', () => {
    const lrs = parseMeasurementCsv(read('siox-lrs-vs-compliance.csv'))
    expect(lrs.kind).toBe('lrs-vs-compliance')
    if (lrs.kind !== 'lrs-vs-compliance') return
    expect(lrs.iComplianceA.length).toBe(286)
    expect(lrs.iComplianceA[0]).toBeCloseTo(50e-6, 15)
    // first row: 50,1,12.081571233481826 kΩ
    expect(lrs.rLrsOhm[0]).toBeCloseTo(12081.57123348183, 6)

    const hrs = parseMeasurementCsv(read('siox-hrs-vs-vstop.csv'))
    expect(hrs.kind).toBe('hrs-vs-vstop')
    if (hrs.kind !== 'hrs-vs-vstop') return
    expect(hrs.vStopV.length).toBe(130)
    expect(new Set(hrs.vStopV).size).toBe(13)

    const cyc = parseMeasurementCsv(read('siox-lrs-hrs-cycles.csv'), 'lrs-hrs-cycles')
    if (cyc.kind !== 'lrs-hrs-cycles') throw new Error('kind')
    expect(cyc.rLrsOhm.length).toBe(275)
    expect(cyc.rHrsOhm[0]).toBeCloseTo(641447.5583446783, 6)
  })

  it('reads an I–V sweep export with units, CRLF, BOM, comments and an optional cycle column', () => {
    const m = parseMeasurementCsv('\uFEFF# HP 4155B export\r\nv_mV;i_uA;cycle\r\n0;0;0\r\n100;12.5;0\r\n-100;-1;1\r\n')
    if (m.kind !== 'iv-sweep') throw new Error('kind')
    expect(Array.from(m.v)).toEqual([0, 0.1, -0.1])
    expect(m.i[1]).toBeCloseTo(12.5e-6, 15)
    expect(Array.from(m.cycle!)).toEqual([0, 0, 1])
  })

  it('names line, column and field of a bad value', () => {
    const e = errorOf(() => parseMeasurementCsv('i_compliance_uA,experiment,r_lrs_kohm\n50,1,12.0\n50,2,abc\n'))
    expect(e.line).toBe(3)
    expect(e.column).toBe(3)
    expect(e.field).toBe('r_lrs_kohm')
    expect(e.message).toMatch(/line 3, column 3 \(r_lrs_kohm\): not a number: "abc"/)
  })

  it('rejects physically impossible values with the reason', () => {
    expect(() => parseMeasurementCsv('v_stop_V,device,r_hrs_kohm\n1.2,1,100\n')).toThrow(/line 2, column 1 \(v_stop_V\): must be < 0/)
    expect(() => parseMeasurementCsv('r_lrs_ohm,r_hrs_ohm\n0,100\n')).toThrow(/line 2, column 1 \(r_lrs_ohm\): must be > 0/)
    expect(() => parseMeasurementCsv('v_V,i_A\n0,1,2\n')).toThrow(/line 2: has 3 fields, the header has 2/)
    expect(() => parseMeasurementCsv('v_V,i_A\n"0,5",1\n')).toThrow(/line 2/)
    expect(() => parseMeasurementCsv('v_V,i_A\n')).toThrow(/no data rows/)
    expect(() => parseMeasurementCsv('v_V;i_A\n0,5;1\n')).toThrow(/decimal point/)
  })

  it('explains an unknown header and a file of the wrong kind', () => {
    expect(() => parseMeasurementCsv('time_s,x\n1,2\n')).toThrow(/line 1: header not recognized/)
    expect(() => parseMeasurementCsv('r_lrs_ohm,r_hrs_ohm\n1,2\n', 'hrs-vs-vstop')).toThrow(/lrs-hrs-cycles file, expected hrs-vs-vstop/)
    expect(() => parseMeasurementCsv('')).toThrow(/empty/)
    expect(() => parseMeasurementCsv('r_lrs_mohm,r_hrs_ohm\n1,2\n')).toThrow(/column 1 \(r_lrs_mohm\).*Mohm/)
  })
})
