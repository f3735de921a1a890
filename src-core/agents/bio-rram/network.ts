import { CELL_GOAL as GOAL, CELL_PENALTY as PENALTY, CELL_WALL as WALL, type Grid } from '../../env/grid'
import { checkLayoutSize, type Agent, type TrialOptions, type TrialOutcome } from '../types'
import { crossingTick as crossing, winnerAt as winner } from './crossing'
import { BioRramPlasticity } from './plasticity'
import { KIND_PENALIZED as PENALIZED, KIND_RELAXED, KIND_REST, KIND_REWARDED as REWARDED } from './thresholds'

// Module-local aliases of imported bindings used per tick or spike: under CommonJS-style transforms
// (tsx, vite-node) an import is a getter on the module object.
const CELL_WALL = WALL
const CELL_GOAL = GOAL
const CELL_PENALTY = PENALTY
const KIND_PENALIZED = PENALIZED
const KIND_REWARDED = REWARDED
const crossingTick = crossing
const winnerAt = winner

/** A segment's first ticks are searched one by one, up to this many; the rest by `crossingTick` (a jump). */
const WALK_TICKS = 8

/**
 * The bio-inspired RRAM network of Bianchi et al. 2023 (science README §2): eight integrate-and-fire
 * neurons (one per direction) shared by all positions, over the devices of `BioRramState` and the plasticity of `BioRramPlasticity`.
 */
export class BioRramNetwork extends BioRramPlasticity implements Agent {
  readonly kind = 'bio-rram' as const
  /** The hardware time model (src-core/experiment/hardware-time.ts); `setTiming` replaces it. */
  private tickS = 25e-6
  private spikeS = 5e-6
  private burstTicks = 0.25
  private cutoffS = Infinity
  /** The last trial's hardware time and what it spent before the cut-off (see `lastTiming`). */
  private readonly timing: TrialTiming = { timeS: 0, timedOut: false, windowSpikes: 0, windowChargeTicks: 0 }

  /**
   * The hardware time model: a decision takes its integration time (the winner's continuous crossing
   * time θ/I, in ticks of `tickS`) plus a spike of `spikeS`, except in a burst — a crossing within
   * `burstTicks` of a tick (near-zero threshold) fires without a separate spike time. A trial whose time
   * passes `cutoffS` is a time-out: its measured window ends there (the agent goes on to the goal).
   */
  setTiming(tickS: number, spikeS: number, burstTicks: number, cutoffS: number | null): void {
    this.tickS = tickS
    this.spikeS = spikeS
    this.burstTicks = burstTicks
    this.cutoffS = cutoffS ?? Infinity
  }

  /** Hardware time of the last trial and its measured window (spikes, integrated charge in A·tick up to the cut-off). */
  lastTiming(): Readonly<TrialTiming> {
    return this.timing
  }

  setLayout(grid: Grid): void {
    checkLayoutSize(grid, this.width, this.height)
    this.writeLayout(grid)
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

    // k devices read in parallel, each with its own noise: the sum's relative noise is σ/√k.
    const noise = this.params.readNoise ? this.model.preset.readNoiseRel / Math.sqrt(this.synapseDevices) : 0
    const tm = this.timing
    tm.timeS = 0
    tm.timedOut = false
    const steps =
      noise !== 0 ? this.integrateNoisy(maxSteps, recordPath, noise) : this.params.winner === 'first-crossing' ? this.integrateFirst(maxSteps, recordPath) : this.integrateExact(maxSteps, recordPath)
    if (!tm.timedOut) {
      tm.windowSpikes = this.spikes
      tm.windowChargeTicks = this.currentSum
    }

    if (this.params.homeostasis.clearAtTrialEnd) this.clearHomeostasis()
    const c = this.counters
    c.reads += steps * 8 * this.synapseDevices
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
    // Hardware time (s) and its model's constants.
    const tickS = this.tickS
    const spikeS = this.spikeS
    const burst = this.burstTicks
    const cutoffS = this.cutoffS
    let timeS = 0
    while (steps < maxSteps) {
      const base = p * 8
      // The eight synapses of p share one cache line: their sum (integration energy) costs no miss.
      let synSum = 0
      for (let d = 0; d < 8; d++) {
        target[d] = Math.max(theta[p + off[d]], floor)
        synSum += syn[base + d]
      }
      // Ticks until the deadlock escape or the end of the budget, whichever comes first (included).
      const toDeadlock = deadlockTicks - idle
      const left = maxSteps - steps
      const limit = toDeadlock < left ? toDeadlock : left
      // k: the first tick of this segment (1…limit) at which some direction crosses, or 0; best: the
      // winner at that tick (the largest integral among the crossing directions).
      let k = 0
      let best = -1
      // Tick by tick first (a crossing usually comes within two or three ticks), each tick's eight
      // comparisons also choosing the winner (no second pass); past WALK_TICKS, a jump.
      const walk = limit < WALK_TICKS ? limit : WALK_TICKS
      for (let j = 1; j <= walk; j++) {
        best = winnerAt(ticksHere + j, syn, base, target, rng)
        if (best >= 0) {
          k = j
          break
        }
      }
      if (k === 0 && limit > walk) {
        // No crossing within the walk: the first crossing tick of each direction by one division.
        let first = Infinity
        for (let d = 0; d < 8; d++) {
          const m = crossingTick(syn[base + d], target[d])
          if (m < first) first = m
        }
        // The walk found none up to ticksHere + walk, so first lies beyond (kept as a guard).
        if (first <= ticksHere + walk) first = ticksHere + walk + 1
        if (first - ticksHere <= limit) {
          k = first - ticksHere
          best = winnerAt(first, syn, base, target, rng)
        }
      }
      if (k === 0) {
        steps += limit
        ticksHere += limit
        currentSum += limit * synSum
        timeS += limit * tickS
        if (timeS > cutoffS) this.cutAt(timeS, currentSum)
        if (limit === toDeadlock) {
          this.escapeDeadlock(p)
          idle = 0
        } else idle += limit
        continue
      }
      steps += k
      // The winner's continuous crossing time (ticks since the last spike): within its crossing tick, or
      // at its start when a deadlock escape lowered the thresholds below what was already integrated.
      const lastTick = ticksHere + k - 1
      let cross = target[best] / syn[base + best]
      if (!(cross > lastTick)) cross = lastTick
      // The integrators draw current until the spike: charge in A·tick.
      currentSum += (cross - ticksHere) * synSum
      timeS += (cross - ticksHere) * tickS + (cross < burst ? 0 : spikeS)
      ticksHere = 0
      idle = 0
      p = this.spike(p, best, recordPath)
      if (timeS > cutoffS) this.cutAt(timeS, currentSum)
      if (this.reached) break
    }
    this.position = p
    this.currentSum = currentSum
    this.timing.timeS = timeS
    return steps
  }

  /**
   * The trial without read noise, first-crossing winner: each segment (until a spike, a deadlock escape
   * or the end of the budget) fixes the eight targets max(θ, floor); the direction with the smallest
   * continuous crossing time θ/I fires (ties at random), on the tick its integral m·I first exceeds its
   * target. Time, charge and the cut-off as in `integrateExact`.
   */
  private integrateFirst(maxSteps: number, recordPath: boolean): number {
    const syn = this.synapseCurrentA
    const theta = this.thresholdA
    const off = this.neighbourOffset
    const rng = this.rng
    const floor = this.floorA
    const deadlockTicks = this.params.deadlock.ticks
    const tickS = this.tickS
    const spikeS = this.spikeS
    const burst = this.burstTicks
    const cutoffS = this.cutoffS
    let p = this.position
    let steps = 0
    let ticksHere = 0
    let idle = 0
    let currentSum = 0
    let timeS = 0
    while (steps < maxSteps) {
      const base = p * 8
      let synSum = 0
      let best = -1
      let bestC = Infinity
      let bestT = 0
      let ties = 0
      for (let d = 0; d < 8; d++) {
        const s = syn[base + d]
        synSum += s
        const th = theta[p + off[d]]
        const t = th > floor ? th : floor
        if (!(s > 0)) continue
        const c = t / s
        if (c < bestC) {
          best = d
          bestC = c
          bestT = t
          ties = 1
        } else if (c === bestC) {
          ties++
          if (rng.int(ties) === 0) {
            best = d
            bestT = t
          }
        }
      }
      const toDeadlock = deadlockTicks - idle
      const left = maxSteps - steps
      const limit = toDeadlock < left ? toDeadlock : left
      let k = 0
      if (best >= 0) {
        const m = crossingTick(syn[base + best], bestT)
        k = m - ticksHere
        if (k < 1) k = 1
        if (k > limit) k = 0
      }
      if (k === 0) {
        steps += limit
        ticksHere += limit
        currentSum += limit * synSum
        timeS += limit * tickS
        if (timeS > cutoffS) this.cutAt(timeS, currentSum)
        if (limit === toDeadlock) {
          this.escapeDeadlock(p)
          idle = 0
        } else idle += limit
        continue
      }
      steps += k
      const lastTick = ticksHere + k - 1
      const cross = bestC > lastTick ? bestC : lastTick
      currentSum += (cross - ticksHere) * synSum
      timeS += (cross - ticksHere) * tickS + (cross < burst ? 0 : spikeS)
      ticksHere = 0
      idle = 0
      p = this.spike(p, best, recordPath)
      if (timeS > cutoffS) this.cutAt(timeS, currentSum)
      if (this.reached) break
    }
    this.position = p
    this.currentSum = currentSum
    this.timing.timeS = timeS
    return steps
  }

  /** The trial passed its cut-off: keep the measured window (first call of the trial only). */
  private cutAt(timeS: number, chargeTicks: number): void {
    const tm = this.timing
    if (tm.timedOut) return
    tm.timedOut = true
    tm.windowSpikes = this.spikes
    // Charge up to the decision that passed the cut-off (within one decision of it).
    tm.windowChargeTicks = chargeTicks
    tm.timeS = timeS
  }

  /** The trial with read noise: tick by tick, each read drawn (README §1, ≈1 % relative). */
  private integrateNoisy(maxSteps: number, recordPath: boolean, noise: number): number {
    const syn = this.synapseCurrentA
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
    let ticksHere = 0
    let timeS = 0
    integ.fill(0)
    while (steps < maxSteps) {
      steps++
      ticksHere++
      const base = p * 8
      let best = -1
      let bestI = -Infinity
      let ties = 0
      for (let d = 0; d < 8; d++) {
        const s = syn[base + d]
        currentSum += s
        const v = integ[d] + s * (1 + noise * rng.normal())
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
      // With read noise the integrators are not linear in time: a decision takes its whole ticks.
      timeS += ticksHere * this.tickS + this.spikeS
      ticksHere = 0
      p = this.spike(p, best, recordPath)
      if (timeS > this.cutoffS) this.cutAt(timeS, currentSum)
      if (this.reached) break
    }
    timeS += ticksHere * this.tickS
    if (timeS > this.cutoffS) this.cutAt(timeS, currentSum)
    this.position = p
    this.currentSum = currentSum
    this.timing.timeS = timeS
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
    this.recentExplored[head] = this.persistentKind[p] === KIND_REWARDED ? 0 : 1
    this.recentHead = head + 1 === k ? 0 : head + 1
    if (this.recentCount < k) this.recentCount++
    this.moves++
    if (recordPath) this.path[this.pathCount++] = t
    if (cell === CELL_PENALTY) this.enterRough(t)
    if (cell === CELL_GOAL) {
      this.reached = true
      this.reward(this.recentHead, this.recentCount, t)
    }
    return t
  }

  /** Arrival on a rough terrain cell: penalised unless part of a rewarded path (kept out of `spike`'s hot path). */
  private enterRough(t: number): void {
    if (!this.terrainPenalty(t)) return
    this.persistentKind[t] = KIND_PENALIZED
    this.thresholds.penaltyAt(this.thresholdA, t, this.rng)
  }
}

/** Hardware time of a trial (`BioRramNetwork.lastTiming`). */
export interface TrialTiming {
  /** Hardware time of the whole trial, s. */
  timeS: number
  /** The trial passed its cut-off (a time-out: no reward within the cut-off). */
  timedOut: boolean
  /** Spikes and integrated charge (A·tick) within the measured window (the whole trial unless timed out). */
  windowSpikes: number
  windowChargeTicks: number
}

export { KIND_PENALIZED, KIND_RELAXED, KIND_REST, KIND_REWARDED }
