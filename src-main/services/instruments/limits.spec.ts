import { describe, expect, it } from 'vitest'
import { DEFAULT_PRESET } from '../../../src-core/device/presets'
import { LimitGuard, limitsFromProfile, stricterLimits } from './limits'

describe('limits', () => {
  const board = { vMaxAbsV: 3, iComplianceMaxA: 120e-6, pulseWidthMinS: 50e-9, pulseWidthMaxS: 1e-3 }
  const profile = { vMaxAbsV: 2.5, iComplianceMaxA: 200e-6, pulseWidthMinS: 10e-9, pulseWidthMaxS: 1 }

  it('takes the stricter of board and profile for every limit, whichever side it comes from', () => {
    const both = stricterLimits(board, profile)
    expect(both).toEqual({ vMaxAbsV: 2.5, iComplianceMaxA: 120e-6, pulseWidthMinS: 50e-9, pulseWidthMaxS: 1e-3 })
    expect(stricterLimits(profile, board)).toEqual(both)
  })

  it('admits the nominal value of a limit although it was fitted (170 µA stored as 1.6999…e-4 A), and refuses just beyond', () => {
    const guard = new LimitGuard(limitsFromProfile(DEFAULT_PRESET), 4, 4)
    expect(DEFAULT_PRESET.iComplianceMaxA).toBeLessThan(170e-6) // the fitted value is a hair below 170 µA
    expect(() => guard.checkSet({ row: 0, col: 0, vSetV: 1, iComplianceA: 170e-6, pulseWidthS: 1e-6 })).not.toThrow()
    expect(() => guard.checkSet({ row: 0, col: 0, vSetV: 1, iComplianceA: 170.01e-6, pulseWidthS: 1e-6 })).toThrow(/compliance limit/)
    expect(() => guard.checkSet({ row: 0, col: 0, vSetV: DEFAULT_PRESET.vMaxAbsV, iComplianceA: 1e-4, pulseWidthS: 1e-6 })).not.toThrow()
    expect(() => guard.checkSet({ row: 0, col: 0, vSetV: DEFAULT_PRESET.vMaxAbsV + 1e-3, iComplianceA: 1e-4, pulseWidthS: 1e-6 })).toThrow(/vSetV/)
  })

  it('refuses a request beyond the stricter limit even when one side would allow it', () => {
    const guard = new LimitGuard(stricterLimits(board, profile), 4, 4)
    // 150 µA is inside the profile's 200 µA but beyond the board's 120 µA.
    expect(() => guard.checkSet({ row: 0, col: 0, vSetV: 1, iComplianceA: 150e-6, pulseWidthS: 1e-6 })).toThrow(/compliance limit 120.0 µA/)
    // 2.8 V is inside the board's 3 V but beyond the profile's 2.5 V.
    expect(() => guard.checkSweep({ row: 0, col: 0 }, { vSetMaxV: 2.8, vStopV: -1, vStepV: 0.1, iComplianceA: 1e-4, cycles: 1 })).toThrow(/vSetMaxV/)
    expect(() => guard.checkReset({ row: 0, col: 0, vStopV: -1.2, pulseWidthS: 20e-9 })).toThrow(/pulseWidthS/)
    expect(() => guard.checkSet({ row: 0, col: 0, vSetV: 1, iComplianceA: 100e-6, pulseWidthS: 1e-6 })).not.toThrow()
  })

  it('bounds a program-and-verify by the top of its ladder, not its first pulse', () => {
    const guard = new LimitGuard(board, 4, 4)
    const req = {
      row: 1,
      col: 1,
      targetGS: 1e-4,
      toleranceRel: 0.1,
      maxPulses: 20,
      vReadV: 0.1,
      vSetV: 1.5,
      iComplianceStartA: 50e-6,
      iComplianceStepA: 10e-6,
      iComplianceMaxA: 160e-6,
      vStopStartV: -1,
      vStopStepV: 0.1,
      vStopMinV: -1.6,
      pulseWidthS: 1e-6
    }
    expect(() => guard.checkProgramVerify(req)).toThrow(/iComplianceMaxA/)
    expect(() => guard.checkProgramVerify({ ...req, iComplianceMaxA: 120e-6 })).not.toThrow()
  })

  it('names the field of a malformed block read', () => {
    const guard = new LimitGuard(board, 4, 4)
    expect(() => guard.checkBlock({ row: 2, col: 0, rows: 3, cols: 1 }, 0.1)).toThrow(/row 4 is outside/)
    expect(() => guard.checkRead({ row: 0, col: 0, vReadV: Number.NaN })).toThrow(/vReadV must be a finite number/)
  })
})
