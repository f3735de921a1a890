import type { DevicePreset } from './types'

/**
 * Device parameters the Bianchi 2023 measurements do not give. Each is "our default" (or read off
 * the science README's text) and is overridden by a fit when the user supplies the data for it.
 */
export type UnmeasuredParameters = Pick<
  DevicePreset,
  'vSetMeanV' | 'vSetSigmaV' | 'vResetMeanV' | 'vResetSigmaV' | 'vFormingV' | 'rPristineOhm' | 'vReadV' | 'readNoiseRel' | 'vMaxAbsV' | 'pulseWidthS'
>

export const UNMEASURED_DEFAULTS: UnmeasuredParameters = {
  // Bianchi 2023 text (science README §1): SET at about +0.8…1.2 V → mean 1.0 V, ±2σ spans the range.
  vSetMeanV: 1.0,
  vSetSigmaV: 0.1,
  // Bianchi 2023 text: RESET starts at about −0.9…−1.0 V → mean −0.95 V, ±2σ spans the range.
  vResetMeanV: -0.95,
  vResetSigmaV: 0.025,
  // our default: forming is a first SET at a higher voltage, inside the +2.5 V of the DC sweep.
  vFormingV: 2.0,
  // our default: a pristine cell reads 10 MΩ, above every measured HRS (max ≈ 1.04 MΩ).
  rPristineOhm: 1e7,
  // our default (science README): read at 0.1 V, below any switching voltage.
  vReadV: 0.1,
  // our default (science README): read noise ≈ 1 % of the read current (σ / mean).
  readNoiseRel: 0.01,
  // Bianchi 2023 text: the quasi-static sweep reaches +2.5 V.
  vMaxAbsV: 2.5,
  // our default: 1 µs programming pulses (energy bookkeeping only).
  pulseWidthS: 1e-6
}
