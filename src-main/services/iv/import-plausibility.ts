import { LIMITS } from '../../api/limits'
import { InputError } from '../errors'
import type { IvPointBlock } from './iv-repo'

/**
 * Plausibility of an imported I–V file's units (issue 13, item 10). An RRAM cell is driven within a
 * few volts and carries at most about a milliampere (LIMITS: |V| ≤ 5 V, I_C ≤ 1 mA), so:
 * - a voltage beyond 10 × |V|max (50 V) or a current beyond 1 A is refused, naming its line: no cell
 *   was measured there, a unit or a column is wrong (our default thresholds);
 * - a largest current above 10 × I_C max (10 mA) is warned of: µA or mA read as amperes;
 * - a µA or mA column whose largest value is below 0.01 of its unit is warned of: amperes in a µA
 *   column (a sweep to compliance reaches ≈ 100 µA; Bianchi 2023).
 * Returns the warnings; the caller keeps them with the session.
 */
export function checkUnitPlausibility(points: IvPointBlock, iUnit: 'A' | 'mA' | 'uA', lineOf: (row: number) => number): string[] {
  const vMax = 10 * LIMITS.vMaxAbsV
  const iMax = 1
  let largestI = 0
  for (let r = 0; r < points.vV.length; r++) {
    const v = points.vV[r]
    const i = points.iA[r]
    if (Math.abs(v) > vMax) throw new InputError(`line ${lineOf(r)}: V = ${v} V is not a voltage an RRAM cell is measured at (|V| ≤ ${vMax} V); check the voltage column and its unit`, 'mapping.vUnit')
    if (Math.abs(i) > iMax) throw new InputError(`line ${lineOf(r)}: I = ${i} A is not a current an RRAM cell carries (|I| ≤ ${iMax} A); check the current column and its unit`, 'mapping.iUnit')
    largestI = Math.max(largestI, Math.abs(i))
  }
  const warnings: string[] = []
  if (largestI > 10 * LIMITS.iComplianceMaxA)
    warnings.push(`currents reach ${largestI.toPrecision(3)} A, more than 10× any compliance (≤ ${LIMITS.iComplianceMaxA * 1e3} mA): are these µA or mA read as amperes (mapping.iUnit = ${iUnit})?`)
  const scale = iUnit === 'uA' ? 1e-6 : iUnit === 'mA' ? 1e-3 : 1
  if (iUnit !== 'A' && largestI > 0 && largestI / scale < 0.01)
    warnings.push(
      `the largest current is ${(largestI / scale).toPrecision(3)} ${iUnit === 'uA' ? 'µA' : 'mA'} (${largestI.toPrecision(3)} A): these look like amperes in a ${iUnit === 'uA' ? 'µA' : 'mA'} column`
    )
  return warnings
}
