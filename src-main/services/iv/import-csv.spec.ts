import { describe, expect, it } from 'vitest'
import { MAGNITUDE_CURRENT_NOTE } from '../../../src-core/device/fit'
import { convertCsv } from './import-csv'

/** A quasi-static sweep 0 → +1 → 0 → −1 → 0 V through a 10 kΩ cell, as an export with |I| would store it. */
function sweepText(abs: boolean): string {
  const rows = ['Voltage (V),Current (A)']
  const vs: number[] = []
  for (let k = 0; k <= 10; k++) vs.push(k / 10)
  for (let k = 9; k >= -10; k--) vs.push(k / 10)
  for (let k = -9; k <= 0; k++) vs.push(k / 10)
  for (const v of vs) rows.push(`${v},${abs ? Math.abs(v / 1e4) : v / 1e4}`)
  return rows.join('\n')
}
const mapping = { v: 0, i: 1, vUnit: 'V' as const, iUnit: 'A' as const }

describe('I–V import of |I| files', () => {
  it('gives the negative branch its sign back and says so in the session comments', () => {
    const abs = convertCsv(sweepText(true), mapping, 0.1)
    const signed = convertCsv(sweepText(false), mapping, 0.1)
    expect(abs.currentWasMagnitude).toBe(true)
    expect(signed.currentWasMagnitude).toBe(false)
    expect(abs.points.iA).toEqual(signed.points.iA)
    expect(abs.points.iA.every((i, k) => Math.sign(i) === Math.sign(abs.points.vV[k]))).toBe(true)
    expect(abs.comments).toContain(`rram-workbench: ${MAGNITUDE_CURRENT_NOTE}`)
    expect(signed.comments).not.toContain(`rram-workbench: ${MAGNITUDE_CURRENT_NOTE}`)
  })
})
