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
/** The lowest compliance current of the Bianchi 2023 LRS data (data/siox-lrs-vs-compliance.csv), A. */
const LOWEST_MEASURED_IC_A = 50e-6
/** Gradual reward: thresholds stop falling at this fraction of θ0 (numerical floor, far below any read-out). */
const MIN_THRESHOLD_THETA0 = 1e-9
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
  /**
   * The persistent threshold of each position (what the state device holds once the homeostatic rise is
   * cleared), written by every persistent programming event; set by the owner (grid-sized, padded).
   * The gradual reward scales it, and the end-of-trial clear restores a rewarded position to it.
   */
  persistentA: Float64Array | null = null
  /** Device mode, gradual reward: the conductance ratio of one reward pulse, G_HRS(V_STOP)/G_HRS(rest), ≤ 1. */
  readonly rewardStep: number
  private readonly gradual: boolean
  private readonly penaltySteps: boolean
  /** Stepped penalty: the ratio of one bump (penalty level / rest) and the saturating conductance (SET at the highest I_C). */
  private readonly penaltyStep: number
  private readonly topLevelG: number
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
    // Below the lowest measured I_C (50 µA) the LRS spread is held at its value there (capLrsSpread).
    const capped = (l: ConductanceLevel): ConductanceLevel => capLrsSpread(pre, l)
    const ladder = Array.from(this.ladderA, (ic) => capped(setLevel(pre, ic)))
    this.ladderMedianG = Float64Array.from(ladder, (l) => l.medianG)
    this.ladderSigma = Float64Array.from(ladder, (l) => l.sigma)
    this.ladderEnergyJ = Float64Array.from(this.ladderA, (ic) => model.setEnergyJ(ic))
    this.penaltyLevel = capped(setLevel(pre, this.penaltyIcA))
    this.penaltyEnergyJ = model.setEnergyJ(this.penaltyIcA)
    this.restLevel = resetLevel(pre, this.restVStopV)
    this.relaxLevel = resetLevel(pre, this.relaxVStopV)
    this.rewardLevel = resetLevel(pre, this.rewardVStopV)
    this.rewardStep = Math.min(1, model.medianHrsConductanceS(this.rewardVStopV) / gRest)
    this.penaltySteps = params.penalty.stepped
    this.penaltyStep = Math.max(1, this.penaltyLevel.medianG / gRest)
    this.topLevelG = Math.max(this.penaltyLevel.medianG, model.medianLrsConductanceS(icMaxA))
    this.gradual = params.reward.gradual
  }

  // Each method programs the state device of position q and writes its new threshold into
  // thresholdA[q] in place (no number returned: these run per move and per rewarded position).

  /** Rest state (θ0): device mode a RESET at the rest V_STOP. */
  restAt(thresholdA: Float64Array, q: number, rng: RandomStream): void {
    if (!this.device) thresholdA[q] = this.theta0A
    else this.resetAt(thresholdA, q, this.restVStopV, this.restLevel, rng)
    this.keep(thresholdA, q)
  }

  /** Record thresholdA[q] as the position's persistent level. */
  private keep(thresholdA: Float64Array, q: number): void {
    const p = this.persistentA
    if (p !== null) p[q] = thresholdA[q]
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
      this.keep(thresholdA, q)
      return
    }
    const c = this.counters
    c.sets++
    c.programmingEnergyJ += this.penaltyEnergyJ
    const f = this.gFactor
    const scale = f === null ? this.kappa : this.kappa * f[q]
    const z = expNear0(-this.penaltyLevel.sigma * rng.fastNormal())
    let v = scale * (this.penaltyLevel.medianG * z)
    const p = this.persistentA
    if (this.penaltySteps && p !== null) {
      // Stepped penalty: each bump scales the persistent level by the first step (×4), up to the SET at the
      // highest I_C (full gate drive), where it saturates.
      const stepped = p[q] * this.penaltyStep * z
      const top = scale * this.topLevelG
      v = Math.max(v, stepped < top ? stepped : top)
    }
    thresholdA[q] = Math.max(thresholdA[q], v)
    this.keep(thresholdA, q)
  }

  /** Reward: near-zero threshold (device mode: RESET at the deepest V_STOP). */
  rewardAt(thresholdA: Float64Array, q: number, rng: RandomStream): void {
    const p = this.persistentA
    if (!this.device) thresholdA[q] = this.params.reward.abstractFactor * this.theta0A
    else if (this.gradual && p !== null) {
      // Gradual RESET: one pulse at V_STOP scales the persistent conductance by rewardStep (never raises it).
      const c = this.counters
      c.resets++
      c.programmingEnergyJ += this.model.resetEnergyJ(this.rewardVStopV, p[q] / this.kappa)
      // Its outcome spreads like a RESET at V_STOP (log-normal around the step, σ the fitted cycle-to-cycle σ
      // there), and a RESET never raises the conductance: the step is at most 1.
      const drawn = this.rewardStep * expNear0(-this.rewardLevel.sigma * rng.fastNormal())
      const step = drawn < 1 ? drawn : 1
      thresholdA[q] = Math.max(MIN_THRESHOLD_THETA0 * this.theta0A, p[q] * step)
    } else this.resetAt(thresholdA, q, this.rewardVStopV, this.rewardLevel, rng)
    this.keep(thresholdA, q)
  }

  /** Forgetting of a blocked path: slightly below θ0. */
  relaxAt(thresholdA: Float64Array, q: number, rng: RandomStream): void {
    if (!this.device) thresholdA[q] = this.params.forgetting.relaxFactor * this.theta0A
    else this.resetAt(thresholdA, q, this.relaxVStopV, this.relaxLevel, rng)
    this.keep(thresholdA, q)
  }

  /** A rewarded position back to its persistent level after the homeostatic rise (gradual reward: re-programmed to it). */
  private restoreRewarded(thresholdA: Float64Array, q: number, rng: RandomStream): void {
    const p = this.persistentA
    if (!this.device || !this.gradual || p === null) return this.rewardAt(thresholdA, q, rng)
    const c = this.counters
    c.resets++
    c.programmingEnergyJ += this.model.resetEnergyJ(this.rewardVStopV, thresholdA[q] / this.kappa)
    thresholdA[q] = p[q]
  }

  /** Re-program a position back to its persistent state `kind` (end of trial, deadlock escape). */
  restoreAt(thresholdA: Float64Array, q: number, kind: number, rng: RandomStream): void {
    switch (kind) {
      case KIND_REWARDED:
        return this.restoreRewarded(thresholdA, q, rng)
      case KIND_PENALIZED:
        return this.penaltyAt(thresholdA, q, rng)
      case KIND_RELAXED:
        return this.relaxAt(thresholdA, q, rng)
      default:
        return this.restAt(thresholdA, q, rng)
    }
  }

  /**
   * Median threshold (× θ0) of each programmed state, for docs and tests: rest, the homeostasis rungs, the
   * first penalty and where stepped penalties saturate, the relaxed state; reward: with the gradual reward
   * the step of one reward (× the level before it), else its level.
   */
  medianLevels(): { rest: number; ladder: number[]; penalty: number; penaltyTop: number; reward: number; relaxed: number } {
    const m = this.model
    const rel = (g: number) => (this.kappa * g) / this.theta0A
    if (!this.device) {
      const p = this.params
      return {
        rest: 1,
        ladder: [p.homeostasis.abstractFactor],
        penalty: p.penalty.abstractFactor,
        penaltyTop: p.penalty.abstractFactor,
        reward: p.reward.abstractFactor,
        relaxed: p.forgetting.relaxFactor
      }
    }
    return {
      rest: rel(m.medianHrsConductanceS(this.restVStopV)),
      ladder: Array.from(this.ladderA, (ic) => rel(m.medianLrsConductanceS(ic))),
      penalty: rel(m.medianLrsConductanceS(this.penaltyIcA)),
      penaltyTop: this.penaltySteps ? rel(this.topLevelG) : rel(m.medianLrsConductanceS(this.penaltyIcA)),
      reward: this.gradual ? this.rewardStep : rel(m.medianHrsConductanceS(this.rewardVStopV)),
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

/**
 * A SET level below the lowest compliance current of the Bianchi 2023 LRS data (50 µA): its median from
 * the fitted power law, its spread held at the law's value at 50 µA (the fitted power law of σ was never
 * measured below and would explode: σ ≈ 9 at 4 µA).
 */
export function capLrsSpread(preset: DeviceModel['preset'], level: ConductanceLevel): ConductanceLevel {
  const cap = setLevel(preset, LOWEST_MEASURED_IC_A).sigma
  return level.sigma <= cap ? level : { medianG: level.medianG, sigma: cap }
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
