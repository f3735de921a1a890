import type { RandomStream } from '../random'

/**
 * The shared contract of the RRAM compact model (SiOx 1T1R cell).
 * Units: conductance in siemens (S), resistance in ohms, voltage in volts, current in amperes,
 * time in seconds, energy in joules. Presets are produced by `device/fit` from measurements.
 */
export interface DevicePreset {
  /** Shown in the UI, unique in the preset library, e.g. "SiOx 1T1R (Bianchi 2023)". */
  name: string
  /** Where the numbers come from (data files, fit date, or "user"). */
  source: string
  /** LRS after a SET with compliance I_C: median R_LRS = lrsA · (I_C/1 µA)^(−lrsB) Ω (power law). */
  lrsA: number
  lrsB: number
  /** Log-space σ of R_LRS as a function of I_C: σ(I_C) = max(lrsSigmaFloor, lrsSigmaA · (I_C/1 µA)^(−lrsSigmaB)). */
  lrsSigmaA: number
  lrsSigmaB: number
  lrsSigmaFloor: number
  /** HRS after a RESET to V_STOP (V < 0): ln(median R_HRS / Ω) = hrsLnR0 + hrsLnRSlope · |V_STOP|. */
  hrsLnR0: number
  hrsLnRSlope: number
  /** Log-space σ of R_HRS (cycle-to-cycle). */
  hrsSigma: number
  /**
   * Optional measured HRS statistics per stop voltage (a fitted log-normal at each measured V_STOP).
   * Inside its |V_STOP| range the model interpolates ln(median) and σ linearly in |V_STOP| and uses
   * them instead of the law above (the law stays the summary and the extrapolation); null/absent:
   * the law with hrsSigma everywhere.
   */
  hrsTable?: HrsTable | null
  /** Device-to-device log-space σ applied once per device to its LRS and HRS medians. */
  d2dSigma: number
  /** Quasi-static switching voltages: mean and σ of V_set (> 0) and V_reset (< 0), volts. */
  vSetMeanV: number
  vSetSigmaV: number
  vResetMeanV: number
  vResetSigmaV: number
  /** Forming voltage (first SET of a pristine cell), volts, and the pristine resistance, ohms. */
  vFormingV: number
  rPristineOhm: number
  /** Read voltage and relative read noise (σ of the read current / mean). */
  vReadV: number
  readNoiseRel: number
  /** Board/model limits this preset is valid for: max compliance current (A), max |V| (V). */
  iComplianceMaxA: number
  vMaxAbsV: number
  /** Default pulse width of SET/RESET programming pulses, seconds. */
  pulseWidthS: number
}

/** Per-V_STOP log-normal HRS statistics, sorted by increasing |V_STOP|; arrays of equal length ≥ 2. */
export interface HrsTable {
  /** Stop voltages, volts (negative). */
  vStopV: number[]
  /** ln(median R_HRS / Ω) at each stop voltage. */
  lnRMedian: number[]
  /**
   * Cycle-to-cycle log-space σ of R_HRS at each stop voltage: the spread measured there with the
   * device-to-device part (d2dSigma) removed in quadrature, so a drawn population matches the data.
   */
  lnRSigma: number[]
}

/** Counters every device keeps (wear and energy bookkeeping). */
export interface DeviceCounters {
  reads: number
  sets: number
  resets: number
  energyJ: number
}

/**
 * The device model as the network, arrays and instruments use it. Stateless with respect to
 * cells: callers hold conductances in typed arrays and ask the model for new draws.
 */
export interface DeviceModel {
  readonly preset: DevicePreset
  /** Draw the conductance (S) a cell takes after a SET with compliance iComplianceA. */
  drawSetConductanceS(iComplianceA: number, rng: RandomStream, d2dFactor?: number): number
  /** Draw the conductance (S) a cell takes after a RESET to vStopV (negative volts). */
  drawResetConductanceS(vStopV: number, rng: RandomStream, d2dFactor?: number): number
  /** A noisy read current (A) of a cell of conductance gS at vReadV. */
  readCurrentA(gS: number, vReadV: number, rng: RandomStream): number
  /** Energy (J) of one SET pulse at iComplianceA, one RESET to vStopV, one read of gS. */
  setEnergyJ(iComplianceA: number): number
  resetEnergyJ(vStopV: number, gBeforeS: number): number
  readEnergyJ(gS: number, vReadV: number, seconds: number): number
  /** Median conductances, for thresholds and floors. */
  medianLrsConductanceS(iComplianceA: number): number
  medianHrsConductanceS(vStopV: number): number
}
