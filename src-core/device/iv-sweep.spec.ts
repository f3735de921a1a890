import { describe, expect, it } from 'vitest'
import { RandomStream } from '../random'
import { createDeviceModel } from './model'
import { DEFAULT_PRESET } from './presets'
import { BRANCH_NAMES, BRANCH_RESET_DOWN, BRANCH_RESET_UP, BRANCH_SET_DOWN, BRANCH_SET_UP, simulateSweep, sweepPointsPerCycle, type SweepSpec } from './iv-sweep'

const model = createDeviceModel(DEFAULT_PRESET)
// Bianchi 2023 DC sweep: 0 → +2.5 V → 0 → −1.6 V → 0.
const spec: SweepSpec = { vMaxV: 2.5, vStopV: -1.6, stepV: 0.01, iComplianceA: 100e-6, cycles: 20 }

describe('quasi-static I–V double sweep', () => {
  const t = simulateSweep(model, spec, RandomStream.fromSeed(1))

  it('has the shape 0 → +V_max → 0 → V_STOP → 0 with labelled branches in order', () => {
    expect(t.pointsPerCycle).toBe(sweepPointsPerCycle(spec))
    expect(t.v.length).toBe(t.pointsPerCycle * spec.cycles)
    const c0 = Array.from(t.v.subarray(0, t.pointsPerCycle))
    expect(c0[0]).toBe(0)
    expect(Math.max(...c0)).toBeCloseTo(2.5, 12)
    expect(Math.min(...c0)).toBeCloseTo(-1.6, 12)
    expect(c0[c0.length - 1]).toBeCloseTo(0, 12)
    const order = [] as number[]
    for (let k = 0; k < t.pointsPerCycle; k++) if (order[order.length - 1] !== t.branch[k]) order.push(t.branch[k])
    expect(order.map((b) => BRANCH_NAMES[b])).toEqual(['set-up', 'set-down', 'reset-down', 'reset-up'])
    expect(t.cycle[t.v.length - 1]).toBe(spec.cycles - 1)
  })

  it('no point of the SET half exceeds the compliance I_C', () => {
    let maxSetCurrent = -Infinity
    for (let k = 0; k < t.v.length; k++) {
      if (t.branch[k] === BRANCH_SET_UP || t.branch[k] === BRANCH_SET_DOWN) maxSetCurrent = Math.max(maxSetCurrent, t.i[k])
    }
    expect(maxSetCurrent).toBeLessThanOrEqual(spec.iComplianceA)
  })

  it('flags compliance exactly at the clamped points, and only on the SET half', () => {
    let flagged = 0
    let flagMismatch = 0
    let badFlagged = 0
    for (let k = 0; k < t.v.length; k++) {
      if ((t.compliance[k] === 1) !== (t.i[k] === spec.iComplianceA)) flagMismatch++
      if (t.compliance[k]) {
        flagged++
        // A clamped point lies on the SET half, where the unclamped LRS current reaches I_C (noise aside).
        if (!(t.v[k] > 0 && t.v[k] / t.truth.rLrsOhm[t.cycle[k]] > spec.iComplianceA * 0.95)) badFlagged++
      }
    }
    expect(flagMismatch).toBe(0)
    expect(badFlagged).toBe(0)
    expect(flagged).toBeGreaterThan(spec.cycles * 50)
  })

  it('SETs at the drawn V_set: HRS current below it, compliance from it', () => {
    let violations = 0
    for (let c = 0; c < spec.cycles; c++) {
      const s = c * t.pointsPerCycle
      for (let k = s; t.branch[k] === BRANCH_SET_UP; k++) {
        const ok = t.v[k] < t.truth.vSetV[c] - 1e-9 ? t.i[k] < 0.3 * spec.iComplianceA : t.compliance[k] === 1
        if (!ok) violations++
      }
    }
    expect(violations).toBe(0)
  })

  it('RESET current peaks near the drawn V_reset, then collapses to the HRS at V_STOP', () => {
    for (let c = 0; c < spec.cycles; c++) {
      let kPeak = -1
      let kEnd = -1
      for (let k = c * t.pointsPerCycle; k < (c + 1) * t.pointsPerCycle; k++) {
        if (t.branch[k] !== BRANCH_RESET_DOWN) continue
        if (kPeak < 0 || t.i[k] < t.i[kPeak]) kPeak = k
        kEnd = k
      }
      // The peak sits at V_reset within noise (1 % noise, ~1 % current change per step there).
      expect(Math.abs(t.v[kPeak] - t.truth.vResetV[c])).toBeLessThanOrEqual(3 * spec.stepV + 1e-9)
      expect(-t.i[kPeak]).toBeGreaterThan(5 * -t.i[kEnd])
      expect(t.v[kEnd]).toBeCloseTo(spec.vStopV, 12)
      expect(t.v[kEnd] / t.i[kEnd] / t.truth.rHrsOhm[c]).toBeCloseTo(1, 1)
    }
  })

  it('the next cycle starts from the HRS the previous RESET left', () => {
    const c = 3
    const s = c * t.pointsPerCycle
    const k = s + 30 // +0.3 V on set-up, well below V_set
    expect(t.v[k] / t.i[k] / t.truth.rHrsOhm[c - 1]).toBeCloseTo(1, 1)
    let kUp = -1
    for (let j = s; j < s + t.pointsPerCycle; j++) if (t.branch[j] === BRANCH_RESET_UP && Math.abs(t.v[j] + 0.3) < 1e-9) kUp = j
    expect(t.v[kUp] / t.i[kUp] / t.truth.rHrsOhm[c]).toBeCloseTo(1, 1)
  })

  it('is reproducible from the seed', () => {
    const same = (a: Float64Array, b: Float64Array) => Buffer.from(a.buffer).equals(Buffer.from(b.buffer))
    const again = simulateSweep(model, spec, RandomStream.fromSeed(1))
    expect(same(again.i, t.i)).toBe(true)
    expect(same(again.v, t.v)).toBe(true)
    const other = simulateSweep(model, spec, RandomStream.fromSeed(2))
    expect(same(other.i, t.i)).toBe(false)
  })

  it('short trace snapshot (guards reproducibility across code changes)', () => {
    const s = simulateSweep(model, { vMaxV: 1.5, vStopV: -1.2, stepV: 0.25, iComplianceA: 80e-6, cycles: 2 }, RandomStream.fromSeed(2023))
    const rows = Array.from(s.v, (v, k) => `${BRANCH_NAMES[s.branch[k]]} c${s.cycle[k]} ${v.toFixed(3)} V ${s.i[k].toPrecision(8)} A${s.compliance[k] ? ' CC' : ''}`)
    expect(rows).toMatchSnapshot()
  })

  it('refuses bad specs naming the field', () => {
    expect(() => simulateSweep(model, { ...spec, vStopV: 0.5 }, RandomStream.fromSeed(1))).toThrow(/vStopV must be a negative voltage/)
    expect(() => simulateSweep(model, { ...spec, cycles: 0 }, RandomStream.fromSeed(1))).toThrow(/cycles must be a positive integer/)
    expect(() => simulateSweep(model, { ...spec, stepV: 0 }, RandomStream.fromSeed(1))).toThrow(/stepV/)
  })

  it('labels every point with one of the four branches', () => {
    const labels = new Set(t.branch)
    expect([...labels].sort()).toEqual([BRANCH_SET_UP, BRANCH_SET_DOWN, BRANCH_RESET_DOWN, BRANCH_RESET_UP].sort())
  })
})
