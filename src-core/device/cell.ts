import type { RandomStream } from '../random'
import type { DeviceCounters, DeviceModel } from './types'

/**
 * One stateful 1T1R cell on top of the stateless model: its conductance, whether it is formed,
 * its device-to-device factor, and wear/energy counters. Arrays keep the same fields in typed
 * arrays; this class is for instruments, tests and single-device recipes.
 */
export class Cell {
  gS: number
  formed: boolean
  readonly d2dFactor: number
  readonly counters: DeviceCounters = { reads: 0, sets: 0, resets: 0, energyJ: 0 }

  /** A pristine cell (R = rPristineOhm) unless a starting conductance `gS` is given (formed). */
  constructor(
    readonly model: DeviceModel,
    options: { gS?: number; d2dFactor?: number } = {}
  ) {
    this.d2dFactor = options.d2dFactor ?? 1
    this.formed = options.gS !== undefined
    this.gS = options.gS ?? 1 / model.preset.rPristineOhm
    if (!(this.gS > 0)) throw new RangeError(`Cell gS must be > 0 S, got ${this.gS}`)
  }

  /** Forming: the first SET of a pristine cell, at vFormingV with compliance iComplianceA. */
  form(iComplianceA: number, rng: RandomStream): void {
    const p = this.model.preset
    this.counters.sets++
    // our default: forming energy = V_forming·I_C·t_pulse, like a SET at the forming voltage.
    this.counters.energyJ += p.vFormingV * iComplianceA * p.pulseWidthS
    this.gS = this.model.drawSetConductanceS(iComplianceA, rng, this.d2dFactor)
    this.formed = true
  }

  /** A SET pulse; a pristine cell does not switch (its SET voltage is below forming). Returns whether it switched. */
  set(iComplianceA: number, rng: RandomStream): boolean {
    const p = this.model.preset
    this.counters.sets++
    if (!this.formed) {
      this.counters.energyJ += p.vSetMeanV * p.vSetMeanV * this.gS * p.pulseWidthS
      return false
    }
    this.counters.energyJ += this.model.setEnergyJ(iComplianceA)
    this.gS = this.model.drawSetConductanceS(iComplianceA, rng, this.d2dFactor)
    return true
  }

  /** A RESET pulse to vStopV (< 0); a pristine cell does not switch. Returns whether it switched. */
  reset(vStopV: number, rng: RandomStream): boolean {
    this.counters.resets++
    this.counters.energyJ += this.model.resetEnergyJ(vStopV, this.gS)
    if (!this.formed) return false
    this.gS = this.model.drawResetConductanceS(vStopV, rng, this.d2dFactor)
    return true
  }

  /** A noisy read at the preset's vReadV lasting `seconds` (default: one pulse width); returns amperes. */
  readCurrentA(rng: RandomStream, seconds = this.model.preset.pulseWidthS): number {
    const v = this.model.preset.vReadV
    this.counters.reads++
    this.counters.energyJ += this.model.readEnergyJ(this.gS, v, seconds)
    return this.model.readCurrentA(this.gS, v, rng)
  }
}
