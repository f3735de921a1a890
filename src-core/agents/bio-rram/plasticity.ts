import type { DeviceModel } from '../../device/types'
import type { Grid } from '../../env/grid'
import type { RandomStream } from '../../random'
import type { BioRramParams } from './params'
import { BioRramState, CELL_OUTSIDE } from './state'
import { KIND_PENALIZED as PENALIZED, KIND_RELAXED as RELAXED, KIND_REST as REST, KIND_REWARDED as REWARDED } from './thresholds'

// Module-local aliases of imported bindings used per spike: under CommonJS-style transforms (tsx,
// vite-node) an import is a getter on the module object.
const KIND_REST = REST
const KIND_REWARDED = REWARDED
const KIND_PENALIZED = PENALIZED
const KIND_RELAXED = RELAXED

/**
 * What the network's events do to its devices (science README §2.3–2.6): homeostasis, penalty,
 * forgetting, reward and deadlock escape, over the device state of `BioRramState`. `BioRramNetwork`
 * adds the trial loop that calls them.
 */
export abstract class BioRramPlasticity extends BioRramState {
  /** Scratch of the loop-erased reward: each trace position's last departure direction. */
  private readonly lastDeparture: Uint8Array
  /** Scratch of the shortcut reward: each trace position's place counted from the newest (0 = last left). */
  private readonly traceOrder: Int32Array

  constructor(grid: Grid, params: BioRramParams, model: DeviceModel, rng: RandomStream) {
    super(grid, params, model, rng)
    const n = this.stride * (grid.height + 2)
    this.lastDeparture = new Uint8Array(n)
    this.traceOrder = new Int32Array(n)
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
      const n = Math.min(this.recentCount, this.params.reward.lastPositions)
      for (let j = 0; j < n; j++) {
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
    if (this.params.reward.counts === 'explored') count = this.exploredSpan(head, count)
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

  /** reward.counts 'explored': how far back the ring reaches to hold lastPositions explored positions. */
  private exploredSpan(head: number, count: number): number {
    const k = this.recentPosition.length
    const want = this.params.reward.lastPositions
    let explored = 0
    let j = 0
    while (j < count && explored < want) {
      head = head === 0 ? k - 1 : head - 1
      explored += this.recentExplored[head]
      j++
    }
    return j
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
}
