import { expNear0 as exp0, resetLevel, setLevel, type ConductanceLevel } from '../../device/model'
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
/** Module-local alias: under CommonJS-style transforms (tsx, vite-node) an import is a getter per call. */
const expNear0 = exp0

/**
 * Programs the state device of a position (device mode) or writes the authors' abstract values
 * (abstract mode), and returns the new threshold in amperes of integrated read current.
 * Device mode: θ = κ · G_state — the threshold modulator is linear in the state device's read
 * current — with κ chosen so that the median rest state gives θ0. The rest state is a RESET at a
 * shallow V_STOP; homeostasis climbs an I_C ladder of SETs; a penalty is a SET at high I_C; a reward
 * is a RESET at the deepest V_STOP; forgetting is a RESET at the V_STOP whose median gives relaxFactor·θ0.
 */
export class ThresholdProgrammer {
  readonly theta0A: number
  /** θ per siemens of state-device conductance (device mode). */
  readonly kappa: number
  readonly device: boolean
  /**
   * Device-to-device variability (device mode): each position's state device conducts this factor
   * times a typical device's draw, fixed for its life (1/its resistance factor, `drawD2dFactor`); null
   * when the preset has none (d2dSigma = 0), so no draw is spent on it.
   */
  gFactor: Float32Array | null = null
  private readonly ladderA: Float64Array
  private readonly penaltyIcA: number
  private readonly restVStopV: number
  private readonly relaxVStopV: number
  private readonly rewardVStopV: number
  // Each programming operation's level (ln median G, σ) and SET energy, computed once: a draw is one exp.
  private readonly ladderMedianG: Float64Array
  private readonly ladderSigma: Float64Array
  private readonly ladderEnergyJ: Float64Array
  private readonly penaltyLevel: ConductanceLevel
  private readonly penaltyEnergyJ: number
  private readonly restLevel: ConductanceLevel
  private readonly relaxLevel: ConductanceLevel
  private readonly rewardLevel: ConductanceLevel

  constructor(
    private readonly model: DeviceModel,
    private readonly params: BioRramParams,
    private readonly counters: AgentCounters,
    theta0A: number
  ) {
    const icMaxA = params.programming.iComplianceUA * UA
    this.theta0A = theta0A
    this.device = params.thresholdMode === 'device'
    this.rewardVStopV = params.programming.vStopV
    this.restVStopV = params.homeostasis.restVStopV
    this.ladderA = Float64Array.from(params.homeostasis.icLadderUA, (ua) => Math.min(ua * UA, icMaxA))
    this.penaltyIcA = Math.min(params.penalty.iComplianceUA * UA, icMaxA)
    const gRest = model.medianHrsConductanceS(this.restVStopV)
    this.kappa = theta0A / gRest
    this.relaxVStopV = stopVoltageForConductance(model, params.forgetting.relaxFactor * gRest, this.restVStopV)
    const pre = model.preset
    const ladder = Array.from(this.ladderA, (ic) => setLevel(pre, ic))
    this.ladderMedianG = Float64Array.from(ladder, (l) => l.medianG)
    this.ladderSigma = Float64Array.from(ladder, (l) => l.sigma)
    this.ladderEnergyJ = Float64Array.from(this.ladderA, (ic) => model.setEnergyJ(ic))
    this.penaltyLevel = setLevel(pre, this.penaltyIcA)
    this.penaltyEnergyJ = model.setEnergyJ(this.penaltyIcA)
    this.restLevel = resetLevel(pre, this.restVStopV)
    this.relaxLevel = resetLevel(pre, this.relaxVStopV)
    this.rewardLevel = resetLevel(pre, this.rewardVStopV)
  }

  // Each method programs the state device of position q and writes its new threshold into
  // thresholdA[q] in place (no number returned: these run per move and per rewarded position).

  /** Rest state (θ0): device mode a RESET at the rest V_STOP. */
  restAt(thresholdA: Float64Array, q: number, rng: RandomStream): void {
    if (!this.device) thresholdA[q] = this.theta0A
    else this.resetAt(thresholdA, q, this.restVStopV, this.restLevel, rng)
  }

  /** Homeostatic rise after the `visit`-th departure (0-based): a SET at rung min(visit, n−1). */
  homeostasisAt(thresholdA: Float64Array, q: number, visit: number, rng: RandomStream): void {
    if (!this.device) {
      thresholdA[q] = this.params.homeostasis.abstractFactor * this.theta0A
      return
    }
    const n = this.ladderMedianG.length
    const k = visit < n ? visit : n - 1
    const c = this.counters
    c.sets++
    c.programmingEnergyJ += this.ladderEnergyJ[k]
    // The level draw of `drawLevelConductanceS` written out (this runs once per move): κ·median·exp(−σz).
    const f = this.gFactor
    const v = (f === null ? this.kappa : this.kappa * f[q]) * (this.ladderMedianG[k] * expNear0(-this.ladderSigma[k] * rng.fastNormal()))
    thresholdA[q] = Math.max(thresholdA[q], v)
  }

  /** Wall or hazard: a persistent high threshold (a SET at high I_C, which never lowers it). */
  penaltyAt(thresholdA: Float64Array, q: number, rng: RandomStream): void {
    if (!this.device) {
      thresholdA[q] = this.params.penalty.abstractFactor * this.theta0A
      return
    }
    const c = this.counters
    c.sets++
    c.programmingEnergyJ += this.penaltyEnergyJ
    const f = this.gFactor
    const v = (f === null ? this.kappa : this.kappa * f[q]) * (this.penaltyLevel.medianG * expNear0(-this.penaltyLevel.sigma * rng.fastNormal()))
    thresholdA[q] = Math.max(thresholdA[q], v)
  }

  /** Reward: near-zero threshold (device mode: RESET at the deepest V_STOP). */
  rewardAt(thresholdA: Float64Array, q: number, rng: RandomStream): void {
    if (!this.device) thresholdA[q] = this.params.reward.abstractFactor * this.theta0A
    else this.resetAt(thresholdA, q, this.rewardVStopV, this.rewardLevel, rng)
  }

  /** Forgetting of a blocked path: slightly below θ0. */
  relaxAt(thresholdA: Float64Array, q: number, rng: RandomStream): void {
    if (!this.device) thresholdA[q] = this.params.forgetting.relaxFactor * this.theta0A
    else this.resetAt(thresholdA, q, this.relaxVStopV, this.relaxLevel, rng)
  }

  /** Re-program a position back to its persistent state `kind` (end of trial, deadlock escape). */
  restoreAt(thresholdA: Float64Array, q: number, kind: number, rng: RandomStream): void {
    switch (kind) {
      case KIND_REWARDED:
        return this.rewardAt(thresholdA, q, rng)
      case KIND_PENALIZED:
        return this.penaltyAt(thresholdA, q, rng)
      case KIND_RELAXED:
        return this.relaxAt(thresholdA, q, rng)
      default:
        return this.restAt(thresholdA, q, rng)
    }
  }

  /** Median threshold (× θ0) of each programmed state, for docs and tests. */
  medianLevels(): { rest: number; ladder: number[]; penalty: number; reward: number; relaxed: number } {
    const m = this.model
    const rel = (g: number) => (this.kappa * g) / this.theta0A
    if (!this.device) {
      const p = this.params
      return {
        rest: 1,
        ladder: [p.homeostasis.abstractFactor],
        penalty: p.penalty.abstractFactor,
        reward: p.reward.abstractFactor,
        relaxed: p.forgetting.relaxFactor
      }
    }
    return {
      rest: rel(m.medianHrsConductanceS(this.restVStopV)),
      ladder: Array.from(this.ladderA, (ic) => rel(m.medianLrsConductanceS(ic))),
      penalty: rel(m.medianLrsConductanceS(this.penaltyIcA)),
      reward: rel(m.medianHrsConductanceS(this.rewardVStopV)),
      relaxed: rel(m.medianHrsConductanceS(this.relaxVStopV))
    }
  }

  /** A RESET of the state device to vStopV; its energy depends on the conductance before (θ/κ). */
  private resetAt(thresholdA: Float64Array, q: number, vStopV: number, level: ConductanceLevel, rng: RandomStream): void {
    const c = this.counters
    c.resets++
    c.programmingEnergyJ += this.model.resetEnergyJ(vStopV, thresholdA[q] / this.kappa)
    const f = this.gFactor
    // The level draw written out (see `drawLevelConductanceS`): κ·median·exp(−σz).
    thresholdA[q] = (f === null ? this.kappa : this.kappa * f[q]) * (level.medianG * expNear0(-level.sigma * rng.fastNormal()))
  }
}

/** The stop voltage (< 0) whose median HRS conductance is gTargetS, searched between −0.1 and −5 V (bisection). */
export function stopVoltageForConductance(model: DeviceModel, gTargetS: number, vGuessV: number): number {
  // Deeper RESET → lower conductance; the HRS law is monotonic in |V_STOP|.
  let shallow = Math.max(vGuessV, -0.1)
  let deep = Math.min(vGuessV, -5)
  for (let i = 0; i < 100; i++) {
    const mid = (shallow + deep) / 2
    if (model.medianHrsConductanceS(mid) > gTargetS) shallow = mid
    else deep = mid
  }
  return (shallow + deep) / 2
}
