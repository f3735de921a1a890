import { InstrumentError } from '../instruments/errors'
import { LIMIT_TOLERANCE_REL } from '../instruments/limits'
import type { InstrumentLimits } from '../instruments/types'
import type { ProgramSpec } from '../../api/ops/arrays'

type Params = NonNullable<ProgramSpec['params']>

const VOLTAGES = ['vReadV', 'vFormV', 'vSetV', 'vSetMaxV', 'vStopV', 'vStopMinV'] as const satisfies readonly (keyof Params)[]
const CURRENTS = ['iFormComplianceA', 'iComplianceA', 'iComplianceMaxA'] as const satisfies readonly (keyof Params)[]

/**
 * Refuse, before a programming run is stored, the researcher's parameters that the array's own
 * limits (its preset's, or the board's) would refuse mid-job. Fields are named `params.X`.
 */
export function checkProgramParams(params: Params | undefined, limits: InstrumentLimits): void {
  if (!params) return
  const slack = 1 + LIMIT_TOLERANCE_REL
  for (const f of VOLTAGES) {
    const v = params[f]
    if (v !== undefined && Math.abs(v) > limits.vMaxAbsV * slack) throw new InstrumentError('LIMIT', `params.${f} = ${v} V exceeds this array's limit |V| ≤ ${limits.vMaxAbsV} V`, `params.${f}`)
  }
  for (const f of CURRENTS) {
    const i = params[f]
    if (i !== undefined && i > limits.iComplianceMaxA * slack)
      throw new InstrumentError('LIMIT', `params.${f} = ${(i * 1e6).toPrecision(4)} µA exceeds this array's compliance limit ${(limits.iComplianceMaxA * 1e6).toPrecision(4)} µA`, `params.${f}`)
  }
  const t = params.pulseWidthS
  if (t !== undefined && (t < limits.pulseWidthMinS || t > limits.pulseWidthMaxS))
    throw new InstrumentError('LIMIT', `params.pulseWidthS = ${t} s is outside this array's ${limits.pulseWidthMinS}…${limits.pulseWidthMaxS} s`, 'params.pulseWidthS')
}
