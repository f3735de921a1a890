import { drawD2dFactor, expNear0 as exp0, resetLevel, setLevel, type ConductanceLevel } from '../../device/model'
import type { DeviceModel } from '../../device/types'
import { DIR_DCOL, DIR_DROW, type Grid } from '../../env/grid'
import type { RandomStream } from '../../random'
import { newCounters } from '../types'
import type { BioRramParams } from './params'
import { KIND_PENALIZED as PENALIZED, KIND_RELAXED, KIND_REST as REST, KIND_REWARDED as REWARDED, ThresholdProgrammer, capLrsSpread } from './thresholds'

const UA = 1e-6
// Module-local aliases of imported bindings used per spike: under CommonJS-style transforms (tsx,
// vite-node) an import is a getter on the module object.
const expNear0 = exp0
const KIND_REST = REST
const KIND_REWARDED = REWARDED
const KIND_PENALIZED = PENALIZED

/**
 * A learned device state, grid-sized (as snapshots store it): thresholds × θ0, synaptic conductances
 * in S as 8 planes ([direction·cells + cell], directions N, NE, E, SE, S, SW, W, NW), persistent kinds.
 */
export interface BioRramStateData {
  width: number
  height: number
  thresholdsTheta0: ArrayLike<number>
  synapsesS: ArrayLike<number>
  kinds: ArrayLike<number>
}

/** Padding cells around the grid: never a candidate (θ = +∞), so the hot loop needs no bounds check. */
export const CELL_OUTSIDE = 255

/**
 * The state of the bio-inspired RRAM network (science README §2) and its learning events: per position
 * eight synaptic devices and one state device setting the threshold, in flat typed arrays over a padded
 * grid (one ring of outside cells); every programming event draws from the device model's laws.
 * `BioRramNetwork` adds the trial loop.
 */
export abstract class BioRramState {
  readonly memoryElements: number
  readonly architecture: string
  readonly counters = newCounters()
  readonly width: number
  readonly height: number
  /** Padded width (width + 2). */
  readonly stride: number

  /** Devices in parallel per synapse (devicesPerPosition / 8): their read currents add. */
  readonly synapseDevices: number
  /** Per-tick read current of each synapse, V_read·ΣG of its devices (A); [position·8 + direction], padded indices. */
  readonly synapseCurrentA: Float64Array
  /**
   * Device-to-device variability: each synaptic device's conductance factor, fixed for its life
   * ([(position·8 + direction)·synapseDevices + j]); null when the preset has none (d2dSigma = 0).
   */
  readonly synapseGFactor: Float32Array | null
  /** Threshold of each position (A·tick of integrated current); +∞ outside. */
  readonly thresholdA: Float64Array
  /** Persistent state of each position's threshold (KIND_*). */
  readonly persistentKind: Uint8Array
  /** Visits (departures) in the current trial: the homeostasis rung. */
  readonly visitsThisTrial: Uint16Array
  /** Cell kinds of the current layout, padded. */
  protected readonly cells: Uint8Array
  protected readonly neighbourOffset = new Int32Array(8)
  /** The eight integrators (noisy reads) or the eight targets max(θ, floor) of a segment (exact reads). */
  protected readonly integrator = new Float64Array(8)
  /** Positions raised in this trial (a position cleared mid-trial and raised again is listed twice). */
  protected raised: Int32Array
  protected raisedCount = 0
  protected readonly rewarded: Int32Array
  protected rewardedCount = 0
  protected readonly rewardStamp: Uint32Array
  /** synapse.setNeverWeakens, resolved (unset: device mode only). */
  private readonly setNeverWeakens: boolean
  /** Walls penalised where a remembered path ran (the layout changed there): 1, else 0. */
  protected readonly changedWall: Uint8Array
  /** Scratch of the loop-erased reward: each trace position's last departure direction. */
  private readonly lastDeparture: Uint8Array
  /** Scratch of the shortcut reward: each trace position's place counted from the newest (0 = last left). */
  private readonly traceOrder: Int32Array
  protected readonly recentPosition: Int32Array
  protected readonly recentDirection: Uint8Array
  protected path = new Int32Array(1024)
  protected pathCount = 0
  protected trialNumber = 0
  protected penaltyPoints: Float32Array | null = null
  protected readonly thresholds: ThresholdProgrammer
  protected readonly vReadV: number
  protected readonly floorA: number
  protected readonly hebbianLevel: ConductanceLevel
  protected readonly hebbianEnergyJ: number
  protected readonly rewardLevel: ConductanceLevel
  protected readonly rewardEnergyJ: number
  protected readonly depressLevel: ConductanceLevel
  // The trial in progress (fields, so that `spike` can update them).
  protected position = 0
  protected moves = 0
  protected spikes = 0
  protected reached = false
  protected recentHead = 0
  protected recentCount = 0
  protected currentSum = 0

  constructor(
    grid: Grid,
    readonly params: BioRramParams,
    readonly model: DeviceModel,
    readonly rng: RandomStream
  ) {
    this.width = grid.width
    this.height = grid.height
    this.stride = grid.width + 2
    const n = this.stride * (grid.height + 2)
    const k = params.devicesPerPosition / 8
    this.synapseDevices = k
    // The sources' count (16 per position, two per direction); the state device is named apart.
    this.memoryElements = params.devicesPerPosition * grid.width * grid.height
    this.architecture =
      `8 integrate-and-fire neurons; ${params.devicesPerPosition} synaptic RRAM devices per position ` +
      `(${k} per direction) × ${grid.width * grid.height} positions, plus a threshold state device per position (${params.thresholdMode} thresholds)`
    for (let d = 0; d < 8; d++) this.neighbourOffset[d] = DIR_DROW[d] * this.stride + DIR_DCOL[d]
    this.synapseCurrentA = new Float64Array(n * 8)
    this.synapseGFactor = model.preset.d2dSigma > 0 ? new Float32Array(n * 8 * k) : null
    this.thresholdA = new Float64Array(n).fill(Infinity)
    this.persistentKind = new Uint8Array(n)
    this.visitsThisTrial = new Uint16Array(n)
    this.cells = new Uint8Array(n).fill(CELL_OUTSIDE)
    this.raised = new Int32Array(n)
    this.rewarded = new Int32Array(n)
    this.rewardStamp = new Uint32Array(n)
    this.lastDeparture = new Uint8Array(n)
    this.traceOrder = new Int32Array(n)
    this.changedWall = new Uint8Array(n)
    this.setNeverWeakens = params.synapse.setNeverWeakens ?? params.thresholdMode === 'device'
    this.recentPosition = new Int32Array(params.reward.lastPositions)
    this.recentDirection = new Uint8Array(params.reward.lastPositions)

    const icMaxA = params.programming.iComplianceUA * UA
    this.vReadV = model.preset.vReadV
    const hebbianIcA = Math.min(params.synapse.hebbianIcUA * UA, icMaxA)
    this.hebbianLevel = capLrsSpread(model.preset, setLevel(model.preset, hebbianIcA))
    this.hebbianEnergyJ = model.setEnergyJ(hebbianIcA)
    this.rewardLevel = setLevel(model.preset, icMaxA)
    this.rewardEnergyJ = model.setEnergyJ(icMaxA)
    this.depressLevel = resetLevel(model.preset, params.programming.vStopV)
    const initialHrs = resetLevel(model.preset, params.synapse.initialHrsVStopV)
    // θ0: the README's "an LRS synapse fires in about two integration steps", in units of a synapse's
    // median LRS read current (k devices in parallel).
    const theta0A = params.theta0LrsTicks * k * this.vReadV * model.medianLrsConductanceS(params.synapse.hebbianIcUA * UA)
    // Candidate floor (README §2.2, "a floor V_read·G_HRS"): the integrated current must exceed one tick of
    // one HRS device's read current. It bounds burst recall: a near-zero threshold still takes floor/I.
    this.floorA = this.vReadV * model.medianHrsConductanceS(params.programming.vStopV)
    // Initialisation is not charged to any trial: it programs into a scratch counter.
    const initCounters = newCounters()
    const initThresholds = new ThresholdProgrammer(model, params, initCounters, theta0A)
    this.thresholds = new ThresholdProgrammer(model, params, this.counters, theta0A)
    const persistent = new Float64Array(n)
    initThresholds.persistentA = persistent
    this.thresholds.persistentA = persistent
    this.writeLayout(grid)
    // Device-to-device factors, drawn once per device (only when the preset has d2d spread).
    const sf = this.synapseGFactor
    if (sf !== null) {
      const stateF = new Float32Array(n).fill(1)
      for (let row = 0; row < this.height; row++) {
        for (let col = 0; col < this.width; col++) {
          const q = (row + 1) * this.stride + col + 1
          stateF[q] = 1 / drawD2dFactor(model.preset, rng)
          for (let j = 0; j < 8 * k; j++) sf[q * 8 * k + j] = 1 / drawD2dFactor(model.preset, rng)
        }
      }
      initThresholds.gFactor = stateF
      this.thresholds.gFactor = stateF
    }
    const pLrs = params.synapse.initialLrsProbability
    for (let row = 0; row < this.height; row++) {
      for (let col = 0; col < this.width; col++) {
        const q = (row + 1) * this.stride + col + 1
        this.thresholdA[q] = 0 // a fresh state device: no RESET energy from a previous state
        initThresholds.restAt(this.thresholdA, q, rng)
        for (let d = 0; d < 8; d++) {
          // A synapse's devices are programmed together: LRS (p = 0.9) or HRS, each device its own draw.
          const level = rng.uniform() < pLrs ? this.hebbianLevel : initialHrs
          const i = q * 8 + d
          this.synapseCurrentA[i] = 0
          this.drawSynapse(i, level)
        }
      }
    }
  }

  /**
   * synapseCurrentA[i] ← V_read·Σ_j f_j·G_j: a new draw at `level` for each of the synapse's devices
   * (f_j its device-to-device factor). Science README §2.3: a SET re-programs the synapse to a new
   * random draw (cycle-to-cycle variability).
   */
  private drawSynapse(i: number, level: ConductanceLevel): void {
    const k = this.synapseDevices
    const f = this.synapseGFactor
    const rng = this.rng
    const g = level.medianG
    const s = -level.sigma
    // The level draw of `drawLevelConductanceS` written out (this runs once per move): median·exp(−σz).
    const v = this.vReadV
    let sum = 0
    if (f === null) {
      for (let j = 0; j < k; j++) sum += v * (g * expNear0(s * rng.fastNormal()))
    } else {
      for (let j = 0; j < k; j++) sum += v * f[i * k + j] * (g * expNear0(s * rng.fastNormal()))
    }
    this.synapseCurrentA[i] = sum
  }

  /** θ0 in amperes of integrated read current. */
  get theta0A(): number {
    return this.thresholds.theta0A
  }

  /** Padded index of a grid cell index. */
  toPadded(i: number): number {
    return (Math.floor(i / this.width) + 1) * this.stride + (i % this.width) + 1
  }

  /** Grid cell index of a padded index. */
  fromPadded(q: number): number {
    return (Math.floor(q / this.stride) - 1) * this.width + (q % this.stride) - 1
  }

  protected writeLayout(grid: Grid): void {
    this.penaltyPoints = grid.penalty
    for (let row = 0; row < this.height; row++) {
      const src = row * this.width
      this.cells.set(grid.cells.subarray(src, src + this.width), (row + 1) * this.stride + 1)
    }
  }

  /**
   * A SET pulse on each device of synapse (p, d) at a compliance level: a new log-normal draw (science
   * README §2.3: "re-programmed to LRS (a new random draw: cycle-to-cycle variability)").
   */
  protected programSynapse(p: number, d: number, level: ConductanceLevel, energyJ: number): void {
    const i = p * 8 + d
    const c = this.counters
    const k = this.synapseDevices
    c.sets += k
    c.programmingEnergyJ += k * energyJ
    if (!this.setNeverWeakens) return this.drawSynapse(i, level)
    // A SET on a device already at a lower resistance than its compliance allows leaves it there: the
    // synapse keeps the stronger of its present state and the new draw.
    const before = this.synapseCurrentA[i]
    this.drawSynapse(i, level)
    if (before > this.synapseCurrentA[i]) this.synapseCurrentA[i] = before
  }

  /** A RESET of each device of synapse (p, d) to the deepest V_STOP (penalty option). */
  protected depressSynapse(p: number, d: number): void {
    const i = p * 8 + d
    const c = this.counters
    const vStop = this.params.programming.vStopV
    const before = this.synapseCurrentA[i]
    c.resets += this.synapseDevices
    // RESET energy is V_STOP²·G·t per device: over the parallel devices, the total conductance.
    c.programmingEnergyJ += this.model.resetEnergyJ(vStop, before / this.vReadV)
    this.drawSynapse(i, this.depressLevel)
  }

  /** A rough terrain cell (penalty points ≥ penalty.terrainPoints) that is not part of a rewarded path. */
  protected terrainPenalty(q: number): boolean {
    const pen = this.penaltyPoints
    return pen !== null && this.persistentKind[q] !== KIND_REWARDED && pen[this.fromPadded(q)] >= this.params.penalty.terrainPoints
  }

  protected raise(p: number): void {
    const visits = this.visitsThisTrial[p]
    if (visits === 0) {
      // A position whose rise was cleared mid-trial (reward, deadlock escape) and rises again is listed
      // again (the trial-end clear skips it the second time): the list grows when it must, rarely.
      if (this.raisedCount === this.raised.length) {
        const grown = new Int32Array(this.raised.length * 2)
        grown.set(this.raised)
        this.raised = grown
      }
      this.raised[this.raisedCount++] = p
    }
    this.thresholds.homeostasisAt(this.thresholdA, p, visits, this.rng)
    if (visits < 0xffff) this.visitsThisTrial[p] = visits + 1
  }

  protected penalize(wall: number, from: number, d: number): void {
    const wasRewarded = this.persistentKind[wall] === KIND_REWARDED
    if (wasRewarded) this.changedWall[wall] = 1
    this.persistentKind[wall] = KIND_PENALIZED
    this.thresholds.penaltyAt(this.thresholdA, wall, this.rng)
    if (this.params.penalty.depressSynapse) this.depressSynapse(from, d)
    // A remembered path runs into a new wall: the maze changed, so the memory relaxes (README §2.5). With
    // trace forgetting (our default) a bump from a remembered position counts too: the path it was on is blocked.
    const blocked = wasRewarded || (this.params.forgetting.scope === 'trace' && this.persistentKind[from] === KIND_REWARDED)
    if (blocked && this.params.forgetting.enabled) this.forget(wall)
  }

  /**
   * Forgetting (README §2.5): the rewarded positions (of the trace, or all) relax to slightly below θ0 (with
   * `forgetting.keepRise`, a position left in this trial at the trial-end clear; with `relaxSynapses`, its
   * reward-strength synapses back to a Hebbian draw). With
   * `forgetting.relaxPenalties` (our default) the penalised positions go back to θ0 as well: the
   * layout changed, so walls learned before may have opened.
   */
  protected forget(wall: number): void {
    const th = this.thresholds
    const kinds = this.persistentKind
    if (this.params.forgetting.scope === 'trace') {
      // Only the remembered path the agent just followed into the block (its recent positions) relaxes.
      const k = this.recentPosition.length
      let head = this.recentHead
      for (let j = 0; j < this.recentCount; j++) {
        head = head === 0 ? k - 1 : head - 1
        const q = this.recentPosition[head]
        if (kinds[q] !== KIND_REWARDED) continue
        kinds[q] = KIND_RELAXED
        if (this.params.forgetting.relaxSynapses) this.relaxSynapses(q)
        // keepRise: a position left in this trial keeps its homeostatic rise until the trial-end clear,
        // which re-programs it to the relaxed level.
        if (this.params.forgetting.keepRise && this.visitsThisTrial[q] > 0) continue
        th.relaxAt(this.thresholdA, q, this.rng)
        // Relaxed in this trial: the end-of-trial clear must restore it as relaxed, not raised.
        this.visitsThisTrial[q] = 0
      }
    } else {
      for (let i = 0; i < this.rewardedCount; i++) {
        const q = this.rewarded[i]
        if (kinds[q] !== KIND_REWARDED) continue
        kinds[q] = KIND_RELAXED
        if (this.params.forgetting.relaxSynapses) this.relaxSynapses(q)
        th.relaxAt(this.thresholdA, q, this.rng)
      }
      this.rewardedCount = 0
    }
    const relax = this.params.forgetting.relaxPenalties
    if (relax === false) return
    const changed = this.changedWall
    for (let q = 0; q < kinds.length; q++) {
      // The wall just bumped stays penalised: it is what blocks the path.
      if (kinds[q] !== KIND_PENALIZED || q === wall) continue
      if (relax === 'changed') {
        if (changed[q] === 0) continue
        changed[q] = 0
      }
      kinds[q] = KIND_REST
      th.restAt(this.thresholdA, q, this.rng)
    }
  }

  /**
   * Forgetting of a position's direction memory: each synapse potentiated above the Hebbian level (a reward's
   * SET at the highest I_C) is RESET at V_STOP and SET again at the Hebbian I_C — a fresh Hebbian draw.
   */
  private relaxSynapses(q: number): void {
    const k = this.synapseDevices
    const cut = 1.5 * k * this.vReadV * this.hebbianLevel.medianG
    const c = this.counters
    for (let d = 0; d < 8; d++) {
      const i = q * 8 + d
      const before = this.synapseCurrentA[i]
      if (!(before > cut)) continue
      c.resets += k
      c.programmingEnergyJ += this.model.resetEnergyJ(this.params.programming.vStopV, before / this.vReadV)
      c.sets += k
      c.programmingEnergyJ += k * this.hebbianEnergyJ
      this.drawSynapse(i, this.hebbianLevel)
    }
  }

  protected reward(head: number, count: number, goal: number): void {
    const k = this.recentPosition.length
    const stamp = this.trialNumber
    const th = this.thresholds
    // The goal reached is the last visited position (README §2.4): its threshold falls too, so the final
    // move of a learned path is a burst like the others.
    if (this.params.reward.includeGoal && this.rewardStamp[goal] !== stamp) {
      this.rewardStamp[goal] = stamp
      if (this.persistentKind[goal] !== KIND_REWARDED) this.rewarded[this.rewardedCount++] = goal
      this.persistentKind[goal] = KIND_REWARDED
      th.rewardAt(this.thresholdA, goal, this.rng)
      this.visitsThisTrial[goal] = 0
    }
    if (this.params.reward.loopErased) return this.rewardLoopErased(head, count, goal)
    for (let j = 0; j < count; j++) {
      head = head === 0 ? k - 1 : head - 1
      const q = this.recentPosition[head]
      // Strong potentiation of the synapse that led on along the rewarded path (SET at the highest I_C).
      this.programSynapse(q, this.recentDirection[head], this.rewardLevel, this.rewardEnergyJ)
      if (this.rewardStamp[q] === stamp) continue
      this.rewardPosition(q, stamp)
    }
  }

  /** A position of the rewarded path: its threshold falls (RESET at V_STOP), persistently. */
  private rewardPosition(q: number, stamp: number): void {
    this.rewardStamp[q] = stamp
    if (this.persistentKind[q] !== KIND_REWARDED) this.rewarded[this.rewardedCount++] = q
    this.persistentKind[q] = KIND_REWARDED
    this.thresholds.rewardAt(this.thresholdA, q, this.rng)
    this.visitsThisTrial[q] = 0
  }

  /**
   * The reward of the loop-erased path of the trace (reward.loopErased, our default): from the oldest
   * position of the trace, follow each position's last departure to the goal. Those positions get the
   * reward and the synapse of their last departure the strong potentiation; the trace's loops and dead-end
   * excursions get nothing, so a learned path does not lead back into a place the agent had to leave.
   */
  private rewardLoopErased(head: number, count: number, goal: number): void {
    const k = this.recentPosition.length
    const stamp = this.trialNumber
    const lastDir = this.lastDeparture
    const seen = this.rewardStamp
    // Newest first: the first time a position is met is its last departure. Mark with −stamp meanwhile.
    let h = head
    let oldest = -1
    for (let j = 0; j < count; j++) {
      h = h === 0 ? k - 1 : h - 1
      const q = this.recentPosition[h]
      if (seen[q] !== stamp + 0x80000000) {
        seen[q] = stamp + 0x80000000
        lastDir[q] = this.recentDirection[h]
        this.traceOrder[q] = j
      }
      oldest = q
    }
    const shortcut = this.params.reward.shortcut
    const off = this.neighbourOffset
    const order = this.traceOrder
    let q = oldest
    for (let n = 0; n < count && q !== goal && seen[q] === stamp + 0x80000000; n++) {
      let d = lastDir[q]
      if (shortcut) {
        // The neighbour of q that the trace left last (nearest the goal along it), or the goal itself.
        let best = order[q]
        for (let e = 0; e < 8; e++) {
          const r = q + off[e]
          if (r === goal) {
            d = e
            break
          }
          if (seen[r] === stamp + 0x80000000 && order[r] < best) {
            best = order[r]
            d = e
          }
        }
      }
      this.programSynapse(q, d, this.rewardLevel, this.rewardEnergyJ)
      this.rewardPosition(q, stamp)
      q = q + this.neighbourOffset[d]
    }
    // Positions of the trace off the path: clear the temporary mark.
    h = head
    for (let j = 0; j < count; j++) {
      h = h === 0 ? k - 1 : h - 1
      const p = this.recentPosition[h]
      if (seen[p] === stamp + 0x80000000) seen[p] = 0
    }
  }

  protected clearHomeostasis(): void {
    const th = this.thresholds
    for (let i = 0; i < this.raisedCount; i++) {
      const q = this.raised[i]
      if (this.visitsThisTrial[q] === 0) continue
      this.visitsThisTrial[q] = 0
      th.restoreAt(this.thresholdA, q, this.persistentKind[q], this.rng)
    }
    this.raisedCount = 0
  }

  /**
   * Deadlock escape (README §2.6): the neighbourhood's thresholds go back to θ0, penalties included,
   * so that a cell penalised in an earlier layout can be tried again (authors' model).
   * `deadlock.keepPenalties` keeps penalised cells as they are (our option).
   */
  protected escapeDeadlock(p: number): void {
    const keep = this.params.deadlock.keepPenalties
    for (let d = 0; d < 8; d++) {
      const q = p + this.neighbourOffset[d]
      if (this.cells[q] === CELL_OUTSIDE) continue
      const kind = this.persistentKind[q]
      if (kind === KIND_PENALIZED) {
        if (keep) continue
        this.persistentKind[q] = KIND_REST
      } else if (this.visitsThisTrial[q] === 0) continue
      this.visitsThisTrial[q] = 0
      this.thresholds.restoreAt(this.thresholdA, q, this.persistentKind[q], this.rng)
    }
  }

  /** Thresholds as a grid-sized map (× 1/θ0: 1 = rest), for snapshots. */
  thresholdMap(): Float32Array {
    const out = new Float32Array(this.width * this.height)
    const inv = 1 / this.theta0A
    for (let i = 0; i < out.length; i++) out[i] = this.thresholdA[this.toPadded(i)] * inv
    return out
  }

  /**
   * Start from a learned device state (transfer learning, science README §3): every position's
   * threshold (× θ0, so a network with another preset keeps the same relative states), persistent
   * kind and synaptic conductances, as a finished trial left them (homeostasis cleared). The grid
   * must have this network's size; values must be finite and ≥ 0, kinds 0–3.
   */
  loadState(state: BioRramStateData): void {
    const cells = this.width * this.height
    if (state.width !== this.width || state.height !== this.height) {
      throw new RangeError(`the learned state is ${state.width}×${state.height}, this environment ${this.width}×${this.height}: they must match`)
    }
    const check = (name: string, values: ArrayLike<number>, length: number, max: number) => {
      if (values.length !== length) throw new RangeError(`${name}: expected ${length} values, got ${values.length}`)
      for (let i = 0; i < length; i++) {
        const v = values[i]
        if (!(v >= 0 && v <= max)) throw new RangeError(`${name}[${i}]: expected a value in [0, ${max}], got ${v}`)
      }
    }
    check('thresholds', state.thresholdsTheta0, cells, Number.MAX_VALUE)
    check('synapses', state.synapsesS, cells * 8, Number.MAX_VALUE)
    check('kinds', state.kinds, cells, KIND_RELAXED)
    this.rewardedCount = 0
    for (let i = 0; i < cells; i++) {
      const q = this.toPadded(i)
      this.thresholdA[q] = state.thresholdsTheta0[i] * this.theta0A
      if (this.thresholds.persistentA !== null) this.thresholds.persistentA[q] = this.thresholdA[q]
      const kind = state.kinds[i]
      this.persistentKind[q] = kind
      if (kind === KIND_REWARDED) this.rewarded[this.rewardedCount++] = q
      this.visitsThisTrial[q] = 0
      for (let d = 0; d < 8; d++) this.synapseCurrentA[q * 8 + d] = state.synapsesS[d * cells + i] * this.vReadV
    }
  }

  /** Persistent state of each position's threshold (KIND_*: 0 rest, 1 rewarded, 2 penalised, 3 relaxed), grid-sized. */
  kindMap(): Uint8Array {
    const out = new Uint8Array(this.width * this.height)
    for (let i = 0; i < out.length; i++) out[i] = this.persistentKind[this.toPadded(i)]
    return out
  }

  /** Synaptic conductances (S) of one direction as a grid-sized map, for snapshots. */
  synapseMap(direction: number): Float32Array {
    const out = new Float32Array(this.width * this.height)
    for (let i = 0; i < out.length; i++) out[i] = this.synapseCurrentA[this.toPadded(i) * 8 + direction] / this.vReadV
    return out
  }
}
