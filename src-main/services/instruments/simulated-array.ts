import { drawD2dFactor } from '../../../src-core/device/model'
import type { DeviceModel } from '../../../src-core/device/types'
import type { RandomStream } from '../../../src-core/random'

/**
 * The state of a simulated N×M 1T1R array: per cell a conductance, a formed flag, a
 * device-to-device factor and a pulse counter, in flat typed arrays (row-major). Every stochastic
 * outcome is drawn from the core's device model; this file only decides *whether* a pulse
 * switches the cell, by comparing its amplitude with a threshold drawn from the preset's
 * switching-voltage distribution.
 */
export type InitialCellState = 'pristine' | 'hrs' | 'lrs'

export interface SimulatedArrayOptions {
  rows: number
  cols: number
  /** pristine: unformed cells at the preset's pristine resistance (our default for a fresh die). */
  initialState?: InitialCellState
  /** Compliance of the initial LRS draw and stop voltage of the initial HRS draw. */
  initialIComplianceA?: number
  initialVStopV?: number
}

export class SimulatedArray {
  readonly rows: number
  readonly cols: number
  readonly gS: Float64Array
  readonly formed: Uint8Array
  readonly d2dFactor: Float64Array
  readonly pulseCount: Uint32Array

  constructor(
    readonly model: DeviceModel,
    options: SimulatedArrayOptions,
    d2dRng: RandomStream,
    stateRng: RandomStream
  ) {
    const { rows, cols } = options
    if (!Number.isInteger(rows) || rows < 1 || rows > 65535) throw new RangeError(`rows must be an integer 1…65535, got ${rows}`)
    if (!Number.isInteger(cols) || cols < 1 || cols > 65535) throw new RangeError(`cols must be an integer 1…65535, got ${cols}`)
    this.rows = rows
    this.cols = cols
    const n = rows * cols
    this.gS = new Float64Array(n)
    this.formed = new Uint8Array(n)
    this.d2dFactor = new Float64Array(n)
    this.pulseCount = new Uint32Array(n)
    const p = model.preset
    for (let k = 0; k < n; k++) this.d2dFactor[k] = drawD2dFactor(p, d2dRng)
    const initial = options.initialState ?? 'pristine'
    // our default initial draws: the preset's limit current for LRS, the deepest bench V_STOP (−1.6 V, Bianchi 2023) for HRS.
    const iC = options.initialIComplianceA ?? p.iComplianceMaxA
    const vStop = options.initialVStopV ?? -1.6
    for (let k = 0; k < n; k++) {
      if (initial === 'pristine') this.gS[k] = 1 / p.rPristineOhm
      else {
        this.formed[k] = 1
        this.gS[k] = initial === 'lrs' ? model.drawSetConductanceS(iC, stateRng, this.d2dFactor[k]) : model.drawResetConductanceS(vStop, stateRng, this.d2dFactor[k])
      }
    }
  }

  index(row: number, col: number): number {
    return row * this.cols + col
  }

  /** Noisy read current (A) of one cell. */
  readCurrentA(k: number, vReadV: number, rng: RandomStream): number {
    return this.model.readCurrentA(this.gS[k], vReadV, rng)
  }

  /** FORM: a pristine cell forms at or above the preset's forming voltage and lands in LRS at iComplianceA. */
  form(k: number, vFormV: number, iComplianceA: number, rng: RandomStream): void {
    this.pulseCount[k]++
    if (vFormV < this.model.preset.vFormingV) return
    this.formed[k] = 1
    this.gS[k] = this.model.drawSetConductanceS(iComplianceA, rng, this.d2dFactor[k])
  }

  /**
   * SET: a formed cell switches to a fresh LRS draw at iComplianceA when vSetV reaches its
   * switching voltage (drawn from N(vSetMeanV, vSetSigmaV), preset); a pristine cell needs the
   * forming voltage.
   */
  set(k: number, vSetV: number, iComplianceA: number, rng: RandomStream): void {
    if (!this.formed[k]) return this.form(k, vSetV, iComplianceA, rng)
    this.pulseCount[k]++
    const p = this.model.preset
    const vSwitchV = p.vSetMeanV + p.vSetSigmaV * rng.normal()
    if (vSetV >= vSwitchV) this.gS[k] = this.model.drawSetConductanceS(iComplianceA, rng, this.d2dFactor[k])
  }

  /**
   * RESET: a formed cell switches to a fresh HRS draw for vStopV when vStopV is at or below its
   * reset voltage (drawn from N(vResetMeanV, vResetSigmaV), preset); a pristine cell does not change.
   */
  reset(k: number, vStopV: number, rng: RandomStream): void {
    this.pulseCount[k]++
    if (!this.formed[k]) return
    const p = this.model.preset
    const vSwitchV = p.vResetMeanV + p.vResetSigmaV * rng.normal()
    if (vStopV <= vSwitchV) this.gS[k] = this.model.drawResetConductanceS(vStopV, rng, this.d2dFactor[k])
  }
}
