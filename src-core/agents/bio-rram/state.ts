import { drawD2dFactor, expNear0 as exp0, resetLevel, setLevel, type ConductanceLevel } from '../../device/model'
import type { DeviceModel } from '../../device/types'
import { DIR_DCOL, DIR_DROW, type Grid } from '../../env/grid'
import type { RandomStream } from '../../random'
import { newCounters } from '../types'
import type { BioRramParams } from './params'
import { KIND_RELAXED, KIND_REWARDED as REWARDED, ThresholdProgrammer, capLrsSpread } from './thresholds'

const UA = 1e-6
// Module-local aliases of imported bindings used per spike: under CommonJS-style transforms (tsx,
// vite-node) an import is a getter on the module object.
const expNear0 = exp0
const KIND_REWARDED = REWARDED

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
  protected readonly recentPosition: Int32Array
  protected readonly recentDirection: Uint8Array
  /** 1 where the position was left while not remembered (reward.counts 'explored'). */
  protected readonly recentExplored: Uint8Array
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
    this.changedWall = new Uint8Array(n)
    this.setNeverWeakens = params.synapse.setNeverWeakens ?? params.thresholdMode === 'device'
    // 'explored': the ring also holds the burst moves between the explored positions.
    const ring = params.reward.counts === 'explored' ? 8 * params.reward.lastPositions + 256 : params.reward.lastPositions
    this.recentPosition = new Int32Array(ring)
    this.recentDirection = new Uint8Array(ring)
    this.recentExplored = new Uint8Array(ring)

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
  protected drawSynapse(i: number, level: ConductanceLevel): void {
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
