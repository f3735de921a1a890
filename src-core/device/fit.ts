import { linearFit, logNormalStats, mean, normalCdf, sortedCopy, standardDeviation } from '../stats'
import { UNMEASURED_DEFAULTS } from './defaults'
import { extractCycles, type IvData } from './extract'
import { detectMagnitudeCurrent, signedCurrent } from './measurement-csv'
import { residuals, type FitReport, type FitSection } from './fit-report'
import { hrsMeanOhm, hrsSigmaAt, lrsMeanOhm, lrsMedianOhm, lrsSigmaAt } from './model'
import { parseDevicePreset } from './preset-schema'
import type { DevicePreset, HrsTable } from './types'

const MICROAMP = 1e-6

/** Measurements a preset is fitted from, as plain arrays in SI units (see measurement-csv.ts). */
export interface FitInputs {
  name: string
  source: string
  /** R_LRS after SET at several compliance currents (one entry per experiment). */
  lrsVsCompliance?: { iComplianceA: number[]; rLrsOhm: number[] }
  /** R_HRS after RESET at several stop voltages (one entry per device or experiment). */
  hrsVsVStop?: { vStopV: number[]; rHrsOhm: number[] }
  /** LRS and HRS read after each of many SET/RESET cycles of one device. */
  cycles?: { rLrsOhm: number[]; rHrsOhm: number[] }
  /** Raw quasi-static I–V sweeps (V, A), for V_set and V_reset. */
  sweeps?: IvData[]
  /** Values for what the data do not determine (default: UNMEASURED_DEFAULTS and d2dSigma 0). */
  base?: Partial<DevicePreset>
  /** Store per-V_STOP HRS statistics in the preset (default true). */
  hrsTable?: boolean
}

export class FitInputError extends RangeError {
  constructor(
    readonly field: string,
    reason: string
  ) {
    super(`${field}: ${reason}`)
    this.name = 'FitInputError'
  }
}

interface Group {
  x: number
  values: number[]
}

function groupBy(x: number[], y: number[], field: string): Group[] {
  if (x.length !== y.length) throw new FitInputError(field, `has ${x.length} x values and ${y.length} y values`)
  const byKey = new Map<string, Group>()
  x.forEach((xv, k) => {
    const key = xv.toPrecision(9)
    let g = byKey.get(key)
    if (!g) byKey.set(key, (g = { x: xv, values: [] }))
    g.values.push(y[k])
  })
  return [...byKey.values()]
}

function requirePositive(values: number[], field: string): void {
  values.forEach((v, k) => {
    if (!(v > 0 && Number.isFinite(v))) throw new FitInputError(`${field}[${k}]`, `must be a positive finite number, got ${v}`)
  })
}

/** LRS vs I_C: power law by least squares in log–log, and the power law of its log-space σ. */
export function fitLrsVsCompliance(data: { iComplianceA: number[]; rLrsOhm: number[] }) {
  const field = 'lrsVsCompliance'
  requirePositive(data.iComplianceA, `${field}.iComplianceA`)
  requirePositive(data.rLrsOhm, `${field}.rLrsOhm`)
  const groups = groupBy(data.iComplianceA, data.rLrsOhm, field).sort((a, b) => a.x - b.x)
  if (groups.length < 2) throw new FitInputError(`${field}.iComplianceA`, 'needs at least 2 distinct compliance currents')
  const law = linearFit(
    data.iComplianceA.map((i) => Math.log(i / MICROAMP)),
    data.rLrsOhm.map(Math.log)
  )
  const spread = groups.filter((g) => g.values.length >= 2).map((g) => ({ x: g.x, sigma: logNormalStats(g.values).sigma }))
  const positive = spread.filter((s) => s.sigma > 0)
  let sigmaA = 0
  let sigmaB = 0
  let sigmaFloor = 0
  if (positive.length >= 2) {
    const s = linearFit(
      positive.map((p) => Math.log(p.x / MICROAMP)),
      positive.map((p) => Math.log(p.sigma))
    )
    sigmaA = Math.exp(s.intercept)
    sigmaB = -s.slope
    // Never promise a tighter spread than was ever measured (extrapolation above the data).
    sigmaFloor = Math.min(...positive.map((p) => p.sigma))
  } else if (spread.length > 0) {
    sigmaFloor = Math.sqrt(mean(spread.map((p) => p.sigma * p.sigma)))
  }
  return {
    lrsA: Math.exp(law.intercept),
    lrsB: -law.slope,
    lrsSigmaA: sigmaA,
    lrsSigmaB: sigmaB,
    lrsSigmaFloor: sigmaFloor,
    rmsLogResidual: law.residualSigma,
    r2: law.r2,
    groups,
    spread,
    iComplianceMaxA: groups[groups.length - 1].x
  }
}

/** HRS vs V_STOP: ln R linear in |V_STOP| by least squares, and per-V_STOP log-normal statistics. */
export function fitHrsVsVStop(data: { vStopV: number[]; rHrsOhm: number[] }) {
  const field = 'hrsVsVStop'
  data.vStopV.forEach((v, k) => {
    if (!(v < 0 && Number.isFinite(v))) throw new FitInputError(`${field}.vStopV[${k}]`, `must be a negative voltage, got ${v}`)
  })
  requirePositive(data.rHrsOhm, `${field}.rHrsOhm`)
  const groups = groupBy(data.vStopV, data.rHrsOhm, field).sort((a, b) => b.x - a.x)
  if (groups.length < 2) throw new FitInputError(`${field}.vStopV`, 'needs at least 2 distinct stop voltages')
  const law = linearFit(
    data.vStopV.map((v) => -v),
    data.rHrsOhm.map(Math.log)
  )
  const perVStop = groups.map((g) => ({ vStopV: g.x, ...logNormalStats(g.values) }))
  const dof = perVStop.reduce((s, g) => s + g.n - 1, 0)
  // Pooled within-V_STOP variance of ln R: the spread at one stop voltage, trend removed.
  const pooledSigma = dof > 0 ? Math.sqrt(perVStop.reduce((s, g) => s + (g.n - 1) * g.sigma * g.sigma, 0) / dof) : NaN
  return { hrsLnR0: law.intercept, hrsLnRSlope: law.slope, rmsLogResidual: law.residualSigma, r2: law.r2, groups, perVStop, pooledSigma }
}

/** Log-normal statistics of LRS and HRS over cycles. */
export function fitCycles(data: { rLrsOhm: number[]; rHrsOhm: number[] }) {
  requirePositive(data.rLrsOhm, 'cycles.rLrsOhm')
  requirePositive(data.rHrsOhm, 'cycles.rHrsOhm')
  if (data.rLrsOhm.length < 2) throw new FitInputError('cycles.rLrsOhm', 'needs at least 2 cycles')
  if (data.rHrsOhm.length < 2) throw new FitInputError('cycles.rHrsOhm', 'needs at least 2 cycles')
  return { lrs: logNormalStats(data.rLrsOhm), hrs: logNormalStats(data.rHrsOhm) }
}

/** Switching voltages and resistances from raw sweeps, through extract.ts. */
export function fitSweeps(sweeps: IvData[], vReadV: number) {
  // |I| files (negative branch stored as magnitude) are fitted with the sign given back, and said so.
  const magnitudeSweeps: number[] = []
  sweeps = sweeps.map((s, k) => {
    if (!detectMagnitudeCurrent(s.v, s.i)) return s
    magnitudeSweeps.push(k)
    return { ...s, i: signedCurrent(s.v, s.i) }
  })
  const vSet: number[] = []
  const vReset: number[] = []
  const rLrs: number[] = []
  const rHrs: number[] = []
  sweeps.forEach((s, k) => {
    let x
    try {
      x = extractCycles(s, { vReadV })
    } catch (e) {
      throw new FitInputError(`sweeps[${k}]`, (e as Error).message)
    }
    for (let c = 0; c < x.cycles; c++) {
      if (Number.isFinite(x.vSetV[c])) vSet.push(x.vSetV[c])
      if (Number.isFinite(x.vResetV[c])) vReset.push(x.vResetV[c])
      if (Number.isFinite(x.rLrsOhm[c])) rLrs.push(x.rLrsOhm[c])
      if (Number.isFinite(x.rHrsOhm[c])) rHrs.push(x.rHrsOhm[c])
    }
  })
  if (vSet.length < 2) throw new FitInputError('sweeps', `found a SET in ${vSet.length} cycle(s); at least 2 are needed`)
  if (vReset.length < 2) throw new FitInputError('sweeps', `found a RESET in ${vReset.length} cycle(s); at least 2 are needed`)
  return {
    vSetMeanV: mean(vSet),
    vSetSigmaV: standardDeviation(vSet),
    vResetMeanV: mean(vReset),
    vResetSigmaV: standardDeviation(vReset),
    vSet,
    vReset,
    lrs: rLrs.length > 1 ? logNormalStats(rLrs) : null,
    hrs: rHrs.length > 1 ? logNormalStats(rHrs) : null,
    magnitudeSweeps
  }
}

/** The note a fit's report carries for |I| sweeps (CLI `device fit` prints it; --json has it in report.sections[].notes). */
export const MAGNITUDE_CURRENT_NOTE = 'current stored as |I|: the negative branch had I > 0 at V < 0; fitted with I = −|I| where V < 0'

const FITTED_FROM: Record<string, keyof FitInputs> = {
  lrsA: 'lrsVsCompliance',
  lrsB: 'lrsVsCompliance',
  lrsSigmaA: 'lrsVsCompliance',
  lrsSigmaB: 'lrsVsCompliance',
  lrsSigmaFloor: 'lrsVsCompliance',
  iComplianceMaxA: 'lrsVsCompliance',
  hrsLnR0: 'hrsVsVStop',
  hrsLnRSlope: 'hrsVsVStop',
  vSetMeanV: 'sweeps',
  vSetSigmaV: 'sweeps',
  vResetMeanV: 'sweeps',
  vResetSigmaV: 'sweeps'
}

/**
 * Fit a device preset from measurements; what the data do not determine comes from `base`
 * (then UNMEASURED_DEFAULTS). Returns the validated preset and a report of every fit.
 */
export function fitPreset(inputs: FitInputs): { preset: DevicePreset; report: FitReport } {
  const base: Partial<DevicePreset> = { ...UNMEASURED_DEFAULTS, d2dSigma: 0, ...inputs.base }
  const fitted: Partial<DevicePreset> = {}
  const sections: FitSection[] = []
  const lrs = inputs.lrsVsCompliance ? fitLrsVsCompliance(inputs.lrsVsCompliance) : null
  const hrs = inputs.hrsVsVStop ? fitHrsVsVStop(inputs.hrsVsVStop) : null
  const cyc = inputs.cycles ? fitCycles(inputs.cycles) : null
  const vReadV = base.vReadV ?? UNMEASURED_DEFAULTS.vReadV
  const sw = inputs.sweeps && inputs.sweeps.length > 0 ? fitSweeps(inputs.sweeps, vReadV) : null

  if (lrs) {
    Object.assign(fitted, {
      lrsA: lrs.lrsA,
      lrsB: lrs.lrsB,
      lrsSigmaA: lrs.lrsSigmaA,
      lrsSigmaB: lrs.lrsSigmaB,
      lrsSigmaFloor: lrs.lrsSigmaFloor,
      iComplianceMaxA: lrs.iComplianceMaxA
    })
  }
  if (hrs) {
    fitted.hrsLnR0 = hrs.hrsLnR0
    fitted.hrsLnRSlope = hrs.hrsLnRSlope
    // Cycle-to-cycle σ from the cycles file when given, else the spread about the law.
    fitted.hrsSigma = cyc ? cyc.hrs.sigma : hrs.rmsLogResidual
    // Devices at one V_STOP spread by d2d and c2c together: σ_d2d² = σ_within² − σ_c2c² (≥ 0).
    if (cyc) fitted.d2dSigma = Math.sqrt(Math.max(0, hrs.pooledSigma * hrs.pooledSigma - cyc.hrs.sigma * cyc.hrs.sigma))
    const tableGroups = hrs.perVStop.filter((g) => g.n >= 2)
    if (inputs.hrsTable !== false && tableGroups.length >= 2) {
      const d2d = fitted.d2dSigma ?? base.d2dSigma ?? 0
      const table: HrsTable = {
        vStopV: tableGroups.map((g) => g.vStopV),
        lnRMedian: tableGroups.map((g) => Math.log(g.median)),
        lnRSigma: tableGroups.map((g) => Math.sqrt(Math.max(0, g.sigma * g.sigma - d2d * d2d)))
      }
      fitted.hrsTable = table
    } else {
      fitted.hrsTable = null
    }
  } else if (cyc) {
    fitted.hrsSigma = cyc.hrs.sigma
  }
  if (sw) Object.assign(fitted, { vSetMeanV: sw.vSetMeanV, vSetSigmaV: sw.vSetSigmaV, vResetMeanV: sw.vResetMeanV, vResetSigmaV: sw.vResetSigmaV })

  const merged = { name: inputs.name, source: inputs.source, ...base, ...fitted }
  const missing = ['lrsA', 'lrsB', 'lrsSigmaA', 'lrsSigmaB', 'lrsSigmaFloor', 'hrsLnR0', 'hrsLnRSlope', 'hrsSigma', 'iComplianceMaxA'].filter(
    (k) => (merged as Record<string, unknown>)[k] === undefined
  )
  if (missing.length > 0) {
    const from = [...new Set(missing.map((k) => FITTED_FROM[k] ?? 'cycles'))]
    throw new FitInputError(from.join(', '), `no data and no base value for ${missing.join(', ')}`)
  }
  const preset = parseDevicePreset(merged)

  if (lrs) sections.push(...lrsSections(lrs, preset))
  if (hrs) sections.push(hrsSection(hrs, preset, cyc !== null))
  if (cyc) sections.push(cyclesSection(cyc, inputs.cycles!))
  if (sw) sections.push(sweepsSection(sw))
  const unfittedFields = Object.keys(preset).filter((k) => k !== 'name' && k !== 'source' && !(k in fitted))
  return { preset, report: { sections, unfittedFields } }
}

function lrsSections(lrs: ReturnType<typeof fitLrsVsCompliance>, preset: DevicePreset): FitSection[] {
  const x = lrs.groups.map((g) => g.x)
  const dataMean = lrs.groups.map((g) => mean(g.values))
  const modelMean = x.map((i) => lrsMeanOhm(preset, i))
  const allX = lrs.groups.flatMap((g) => g.values.map(() => g.x))
  const allY = lrs.groups.flatMap((g) => g.values)
  const allModel = allX.map((i) => lrsMedianOhm(preset, i))
  const sx = lrs.spread.map((s) => s.x)
  const sData = lrs.spread.map((s) => s.sigma)
  const sModel = sx.map((i) => lrsSigmaAt(preset, i))
  const axes = { xLabel: 'compliance current I_C', xUnit: 'A', xLog: true }
  return [
    {
      id: 'lrs-vs-compliance',
      title: 'R_LRS vs compliance current: power law R = a·(I_C/1 µA)^−b (least squares in log–log)',
      parameters: { lrsA_ohm: lrs.lrsA, lrsB: lrs.lrsB, rmsLogResidual: lrs.rmsLogResidual, r2: lrs.r2, points: allY.length },
      series: [
        {
          label: 'R_LRS, every experiment vs median law',
          ...axes,
          yLabel: 'R_LRS',
          yUnit: 'Ω',
          yLog: true,
          x: allX,
          yData: allY,
          yModel: allModel,
          residualKind: 'log',
          residual: residuals('log', allY, allModel)
        },
        {
          label: 'mean R_LRS per I_C vs model mean',
          ...axes,
          yLabel: 'mean R_LRS',
          yUnit: 'Ω',
          yLog: true,
          x,
          yData: dataMean,
          yModel: modelMean,
          residualKind: 'relative',
          residual: residuals('relative', dataMean, modelMean)
        }
      ],
      notes: []
    },
    {
      id: 'lrs-spread',
      title: 'Log-space σ of R_LRS vs I_C: σ = max(floor, A·(I_C/1 µA)^−B)',
      parameters: { lrsSigmaA: lrs.lrsSigmaA, lrsSigmaB: lrs.lrsSigmaB, lrsSigmaFloor: lrs.lrsSigmaFloor },
      series: [
        { label: 'σ(ln R_LRS) per I_C', ...axes, yLabel: 'σ(ln R_LRS)', yUnit: '', yLog: true, x: sx, yData: sData, yModel: sModel, residualKind: 'log', residual: residuals('log', sData, sModel) }
      ],
      notes: ['The floor is the smallest measured σ, so the model never promises a tighter spread than observed.']
    }
  ]
}

function hrsSection(hrs: ReturnType<typeof fitHrsVsVStop>, preset: DevicePreset, withCycles: boolean): FitSection {
  const lawMedian = (v: number) => Math.exp(preset.hrsLnR0 + preset.hrsLnRSlope * -v)
  const allX = hrs.groups.flatMap((g) => g.values.map(() => g.x))
  const allY = hrs.groups.flatMap((g) => g.values)
  const allLaw = allX.map(lawMedian)
  const x = hrs.groups.map((g) => g.x)
  const dataMean = hrs.groups.map((g) => mean(g.values))
  const modelMean = x.map((v) => hrsMeanOhm(preset, v))
  const withSpread = hrs.perVStop.filter((g) => g.n >= 2)
  const sData = withSpread.map((g) => g.sigma)
  const sModel = withSpread.map((g) => Math.sqrt(hrsSigmaAt(preset, g.vStopV) ** 2 + preset.d2dSigma ** 2))
  const axes = { xLabel: 'stop voltage V_STOP', xUnit: 'V', xLog: false }
  return {
    id: 'hrs-vs-vstop',
    title: 'R_HRS vs V_STOP: ln R = ln R0 + k·|V_STOP| (least squares)',
    parameters: {
      hrsLnR0: preset.hrsLnR0,
      hrsLnRSlope_perV: preset.hrsLnRSlope,
      rmsLogResidual: hrs.rmsLogResidual,
      r2: hrs.r2,
      pooledSigmaWithinVStop: hrs.pooledSigma,
      hrsSigma: preset.hrsSigma,
      d2dSigma: preset.d2dSigma,
      points: allY.length
    },
    series: [
      {
        label: 'R_HRS, every device vs median law',
        ...axes,
        yLabel: 'R_HRS',
        yUnit: 'Ω',
        yLog: true,
        x: allX,
        yData: allY,
        yModel: allLaw,
        residualKind: 'log',
        residual: residuals('log', allY, allLaw)
      },
      {
        label: 'mean R_HRS per V_STOP vs preset model mean',
        ...axes,
        yLabel: 'mean R_HRS',
        yUnit: 'Ω',
        yLog: true,
        x,
        yData: dataMean,
        yModel: modelMean,
        residualKind: 'relative',
        residual: residuals('relative', dataMean, modelMean)
      },
      {
        label: 'σ(ln R_HRS) per V_STOP vs preset',
        ...axes,
        yLabel: 'σ(ln R_HRS)',
        yUnit: '',
        yLog: false,
        x: withSpread.map((g) => g.vStopV),
        yData: sData,
        yModel: sModel,
        residualKind: 'absolute',
        residual: residuals('absolute', sData, sModel)
      }
    ],
    notes: [
      preset.hrsTable
        ? 'Inside the measured V_STOP range the preset uses the per-V_STOP log-normal fits (table); the law is the summary and the extrapolation.'
        : 'The preset uses the law at every V_STOP.',
      withCycles ? 'hrsSigma is the cycle-to-cycle σ of the cycles data; d2dSigma = √max(0, σ_within² − hrsSigma²).' : 'hrsSigma is the spread about the law (no cycles data given).'
    ]
  }
}

function cyclesSection(cyc: ReturnType<typeof fitCycles>, data: { rLrsOhm: number[]; rHrsOhm: number[] }): FitSection {
  const cdfSeries = (label: string, values: number[], s: { median: number; sigma: number }) => {
    const x = Array.from(sortedCopy(values))
    const yData = x.map((_, k) => (k + 0.5) / x.length)
    const yModel = x.map((r) => normalCdf(Math.log(r / s.median) / s.sigma))
    return {
      label,
      xLabel: label,
      xUnit: 'Ω',
      xLog: true,
      yLabel: 'cumulative probability',
      yUnit: '',
      yLog: false,
      x,
      yData,
      yModel,
      residualKind: 'absolute' as const,
      residual: residuals('absolute', yData, yModel)
    }
  }
  return {
    id: 'cycles',
    title: 'LRS and HRS over SET/RESET cycles: log-normal fits (median, σ of ln R)',
    parameters: { lrsMedian_ohm: cyc.lrs.median, lrsSigma: cyc.lrs.sigma, hrsMedian_ohm: cyc.hrs.median, hrsSigma: cyc.hrs.sigma, cycles: cyc.lrs.n },
    series: [cdfSeries('R_LRS', data.rLrsOhm, cyc.lrs), cdfSeries('R_HRS', data.rHrsOhm, cyc.hrs)],
    notes: ['The LRS statistics are reported only: the preset takes its LRS law from the compliance data.']
  }
}

function sweepsSection(sw: ReturnType<typeof fitSweeps>): FitSection {
  const series = (label: string, values: number[], m: number) => {
    const x = values.map((_, k) => k)
    const yModel = values.map(() => m)
    return {
      label,
      xLabel: 'cycle',
      xUnit: '',
      xLog: false,
      yLabel: label,
      yUnit: 'V',
      yLog: false,
      x,
      yData: values,
      yModel,
      residualKind: 'absolute' as const,
      residual: residuals('absolute', values, yModel)
    }
  }
  const parameters: Record<string, number> = { vSetMeanV: sw.vSetMeanV, vSetSigmaV: sw.vSetSigmaV, vResetMeanV: sw.vResetMeanV, vResetSigmaV: sw.vResetSigmaV }
  if (sw.lrs) Object.assign(parameters, { sweepLrsMedian_ohm: sw.lrs.median, sweepLrsSigma: sw.lrs.sigma })
  if (sw.hrs) Object.assign(parameters, { sweepHrsMedian_ohm: sw.hrs.median, sweepHrsSigma: sw.hrs.sigma })
  return {
    id: 'sweeps',
    title: 'Switching voltages from quasi-static I–V sweeps (normal: mean, σ)',
    parameters,
    series: [series('V_set per cycle', sw.vSet, sw.vSetMeanV), series('V_reset per cycle', sw.vReset, sw.vResetMeanV)],
    notes: sw.magnitudeSweeps.length ? [`${MAGNITUDE_CURRENT_NOTE} (sweep${sw.magnitudeSweeps.length > 1 ? 's' : ''} ${sw.magnitudeSweeps.map((k) => k + 1).join(', ')})`] : []
  }
}
