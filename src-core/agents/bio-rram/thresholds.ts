import type { DeviceModel } from '../../device/types'
import type { RandomStream } from '../../random'
import type { AgentCounters } from '../types'
import type { BioRramParams } from './params'

/** Persistent state of a position's threshold (what survives the end of a trial). */
export const KIND_REST = 0
export const KIND_REWARDED = 1
export const KIND_PENALIZED = 2
export const KIND_RELAXED = 3

const UA = 1e-6

/**
 * Programs the state device of a position (device mode) or writes the authors' abstract values
 * (abstract mode), and returns the new threshold in amperes of integrated read current.
 * Device mode: θ = κ · G_state, with κ chosen so that the median rest state (a SET at the ladder's
 * first rung) gives θ0 — the threshold modulator is linear in the state device's read current.
 */
export class ThresholdProgrammer {
  readonly theta0A: number
  /** θ per siemens of state-device conductance (device mode). */
  readonly kappa: number
  readonly device: boolean
  private readonly ladderA: Float64Array
  private readonly penaltyIcA: number
  private readonly relaxIcA: number
  private readonly vStopV: number

  constructor(
    private readonly model: DeviceModel,
    private readonly params: BioRramParams,
    private readonly counters: AgentCounters,
    theta0A: number
  ) {
    const icMaxA = params.programming.iComplianceUA * UA
    this.theta0A = theta0A
    this.device = params.thresholdMode === 'device'
    this.vStopV = params.programming.vStopV
    this.ladderA = Float64Array.from(params.homeostasis.icLadderUA, (ua) => Math.min(ua * UA, icMaxA))
    this.penaltyIcA = Math.min(params.penalty.iComplianceUA * UA, icMaxA)
    const gRest = model.medianLrsConductanceS(this.ladderA[0])
    this.kappa = theta0A / gRest
    this.relaxIcA = complianceForConductance(model, params.forgetting.relaxFactor * gRest, this.ladderA[0])
  }

  /** Rest state (θ0): device mode SET at the ladder's first rung (after a RESET when `fromSet`). */
  rest(rng: RandomStream, fromSet: boolean): number {
    if (!this.device) return this.theta0A
    if (fromSet) this.reset(rng, 0)
    return this.set(this.ladderA[0], rng)
  }

  /** Homeostatic rise after the `visit`-th departure (0-based). */
  homeostasis(visit: number, rng: RandomStream): number {
    if (!this.device) return this.params.homeostasis.abstractFactor * this.theta0A
    const rung = Math.min(visit + 1, this.ladderA.length - 1)
    return this.set(this.ladderA[rung], rng)
  }

  /** Wall or hazard: a persistent high threshold. */
  penalty(rng: RandomStream): number {
    if (!this.device) return this.params.penalty.abstractFactor * this.theta0A
    return this.set(this.penaltyIcA, rng)
  }

  /** Reward: near-zero threshold (device mode: RESET at the deepest V_STOP). */
  reward(rng: RandomStream, gBeforeS: number): number {
    if (!this.device) return this.params.reward.abstractFactor * this.theta0A
    return this.reset(rng, gBeforeS)
  }

  /** Forgetting of a blocked path: slightly below θ0 (device mode: RESET, then SET at a lower I_C). */
  relax(rng: RandomStream, gBeforeS: number): number {
    if (!this.device) return this.params.forgetting.relaxFactor * this.theta0A
    this.reset(rng, gBeforeS)
    return this.set(this.relaxIcA, rng)
  }

  /** Re-program a position back to its persistent state (end of trial, deadlock escape). */
  restore(kind: number, thetaA: number, rng: RandomStream): number {
    const g = this.device ? thetaA / this.kappa : 0
    switch (kind) {
      case KIND_REWARDED:
        return this.reward(rng, g)
      case KIND_PENALIZED:
        if (!this.device) return this.penalty(rng)
        this.reset(rng, g)
        return this.penalty(rng)
      case KIND_RELAXED:
        return this.relax(rng, g)
      default:
        if (!this.device) return this.theta0A
        this.reset(rng, g)
        return this.set(this.ladderA[0], rng)
    }
  }

  private set(icA: number, rng: RandomStream): number {
    const c = this.counters
    c.sets++
    c.programmingEnergyJ += this.model.setEnergyJ(icA)
    return this.kappa * this.model.drawSetConductanceS(icA, rng)
  }

  private reset(rng: RandomStream, gBeforeS: number): number {
    const c = this.counters
    c.resets++
    c.programmingEnergyJ += this.model.resetEnergyJ(this.vStopV, gBeforeS)
    return this.kappa * this.model.drawResetConductanceS(this.vStopV, rng)
  }
}

/** The compliance current whose median LRS conductance is gTargetS (bisection; the law is monotonic). */
export function complianceForConductance(model: DeviceModel, gTargetS: number, icGuessA: number): number {
  let lo = icGuessA / 1000
  let hi = icGuessA * 1000
  for (let i = 0; i < 200; i++) {
    const mid = Math.sqrt(lo * hi)
    if (model.medianLrsConductanceS(mid) < gTargetS) lo = mid
    else hi = mid
  }
  return Math.sqrt(lo * hi)
}
