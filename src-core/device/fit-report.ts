/**
 * The report a fit returns next to the preset: for each fit, its parameters and the data and
 * model values side by side, so the UI can plot data vs model and the residuals.
 */
export type FitSectionId = 'lrs-vs-compliance' | 'lrs-spread' | 'hrs-vs-vstop' | 'cycles' | 'sweeps'

export interface FitSeries {
  /** What is plotted, e.g. "R_LRS, every experiment" or "mean R_HRS per V_STOP". */
  label: string
  xLabel: string
  xUnit: string
  yLabel: string
  yUnit: string
  /** Suggested axis scales for the plot. */
  xLog: boolean
  yLog: boolean
  x: number[]
  yData: number[]
  yModel: number[]
  /** How residuals are expressed: 'log' = ln(data/model), 'relative' = data/model − 1, 'absolute' = data − model. */
  residualKind: 'log' | 'relative' | 'absolute'
  residual: number[]
}

export interface FitSection {
  id: FitSectionId
  title: string
  /** Fitted numbers in SI units, keyed by name with unit suffix (e.g. lrsA_ohm, rmsLogResidual). */
  parameters: Record<string, number>
  series: FitSeries[]
  notes: string[]
}

export interface FitReport {
  sections: FitSection[]
  /** Preset fields that were not fitted but taken from the base/defaults. */
  unfittedFields: string[]
}

export function residuals(kind: FitSeries['residualKind'], data: number[], model: number[]): number[] {
  return data.map((d, k) => (kind === 'log' ? Math.log(d / model[k]) : kind === 'relative' ? d / model[k] - 1 : d - model[k]))
}
