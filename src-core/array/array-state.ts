import { drawD2dFactor } from '../device/model'
import type { DeviceModel } from '../device/types'
import { RandomStream } from '../random'
import { DrawCache } from './draw-cache'

/** How the cells of a fresh array start: unformed, or already formed into HRS or LRS. */
export type InitialCellState = 'pristine' | 'hrs' | 'lrs'

export interface ArrayGeometry {
  rows: number
  cols: number
}

export interface ArrayOptions extends ArrayGeometry {
  /** Seed of the die: device-to-device factors, initial states and every later draw. */
  seed: number
  /** pristine: unformed cells at the preset's pristine resistance (our default for a fresh die). */
  initialState?: InitialCellState
  /** Compliance of the initial LRS draw (default: the preset's limit) and V_STOP of the initial HRS draw (default −1.6 V). */
  initialIComplianceA?: number
  initialVStopV?: number
}

/** What `RramArray.saveState` keeps: the die's used state, cell by cell, and its operation stream. */
export interface RramArrayState {
  gS: Float64Array
  formed: Uint8Array
  reads: Uint32Array
  sets: Uint32Array
  resets: Uint32Array
  pulseCount: Uint32Array
  energyJ: Float64Array
  /** `RandomStream.state()` of the operation stream. */
  rng: number[]
}

/** Largest array the workbench simulates (rows and cols each). */
export const MAX_ARRAY_SIDE = 1024

/** Checks a geometry; the message names the field. */
export function checkGeometry(g: ArrayGeometry, max = MAX_ARRAY_SIDE): void {
  for (const f of ['rows', 'cols'] as const) {
    const v = g[f]
    if (!Number.isInteger(v) || v < 1 || v > max) throw new RangeError(`${f} must be an integer 1…${max}, got ${v}`)
  }
}

/**
 * An N×M array of 1T1R cells in flat, row-major typed arrays (cell k = row·cols + col).
 * Its random streams follow the layout of the simulated instrument and the board emulator
 * (root seed → split: device-to-device, initial state, operations), so the same seed and the same
 * sequence of pulses give the same conductances on all three.
 */
export class RramArray {
  readonly rows: number
  readonly cols: number
  /** True conductance of each cell, siemens. */
  readonly gS: Float64Array
  readonly formed: Uint8Array
  /** Per-device resistance factor, drawn once (log-normal, median 1, σ = preset.d2dSigma). */
  readonly d2dFactor: Float64Array
  readonly reads: Uint32Array
  readonly sets: Uint32Array
  readonly resets: Uint32Array
  /** SET + RESET + FORM pulses, like the board's per-cell pulse counter. */
  readonly pulseCount: Uint32Array
  /** Energy each cell has taken (pulses and reads), joules (estimated from the preset). */
  readonly energyJ: Float64Array
  /** The stream every operation draws from (switching voltages, new states, read noise). */
  private rngStream: RandomStream
  private readonly draws: DrawCache

  constructor(
    readonly model: DeviceModel,
    readonly options: ArrayOptions
  ) {
    checkGeometry(options)
    const { rows, cols } = options
    this.rows = rows
    this.cols = cols
    const n = rows * cols
    this.gS = new Float64Array(n)
    this.formed = new Uint8Array(n)
    this.d2dFactor = new Float64Array(n)
    this.reads = new Uint32Array(n)
    this.sets = new Uint32Array(n)
    this.resets = new Uint32Array(n)
    this.pulseCount = new Uint32Array(n)
    this.energyJ = new Float64Array(n)
    const root = RandomStream.fromSeed(options.seed)
    const d2dRng = root.split()
    const stateRng = root.split()
    this.rngStream = root.split()
    this.draws = new DrawCache(model.preset)
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

  /** The stream every operation draws from (switching voltages, new states, read noise). */
  get rng(): RandomStream {
    return this.rngStream
  }

  get cells(): number {
    return this.rows * this.cols
  }

  /**
   * Everything that changes as the die is used — conductances, formed flags, per-cell counters and
   * energy, and the operation stream's position — so that a die restored from it (`restoreState` on
   * a new array of the same seed) goes on exactly as this one would. Copies, not views.
   */
  saveState(): RramArrayState {
    return {
      gS: this.gS.slice(),
      formed: this.formed.slice(),
      reads: this.reads.slice(),
      sets: this.sets.slice(),
      resets: this.resets.slice(),
      pulseCount: this.pulseCount.slice(),
      energyJ: this.energyJ.slice(),
      rng: this.rng.state()
    }
  }

  /** Take back a saved state (see `saveState`); the geometry must match, every conductance be finite and > 0. */
  restoreState(s: RramArrayState): void {
    const n = this.cells
    for (const [name, a] of Object.entries(s)) {
      if (name !== 'rng' && (a as ArrayLike<number>).length !== n) throw new RangeError(`saved array state: ${name} holds ${(a as ArrayLike<number>).length} cells, this array ${n}`)
    }
    for (let k = 0; k < n; k++) if (!(s.gS[k] > 0 && Number.isFinite(s.gS[k]))) throw new RangeError(`saved array state: gS[${k}] = ${s.gS[k]} is not a conductance`)
    this.gS.set(s.gS)
    this.formed.set(s.formed)
    this.reads.set(s.reads)
    this.sets.set(s.sets)
    this.resets.set(s.resets)
    this.pulseCount.set(s.pulseCount)
    this.energyJ.set(s.energyJ)
    this.rngStream = RandomStream.fromState(s.rng)
  }

  /** A noisy verify read of cell k at vReadV lasting readSeconds; returns the read conductance G = I/V (S). */
  readGS(k: number, vReadV: number, readSeconds: number): number {
    const g = this.gS[k]
    this.reads[k]++
    this.energyJ[k] += this.model.readEnergyJ(g, vReadV, readSeconds)
    return this.model.readCurrentA(g, vReadV, this.rng) / vReadV
  }

  /** FORM: a pristine cell forms at or above the preset's forming voltage and lands in LRS at iComplianceA. */
  form(k: number, vFormV: number, iComplianceA: number, pulseWidthS: number): void {
    this.pulseCount[k]++
    this.sets[k]++
    // our default: forming energy = V_form·I_C·t_pulse, like a SET at the forming voltage (as device/cell.ts).
    this.energyJ[k] += vFormV * iComplianceA * pulseWidthS
    if (vFormV < this.model.preset.vFormingV) return
    this.formed[k] = 1
    this.gS[k] = this.draws.setConductanceS(iComplianceA, this.d2dFactor[k], this.rng.normal())
  }

  /**
   * SET: a formed cell switches to a fresh LRS draw at iComplianceA when vSetV reaches its switching
   * voltage, drawn per pulse from N(vSetMeanV, vSetSigmaV) (preset); a pristine cell needs forming.
   */
  set(k: number, vSetV: number, iComplianceA: number, pulseWidthS: number): void {
    if (!this.formed[k]) return this.form(k, vSetV, iComplianceA, pulseWidthS)
    this.pulseCount[k]++
    this.sets[k]++
    const p = this.model.preset
    // our default: SET energy = V_set·I_C·t_pulse (the device model's law, at the applied voltage).
    this.energyJ[k] += vSetV * iComplianceA * pulseWidthS
    const vSwitchV = p.vSetMeanV + p.vSetSigmaV * this.rng.normal()
    if (vSetV >= vSwitchV) this.gS[k] = this.draws.setConductanceS(iComplianceA, this.d2dFactor[k], this.rng.normal())
  }

  /**
   * RESET: a formed cell switches to a fresh HRS draw for vStopV when vStopV is at or below its reset
   * voltage, drawn per pulse from N(vResetMeanV, vResetSigmaV) (preset); a pristine cell does not change.
   */
  reset(k: number, vStopV: number, pulseWidthS: number): void {
    this.pulseCount[k]++
    this.resets[k]++
    // our default: RESET energy = V_STOP²·G_before·t_pulse (the device model's law).
    this.energyJ[k] += vStopV * vStopV * this.gS[k] * pulseWidthS
    if (!this.formed[k]) return
    const p = this.model.preset
    const vSwitchV = p.vResetMeanV + p.vResetSigmaV * this.rng.normal()
    if (vStopV <= vSwitchV) this.gS[k] = this.draws.resetConductanceS(vStopV, this.d2dFactor[k], this.rng.normal())
  }
}
