/**
 * A deliberately plain loop of the bio-RRAM network's DEFAULT rule (docs/agents.md), for the bench
 * (`bio-rram.bench.ts`): one function, typed arrays, no classes, tick by tick. It must end every case with
 * the network's exact tick count and last position — same rule, same random draws in the same order — so
 * the bench's speed ratio compares equal work. The rule: first-crossing winner (the direction with the
 * smallest target/I fires on the first tick its integral passes its target; ties at random when a segment
 * starts), Hebbian SETs that never weaken, a 3-rung homeostasis ladder, stepped penalties, a gradual
 * reward of the loop-erased, corner-cut trace (K positions, or K explored ones with `reward.counts`) and of
 * the goal, trace forgetting (penalties persist), and
 * the deadlock escape. Device-to-device spread and read noise are off (the default preset has none).
 */
import { drawLevelConductanceS as drawLevel, expNear0 as exp0, resetLevel, setLevel, type ConductanceLevel } from '../../device/model'
import type { DeviceModel } from '../../device/types'
import { CELL_GOAL, CELL_WALL, DIR_DCOL, DIR_DROW, type Grid } from '../../env/grid'
import type { RandomStream } from '../../random'
import type { BioRramParams } from './params'
import { capLrsSpread, stopVoltageForConductance } from './thresholds'

// Module-local aliases (under tsx an imported binding is a getter on the module object).
const drawLevelConductanceS = drawLevel
const expNear0 = exp0
const WALL = CELL_WALL
const GOAL = CELL_GOAL

export interface ReferenceWork {
  ticks: number
  /** Grid index of the last trial's final position. */
  lastPosition: number
}

/** Unsupported options of the default rule's family, refused rather than silently ignored. */
function checkSupported(p: BioRramParams, m: DeviceModel): void {
  const ok =
    p.thresholdMode === 'device' &&
    p.winner === 'first-crossing' &&
    !p.readNoise &&
    (p.synapse.setNeverWeakens ?? true) &&
    p.penalty.stepped &&
    !p.penalty.depressSynapse &&
    p.reward.gradual &&
    p.reward.loopErased &&
    p.reward.includeGoal &&
    p.homeostasis.clearAtTrialEnd &&
    p.forgetting.scope === 'trace' &&
    p.forgetting.relaxPenalties === false &&
    !p.forgetting.keepRise &&
    !p.forgetting.relaxSynapses &&
    !p.deadlock.keepPenalties &&
    m.preset.d2dSigma === 0
  if (!ok) throw new RangeError('reference loop: only the default rule (see reference-loop.ts) is implemented')
}

/** `trials` trials from `start` with a `budget` of ticks each, on a grid without terrain penalties. */
export function runReferenceDefault(
  grid: Grid,
  start: number,
  trials: number,
  budget: number,
  rng: RandomStream,
  m: DeviceModel,
  p: BioRramParams,
  /** Called once the devices are initialised, before the first trial (a bench starts its clock here). */
  onReady?: () => void,
  /** A dynamic layout: the grid of each trial (same size), as the network's `setLayout` between trials. */
  layoutAt?: (trial: number) => Grid
): ReferenceWork {
  checkSupported(p, m)
  const UA = 1e-6
  const pre = m.preset
  const W = grid.width + 2
  const n = W * (grid.height + 2)
  const k = p.devicesPerPosition / 8
  const K = p.reward.lastPositions
  const vRead = pre.vReadV
  const icMax = p.programming.iComplianceUA * UA
  const theta0 = p.theta0LrsTicks * k * vRead * m.medianLrsConductanceS(p.synapse.hebbianIcUA * UA)
  const floor = vRead * m.medianHrsConductanceS(p.programming.vStopV)
  const gRest = m.medianHrsConductanceS(p.homeostasis.restVStopV)
  const kappa = theta0 / gRest
  const capped = (l: ConductanceLevel) => capLrsSpread(pre, l)
  const restL = resetLevel(pre, p.homeostasis.restVStopV)
  const relaxL = resetLevel(pre, stopVoltageForConductance(m, p.forgetting.relaxFactor * gRest, p.homeostasis.restVStopV))
  const rewardHrsL = resetLevel(pre, p.programming.vStopV)
  const rewardStep = Math.min(1, m.medianHrsConductanceS(p.programming.vStopV) / gRest)
  const hebbL = capped(setLevel(pre, Math.min(p.synapse.hebbianIcUA * UA, icMax)))
  const topL = setLevel(pre, icMax)
  const initHrsL = resetLevel(pre, p.synapse.initialHrsVStopV)
  const penaltyL = capped(setLevel(pre, Math.min(p.penalty.iComplianceUA * UA, icMax)))
  const penaltyStep = Math.max(1, penaltyL.medianG / gRest)
  const penaltyTopG = Math.max(penaltyL.medianG, m.medianLrsConductanceS(icMax))
  const ladder = p.homeostasis.icLadderUA.map((u) => capped(setLevel(pre, Math.min(u * UA, icMax))))
  const minTheta = 1e-9 * theta0
  const deadlockTicks = p.deadlock.ticks

  const syn = new Float64Array(n * 8)
  const theta = new Float64Array(n).fill(Infinity)
  const persistent = new Float64Array(n)
  const kind = new Uint8Array(n) // 0 rest, 1 rewarded, 2 penalised, 3 relaxed
  const visits = new Uint16Array(n)
  const seen = new Uint32Array(n) // reward stamps and the loop-erased reward's marks
  const lastDir = new Uint8Array(n)
  const order = new Int32Array(n)
  let raised = new Int32Array(n)
  const cells = new Uint8Array(n).fill(255)
  const off = new Int32Array(8)
  // reward.counts 'explored': K counts the positions left while not remembered; the ring also holds the bursts between them.
  const explored = p.reward.counts === 'explored'
  const R = explored ? 8 * K + 256 : K
  const recentP = new Int32Array(R)
  const recentD = new Uint8Array(R)
  const recentE = new Uint8Array(R)
  for (let d = 0; d < 8; d++) off[d] = DIR_DROW[d] * W + DIR_DCOL[d]
  for (let r = 0; r < grid.height; r++) for (let c = 0; c < grid.width; c++) cells[(r + 1) * W + c + 1] = grid.cells[r * grid.width + c]
  const drawSyn = (i: number, L: ConductanceLevel) => {
    let g = 0
    for (let j = 0; j < k; j++) g += vRead * drawLevelConductanceS(L.medianG, L.sigma, rng)
    syn[i] = g
  }
  const setSyn = (i: number, L: ConductanceLevel) => {
    const before = syn[i]
    drawSyn(i, L)
    if (before > syn[i]) syn[i] = before
  }
  const rest = (q: number) => {
    theta[q] = kappa * drawLevelConductanceS(restL.medianG, restL.sigma, rng)
    persistent[q] = theta[q]
  }
  const relax = (q: number) => {
    theta[q] = kappa * drawLevelConductanceS(relaxL.medianG, relaxL.sigma, rng)
    persistent[q] = theta[q]
  }
  const penalty = (q: number) => {
    const z = expNear0(-penaltyL.sigma * rng.fastNormal())
    let v = kappa * (penaltyL.medianG * z)
    const stepped = persistent[q] * penaltyStep * z
    const top = kappa * penaltyTopG
    v = Math.max(v, stepped < top ? stepped : top)
    theta[q] = Math.max(theta[q], v)
    persistent[q] = theta[q]
  }
  const reward = (q: number) => {
    const drawn = rewardStep * expNear0(-rewardHrsL.sigma * rng.fastNormal())
    theta[q] = Math.max(minTheta, persistent[q] * (drawn < 1 ? drawn : 1))
    persistent[q] = theta[q]
  }
  const restore = (q: number) => {
    const kq = kind[q]
    if (kq === 1) theta[q] = persistent[q]
    else if (kq === 2) penalty(q)
    else if (kq === 3) relax(q)
    else rest(q)
  }
  for (let r = 0; r < grid.height; r++) {
    for (let c = 0; c < grid.width; c++) {
      const q = (r + 1) * W + c + 1
      rest(q)
      for (let d = 0; d < 8; d++) drawSyn(q * 8 + d, rng.uniform() < p.synapse.initialLrsProbability ? hebbL : initHrsL)
    }
  }

  onReady?.()
  let ticks = 0
  let pos = 0
  let layout = grid
  for (let trial = 1; trial <= trials; trial++) {
    const next = layoutAt?.(trial)
    if (next && next !== layout) {
      layout = next
      for (let r = 0; r < grid.height; r++) for (let c = 0; c < grid.width; c++) cells[(r + 1) * W + c + 1] = next.cells[r * grid.width + c]
    }
    pos = (Math.floor(start / grid.width) + 1) * W + (start % grid.width) + 1
    let raisedN = 0
    let head = 0
    let count = 0
    let idle = 0
    let integrated = 0 // ticks since the last spike: each integrator holds integrated·I_d
    let steps = 0
    let best = -1 // the segment's winner (the smallest target/I), chosen when the segment starts
    let target = 0
    let newSegment = true
    while (steps < budget) {
      const base = pos * 8
      if (newSegment) {
        newSegment = false
        best = -1
        let bestC = Infinity
        let ties = 0
        for (let d = 0; d < 8; d++) {
          const s = syn[base + d]
          const th = theta[pos + off[d]]
          const t = th > floor ? th : floor
          if (!(s > 0)) continue
          const c = t / s
          if (c < bestC) {
            best = d
            bestC = c
            target = t
            ties = 1
          } else if (c === bestC) {
            ties++
            if (rng.int(ties) === 0) {
              best = d
              target = t
            }
          }
        }
      }
      steps++
      integrated++
      if (!(best >= 0 && integrated * syn[base + best] > target)) {
        if (++idle >= deadlockTicks) {
          // Deadlock escape: the neighbours back to their persistent state, penalties to rest.
          for (let d = 0; d < 8; d++) {
            const q = pos + off[d]
            if (cells[q] === 255) continue
            if (kind[q] === 2) kind[q] = 0
            else if (visits[q] === 0) continue
            visits[q] = 0
            restore(q)
          }
          idle = 0
          newSegment = true
        }
        continue
      }
      idle = 0
      integrated = 0
      newSegment = true
      const t = pos + off[best]
      if (cells[t] === WALL) {
        const wasRewarded = kind[t] === 1
        kind[t] = 2
        penalty(t)
        if (wasRewarded || kind[pos] === 1) {
          // Forgetting: the rewarded positions of the trace relax (0.8·θ0).
          let h = head
          for (let j = 0; j < Math.min(count, K); j++) {
            h = h === 0 ? R - 1 : h - 1
            const q = recentP[h]
            if (kind[q] !== 1) continue
            kind[q] = 3
            relax(q)
            visits[q] = 0
          }
        }
        continue
      }
      setSyn(base + best, hebbL)
      const v = visits[pos]
      if (v === 0) {
        if (raisedN === raised.length) {
          const grown = new Int32Array(raised.length * 2)
          grown.set(raised)
          raised = grown
        }
        raised[raisedN++] = pos
      }
      const L = ladder[Math.min(v, ladder.length - 1)]
      theta[pos] = Math.max(theta[pos], kappa * drawLevelConductanceS(L.medianG, L.sigma, rng))
      if (v < 0xffff) visits[pos] = v + 1
      recentP[head] = pos
      recentD[head] = best
      recentE[head] = kind[pos] === 1 ? 0 : 1
      head = head + 1 === R ? 0 : head + 1
      if (count < R) count++
      pos = t
      if (cells[t] === GOAL) {
        if (seen[t] !== trial) {
          seen[t] = trial
          kind[t] = 1
          reward(t)
          visits[t] = 0
        }
        // The trace reaches back K positions, or (explored) as far as K positions left while not remembered.
        let span = count
        if (explored) {
          let e = 0
          let h = head
          span = 0
          while (span < count && e < K) {
            h = h === 0 ? R - 1 : h - 1
            e += recentE[h]
            span++
          }
        }
        // The loop-erased, corner-cut path of the trace: newest first, a position's first mark is its last departure.
        const mark = trial + 0x80000000
        let h = head
        let oldest = -1
        for (let j = 0; j < span; j++) {
          h = h === 0 ? R - 1 : h - 1
          const q = recentP[h]
          if (seen[q] !== mark) {
            seen[q] = mark
            lastDir[q] = recentD[h]
            order[q] = j
          }
          oldest = q
        }
        let q = oldest
        for (let j = 0; j < span && q !== t && seen[q] === mark; j++) {
          let d = lastDir[q]
          if (p.reward.shortcut) {
            let near = order[q]
            for (let e = 0; e < 8; e++) {
              const r = q + off[e]
              if (r === t) {
                d = e
                break
              }
              if (seen[r] === mark && order[r] < near) {
                near = order[r]
                d = e
              }
            }
          }
          setSyn(q * 8 + d, topL)
          seen[q] = trial
          kind[q] = 1
          reward(q)
          visits[q] = 0
          q = q + off[d]
        }
        h = head
        for (let j = 0; j < span; j++) {
          h = h === 0 ? R - 1 : h - 1
          if (seen[recentP[h]] === mark) seen[recentP[h]] = 0
        }
        break
      }
    }
    for (let i = 0; i < raisedN; i++) {
      const q = raised[i]
      if (visits[q] === 0) continue
      visits[q] = 0
      restore(q)
    }
    ticks += steps
  }
  const r = Math.floor(pos / W) - 1
  return { ticks, lastPosition: r * grid.width + (pos % W) - 1 }
}
