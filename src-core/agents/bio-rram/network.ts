import { drawLevelConductanceS as drawLevel, resetLevel, setLevel, type ConductanceLevel } from '../../device/model'
import type { DeviceModel } from '../../device/types'
import { CELL_GOAL as GOAL, CELL_PENALTY as PENALTY, CELL_WALL as WALL, DIR_DCOL, DIR_DROW, type Grid } from '../../env/grid'
import type { RandomStream } from '../../random'
import { checkLayoutSize, newCounters, type Agent, type TrialOptions, type TrialOutcome } from '../types'
import type { BioRramParams } from './params'
import { KIND_PENALIZED, KIND_RELAXED, KIND_REST, KIND_REWARDED, ThresholdProgrammer } from './thresholds'

const UA = 1e-6
// Module-local aliases of imported bindings used per spike: under CommonJS-style transforms (tsx,
// vite-node) an import is a getter on the module object.
const CELL_WALL = WALL
const CELL_GOAL = GOAL
const CELL_PENALTY = PENALTY
const drawLevelConductanceS = drawLevel
/** Crossings further than 2^52 ticks away never happen within a budget (and n·I stays exact in n). */
const MAX_TICKS = 2 ** 52

/**
 * The first tick m ≥ 1 at which the integral m·I (computed as that product) exceeds θ, or +∞.
 * One division, then at most a step or two to undo the quotient's rounding.
 */
export function crossingTick(currentA: number, thresholdA: number): number {
  if (!(currentA > 0)) return Infinity
  const q = thresholdA / currentA
  if (!(q < MAX_TICKS)) return Infinity
  let m = q < 0 ? 1 : Math.floor(q) + 1
  while (m > 1 && (m - 1) * currentA > thresholdA) m--
  while (!(m * currentA > thresholdA)) m++
  return m
}

/** Segments up to this many ticks are searched tick by tick, longer ones by `crossingTick` (cheaper past ~8). */
const WALK_TICKS = 8

/** Padding cells around the grid: never a candidate (θ = +∞), so the hot loop needs no bounds check. */
const CELL_OUTSIDE = 255

/**
 * The bio-inspired RRAM network of Bianchi et al. 2023 (science README §2): eight integrate-and-fire
 * neurons (one per direction) shared by all positions; per position eight synaptic devices and one
 * state device setting the threshold. State lives in flat typed arrays over a padded grid
 * (one ring of outside cells); every programming event draws from the device model.
 */
export class BioRramNetwork implements Agent {
  readonly kind = 'bio-rram' as const
  readonly memoryElements: number
  readonly architecture: string
  readonly counters = newCounters()
  readonly width: number
  readonly height: number
  /** Padded width (width + 2). */
  readonly stride: number

  /** Per-tick read current of each synapse, V_read·G (A); [position·8 + direction], padded indices. */
  readonly synapseCurrentA: Float64Array
  /** Σ of a position's eight synaptic read currents (A): integration energy bookkeeping. */
  readonly synapseSumA: Float64Array
  /** Threshold of each position (A·tick of integrated current); +∞ outside. */
  readonly thresholdA: Float64Array
  /** Persistent state of each position's threshold (KIND_*). */
  readonly persistentKind: Uint8Array
  /** Visits (departures) in the current trial: the homeostasis rung. */
  readonly visitsThisTrial: Uint16Array
  /** Visits over the whole run (snapshots). */
  readonly visitCount: Uint32Array
  /** Cell kinds of the current layout, padded. */
  private readonly cells: Uint8Array
  private readonly neighbourOffset = new Int32Array(8)
  /** The eight integrators (noisy reads) or the eight targets max(θ, floor) of a segment (exact reads). */
  private readonly integrator = new Float64Array(8)
  private readonly raised: Int32Array
  private raisedCount = 0
  private readonly rewarded: Int32Array
  private rewardedCount = 0
  private readonly rewardStamp: Uint32Array
  private readonly recentPosition: Int32Array
  private readonly recentDirection: Uint8Array
  private path = new Int32Array(1024)
  private pathCount = 0
  private trialNumber = 0
  private penaltyPoints: Float32Array | null = null
  private readonly thresholds: ThresholdProgrammer
  private readonly vReadV: number
  private readonly floorA: number
  private readonly hebbianLevel: ConductanceLevel
  private readonly hebbianEnergyJ: number
  private readonly rewardLevel: ConductanceLevel
  private readonly rewardEnergyJ: number
  private readonly depressLevel: ConductanceLevel
  // The trial in progress (fields, so that `spike` can update them).
  private position = 0
  private moves = 0
  private spikes = 0
  private reached = false
  private recentHead = 0
  private recentCount = 0
  private currentSum = 0

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
    this.memoryElements = params.devicesPerPosition * grid.width * grid.height
    this.architecture =
      `8 integrate-and-fire neurons; ${params.devicesPerPosition} RRAM devices per position × ` +
      `${grid.width * grid.height} positions (${params.thresholdMode} thresholds)`
    for (let d = 0; d < 8; d++) this.neighbourOffset[d] = DIR_DROW[d] * this.stride + DIR_DCOL[d]
    this.synapseCurrentA = new Float64Array(n * 8)
    this.synapseSumA = new Float64Array(n)
    this.thresholdA = new Float64Array(n).fill(Infinity)
    this.persistentKind = new Uint8Array(n)
    this.visitsThisTrial = new Uint16Array(n)
    this.visitCount = new Uint32Array(n)
    this.cells = new Uint8Array(n).fill(CELL_OUTSIDE)
    this.raised = new Int32Array(n)
    this.rewarded = new Int32Array(n)
    this.rewardStamp = new Uint32Array(n)
    this.recentPosition = new Int32Array(params.reward.lastPositions)
    this.recentDirection = new Uint8Array(params.reward.lastPositions)

    const icMaxA = params.programming.iComplianceUA * UA
    this.vReadV = model.preset.vReadV
    const hebbianIcA = Math.min(params.synapse.hebbianIcUA * UA, icMaxA)
    this.hebbianLevel = setLevel(model.preset, hebbianIcA)
    this.hebbianEnergyJ = model.setEnergyJ(hebbianIcA)
    this.rewardLevel = setLevel(model.preset, icMaxA)
    this.rewardEnergyJ = model.setEnergyJ(icMaxA)
    this.depressLevel = resetLevel(model.preset, params.programming.vStopV)
    const initialHrs = resetLevel(model.preset, params.synapse.initialHrsVStopV)
    // θ0: the README's "an LRS synapse fires in about two integration steps", in units of the median LRS read current.
    const theta0A = params.theta0LrsTicks * this.vReadV * model.medianLrsConductanceS(params.synapse.hebbianIcUA * UA)
    // Candidate floor (README §2.2): the integrated current must exceed one tick of an HRS synapse.
    this.floorA = this.vReadV * model.medianHrsConductanceS(params.programming.vStopV)
    // Initialisation is not charged to any trial: it programs into a scratch counter.
    const initCounters = newCounters()
    const initThresholds = new ThresholdProgrammer(model, params, initCounters, theta0A)
    this.thresholds = new ThresholdProgrammer(model, params, this.counters, theta0A)
    this.writeLayout(grid)
    const pLrs = params.synapse.initialLrsProbability
    for (let row = 0; row < this.height; row++) {
      for (let col = 0; col < this.width; col++) {
        const q = (row + 1) * this.stride + col + 1
        this.thresholdA[q] = initThresholds.rest(rng, 0)
        let sum = 0
        for (let d = 0; d < 8; d++) {
          const level = rng.uniform() < pLrs ? this.hebbianLevel : initialHrs
          const g = drawLevelConductanceS(level.medianG, level.sigma, rng)
          this.synapseCurrentA[q * 8 + d] = this.vReadV * g
          sum += this.vReadV * g
        }
        this.synapseSumA[q] = sum
      }
    }
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

  setLayout(grid: Grid): void {
    checkLayoutSize(grid, this.width, this.height)
    this.writeLayout(grid)
  }

  private writeLayout(grid: Grid): void {
    this.penaltyPoints = grid.penalty
    for (let row = 0; row < this.height; row++) {
      const src = row * this.width
      this.cells.set(grid.cells.subarray(src, src + this.width), (row + 1) * this.stride + 1)
    }
  }

  lastPath(): Int32Array {
    const out = new Int32Array(this.pathCount)
    for (let i = 0; i < this.pathCount; i++) out[i] = this.fromPadded(this.path[i])
    return out
  }

  runTrial(options: TrialOptions, outcome: TrialOutcome): void {
    const { maxSteps, recordPath } = options
    if (options.start < 0 || options.start >= this.width * this.height) {
      throw new RangeError(`start cell ${options.start} is outside the ${this.width}×${this.height} grid`)
    }
    this.trialNumber++
    const p = this.toPadded(options.start)
    if (this.cells[p] === CELL_WALL) throw new RangeError(`start cell ${options.start} is a wall`)
    if (recordPath && this.path.length < maxSteps + 1) this.path = new Int32Array(maxSteps + 1)
    this.pathCount = 0
    if (recordPath) this.path[this.pathCount++] = p
    this.position = p
    this.moves = 0
    this.spikes = 0
    this.reached = false
    this.recentHead = 0
    this.recentCount = 0
    this.currentSum = 0

    const noise = this.params.readNoise ? this.model.preset.readNoiseRel : 0
    const steps = noise === 0 ? this.integrateExact(maxSteps, recordPath) : this.integrateNoisy(maxSteps, recordPath, noise)

    if (this.params.homeostasis.clearAtTrialEnd) this.clearHomeostasis()
    const c = this.counters
    c.reads += steps * 8
    c.spikes += this.spikes
    c.integratedReadCurrentA += this.currentSum
    outcome.steps = steps
    outcome.reachedGoal = this.reached
    outcome.pathLength = this.moves
    outcome.finalPosition = this.fromPadded(this.position)
  }

  /**
   * The trial without read noise. Between two spikes nothing a direction integrates changes, so its
   * integrator after n ticks is n·I_d, held as that product (the integral of a constant current, one
   * rounding). Each segment — until a spike, a deadlock escape or the end of the budget — fixes the
   * eight targets max(θ, floor) once, then finds the first tick at which a direction crosses its
   * target: tick by tick when the segment is short (the default deadlock escape bounds it at 6 ticks),
   * else by one division per direction (`crossingTick`) and a jump. Every tick passed counts as an
   * agent time step with its eight reads and read current: the result is the tick-by-tick rule's,
   * tick for tick (the benchmark checks it against a plain loop).
   */
  private integrateExact(maxSteps: number, recordPath: boolean): number {
    const syn = this.synapseCurrentA
    const synSum = this.synapseSumA
    const theta = this.thresholdA
    const off = this.neighbourOffset
    const target = this.integrator
    const rng = this.rng
    const floor = this.floorA
    const deadlockTicks = this.params.deadlock.ticks
    let p = this.position
    let steps = 0
    let ticksHere = 0 // ticks integrated since the last spike: the integrators hold ticksHere·I_d
    let idle = 0
    let currentSum = 0
    while (steps < maxSteps) {
      const base = p * 8
      for (let d = 0; d < 8; d++) {
        const t = theta[p + off[d]]
        target[d] = t > floor ? t : floor
      }
      // Ticks until the deadlock escape or the end of the budget, whichever comes first (included).
      const toDeadlock = deadlockTicks - idle
      const left = maxSteps - steps
      const limit = toDeadlock < left ? toDeadlock : left
      // k: the first tick of this segment (1…limit) at which some direction crosses, or 0.
      let k = 0
      if (limit <= WALK_TICKS) {
        for (let j = 1; j <= limit && k === 0; j++) {
          const m = ticksHere + j
          for (let d = 0; d < 8; d++) {
            if (m * syn[base + d] > target[d]) {
              k = j
              break
            }
          }
        }
      } else {
        let first = Infinity
        for (let d = 0; d < 8; d++) {
          const m = crossingTick(syn[base + d], target[d])
          if (m < first) first = m
        }
        // A deadlock escape may have lowered a target below what is integrated already: next tick.
        if (first <= ticksHere) first = ticksHere + 1
        if (first - ticksHere <= limit) k = first - ticksHere
      }
      if (k === 0) {
        steps += limit
        ticksHere += limit
        currentSum += limit * synSum[p]
        if (limit === toDeadlock) {
          this.escapeDeadlock(p)
          idle = 0
        } else idle += limit
        continue
      }
      steps += k
      currentSum += k * synSum[p]
      const m = ticksHere + k
      let best = -1
      let bestI = -Infinity
      let ties = 0
      for (let d = 0; d < 8; d++) {
        const v = m * syn[base + d]
        if (v > target[d]) {
          if (v > bestI) {
            best = d
            bestI = v
            ties = 1
          } else if (v === bestI) {
            // Random tie-breaking (science README §2.2, our default): reservoir choice among equals.
            ties++
            if (rng.int(ties) === 0) best = d
          }
        }
      }
      ticksHere = 0
      idle = 0
      p = this.spike(p, best, recordPath)
      if (this.reached) break
    }
    this.position = p
    this.currentSum = currentSum
    return steps
  }

  /** The trial with read noise: tick by tick, each read drawn (README §1, ≈1 % relative). */
  private integrateNoisy(maxSteps: number, recordPath: boolean, noise: number): number {
    const syn = this.synapseCurrentA
    const synSum = this.synapseSumA
    const theta = this.thresholdA
    const off = this.neighbourOffset
    const integ = this.integrator
    const rng = this.rng
    const floor = this.floorA
    const deadlockTicks = this.params.deadlock.ticks
    let p = this.position
    let steps = 0
    let idle = 0
    let currentSum = 0
    integ.fill(0)
    while (steps < maxSteps) {
      steps++
      const base = p * 8
      currentSum += synSum[p]
      let best = -1
      let bestI = -Infinity
      let ties = 0
      for (let d = 0; d < 8; d++) {
        const v = integ[d] + syn[base + d] * (1 + noise * rng.normal())
        integ[d] = v
        if (v > theta[p + off[d]] && v > floor) {
          if (v > bestI) {
            best = d
            bestI = v
            ties = 1
          } else if (v === bestI) {
            ties++
            if (rng.int(ties) === 0) best = d
          }
        }
      }
      if (best < 0) {
        if (++idle >= deadlockTicks) {
          this.escapeDeadlock(p)
          idle = 0
        }
        continue
      }
      idle = 0
      integ.fill(0)
      p = this.spike(p, best, recordPath)
      if (this.reached) break
    }
    this.position = p
    this.currentSum = currentSum
    return steps
  }

  /** Neuron `best` fires at p: a wall bump (penalty) or a move with its learning. Returns the new position. */
  private spike(p: number, best: number, recordPath: boolean): number {
    this.spikes++
    const t = p + this.neighbourOffset[best]
    const cell = this.cells[t]
    if (cell === CELL_WALL) {
      this.penalize(t, p, best)
      return p
    }
    // Hebbian potentiation of the synapse that fired (a new LRS draw).
    this.programSynapse(p, best, this.hebbianLevel, this.hebbianEnergyJ)
    // Homeostasis: the position just left becomes harder to re-enter.
    this.raise(p)
    const k = this.recentPosition.length
    const head = this.recentHead
    this.recentPosition[head] = p
    this.recentDirection[head] = best
    this.recentHead = head + 1 === k ? 0 : head + 1
    if (this.recentCount < k) this.recentCount++
    this.moves++
    if (recordPath) this.path[this.pathCount++] = t
    if (cell === CELL_PENALTY && this.terrainPenalty(t)) {
      this.persistentKind[t] = KIND_PENALIZED
      this.thresholdA[t] = this.thresholds.penalty(this.thresholdA[t], this.rng)
    }
    if (cell === CELL_GOAL) {
      this.reached = true
      this.reward(this.recentHead, this.recentCount)
    }
    return t
  }

  /**
   * A SET pulse on synapse (p, d) at a compliance level. A SET never lowers a conductance: on a device
   * already conducting more than the new draw the compliance limits the current and the filament
   * does not shrink (our model choice), so a reward-strengthened synapse survives later Hebbian SETs.
   */
  private programSynapse(p: number, d: number, level: ConductanceLevel, energyJ: number): void {
    const i = p * 8 + d
    const c = this.counters
    c.sets++
    c.programmingEnergyJ += energyJ
    const v = this.vReadV * drawLevelConductanceS(level.medianG, level.sigma, this.rng)
    if (v <= this.synapseCurrentA[i]) return
    this.synapseSumA[p] += v - this.synapseCurrentA[i]
    this.synapseCurrentA[i] = v
  }

  private depressSynapse(p: number, d: number): void {
    const i = p * 8 + d
    const c = this.counters
    const vStop = this.params.programming.vStopV
    c.resets++
    c.programmingEnergyJ += this.model.resetEnergyJ(vStop, this.synapseCurrentA[i] / this.vReadV)
    const v = this.vReadV * drawLevelConductanceS(this.depressLevel.medianG, this.depressLevel.sigma, this.rng)
    this.synapseSumA[p] += v - this.synapseCurrentA[i]
    this.synapseCurrentA[i] = v
  }

  /** A rough terrain cell (penalty points ≥ penalty.terrainPoints) that is not part of a rewarded path. */
  private terrainPenalty(q: number): boolean {
    const pen = this.penaltyPoints
    return pen !== null && this.persistentKind[q] !== KIND_REWARDED && pen[this.fromPadded(q)] >= this.params.penalty.terrainPoints
  }

  private raise(p: number): void {
    const visits = this.visitsThisTrial[p]
    if (visits === 0) this.raised[this.raisedCount++] = p
    this.thresholdA[p] = this.thresholds.homeostasis(visits, this.thresholdA[p], this.rng)
    if (visits < 0xffff) this.visitsThisTrial[p] = visits + 1
    this.visitCount[p]++
  }

  private penalize(wall: number, from: number, d: number): void {
    const wasRewarded = this.persistentKind[wall] === KIND_REWARDED
    this.persistentKind[wall] = KIND_PENALIZED
    this.thresholdA[wall] = this.thresholds.penalty(this.thresholdA[wall], this.rng)
    if (this.params.penalty.depressSynapse) this.depressSynapse(from, d)
    // A remembered path runs into a new wall: the maze changed, so the memory relaxes (README §2.5).
    if (wasRewarded && this.params.forgetting.enabled) this.forget()
  }

  /**
   * Forgetting (README §2.5): every rewarded position relaxes to slightly below θ0. With
   * `forgetting.relaxPenalties` (our default) the penalised positions go back to θ0 as well: the
   * layout changed, so walls learned before may have opened.
   */
  private forget(): void {
    const th = this.thresholds
    const kinds = this.persistentKind
    for (let i = 0; i < this.rewardedCount; i++) {
      const q = this.rewarded[i]
      if (kinds[q] !== KIND_REWARDED) continue
      kinds[q] = KIND_RELAXED
      this.thresholdA[q] = th.relax(this.rng, th.device ? this.thresholdA[q] / th.kappa : 0)
    }
    this.rewardedCount = 0
    if (!this.params.forgetting.relaxPenalties) return
    for (let q = 0; q < kinds.length; q++) {
      if (kinds[q] !== KIND_PENALIZED) continue
      kinds[q] = KIND_REST
      this.thresholdA[q] = th.rest(this.rng, th.device ? this.thresholdA[q] / th.kappa : 0)
    }
  }

  private reward(head: number, count: number): void {
    const k = this.recentPosition.length
    const stamp = this.trialNumber
    const th = this.thresholds
    for (let j = 0; j < count; j++) {
      head = head === 0 ? k - 1 : head - 1
      const q = this.recentPosition[head]
      // Strong potentiation of the synapse that led on along the rewarded path (SET at the highest I_C).
      this.programSynapse(q, this.recentDirection[head], this.rewardLevel, this.rewardEnergyJ)
      if (this.rewardStamp[q] === stamp) continue
      this.rewardStamp[q] = stamp
      if (this.persistentKind[q] !== KIND_REWARDED) this.rewarded[this.rewardedCount++] = q
      this.persistentKind[q] = KIND_REWARDED
      this.thresholdA[q] = th.reward(this.rng, th.device ? this.thresholdA[q] / th.kappa : 0)
      this.visitsThisTrial[q] = 0
    }
  }

  private clearHomeostasis(): void {
    const th = this.thresholds
    for (let i = 0; i < this.raisedCount; i++) {
      const q = this.raised[i]
      if (this.visitsThisTrial[q] === 0) continue
      this.visitsThisTrial[q] = 0
      this.thresholdA[q] = th.restore(this.persistentKind[q], this.thresholdA[q], this.rng)
    }
    this.raisedCount = 0
  }

  /**
   * Deadlock escape (README §2.6): the neighbourhood's thresholds go back to θ0, penalties included,
   * so that a cell penalised in an earlier layout can be tried again (authors' model).
   * `deadlock.keepPenalties` keeps penalised cells as they are (our option).
   */
  private escapeDeadlock(p: number): void {
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
      this.thresholdA[q] = this.thresholds.restore(this.persistentKind[q], this.thresholdA[q], this.rng)
    }
  }

  /** Thresholds as a grid-sized map (× 1/θ0: 1 = rest), for snapshots. */
  thresholdMap(): Float32Array {
    const out = new Float32Array(this.width * this.height)
    const inv = 1 / this.theta0A
    for (let i = 0; i < out.length; i++) out[i] = this.thresholdA[this.toPadded(i)] * inv
    return out
  }

  /** Synaptic conductances (S) of one direction as a grid-sized map, for snapshots. */
  synapseMap(direction: number): Float32Array {
    const out = new Float32Array(this.width * this.height)
    for (let i = 0; i < out.length; i++) out[i] = this.synapseCurrentA[this.toPadded(i) * 8 + direction] / this.vReadV
    return out
  }

  /** Visits per cell over the run, for snapshots. */
  visitMap(): Uint32Array {
    const out = new Uint32Array(this.width * this.height)
    for (let i = 0; i < out.length; i++) out[i] = this.visitCount[this.toPadded(i)]
    return out
  }
}

export { KIND_PENALIZED, KIND_RELAXED, KIND_REST, KIND_REWARDED }
