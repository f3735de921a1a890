import { describe, expect, it } from 'vitest'
import { DEFAULT_PRESET } from '../../../../src-core/device/presets'
import { InstrumentService } from '../instrument-service'
import { startSmuEmulator } from './emulator'

describe('InstrumentService with an SMU', () => {
  it('makes a connected SMU the instrument of every recipe, and goes back to the simulator with its output off', async () => {
    const emu = await startSmuEmulator({ model: 'keithley-2450', transport: { kind: 'tcp' } })
    const service = new InstrumentService()
    try {
      const status = await service.connectSmu({ model: 'keithley-2450', address: `tcp:${emu.address}` })
      expect(status).toMatchObject({ backend: `smu:keithley-2450:tcp:${emu.address}`, link: 'ready', identity: { backend: 'smu', rows: 1, cols: 1 } })
      expect(service.backendKind).toBe('smu')
      // The profile's limits apply: 2.5 V and 170 µA for the default preset, not the 2450's 210 V.
      expect(service.status().identity!.limits).toMatchObject({ vMaxAbsV: 2.5 })
      expect(service.instrumentFor(1, DEFAULT_PRESET)).toBe(service.smuInstrument())
      await expect(service.instrument().read({ row: 0, col: 0, vReadV: 3 })).rejects.toMatchObject({ code: 'LIMIT', field: 'vReadV' })
      await service.disconnect()
      expect(service.status()).toMatchObject({ backend: 'simulated', link: 'ready' })
      expect(emu.scpi!.outputOn).toBe(false)
      expect(emu.scpi!.log.rst).toBe(0)
    } finally {
      await service.close()
      await emu.stop()
    }
  })

  it('keeps the present back end when the SMU answers *IDN? as another model', async () => {
    const emu = await startSmuEmulator({ model: 'keysight-b2900', transport: { kind: 'tcp' } })
    const service = new InstrumentService()
    try {
      await expect(service.connectSmu({ model: 'keithley-2450', address: `tcp:${emu.address}` })).rejects.toThrow(/^\*IDN\?: expected a Keithley 2450/)
      expect(service.status()).toMatchObject({ backend: 'simulated', link: 'ready' })
      await expect(service.connectSmu({ model: 'keithley-2400', address: 'usb:/dev/x' })).rejects.toMatchObject({ code: 'BAD_REQUEST', field: 'address' })
    } finally {
      await service.close()
      await emu.stop()
    }
  })

  it('a job holding the SMU blocks disconnecting it; quitting (close) switches the output off', async () => {
    const emu = await startSmuEmulator({ model: 'keysight-b2900', transport: { kind: 'tcp' } })
    const service = new InstrumentService()
    try {
      await service.connectSmu({ model: 'keysight-b2900', address: `tcp:${emu.address}`, nplc: 1 })
      const release = service.claim('an I–V session')
      await expect(service.disconnect()).rejects.toMatchObject({ code: 'BUSY' })
      const smu = service.smuInstrument()!
      const run = await smu.sweep({ row: 0, col: 0 }, { vSetMaxV: 2.5, vStopV: -1.6, vStepV: 0.01, iComplianceA: 150e-6, cycles: 5 })
      const it = run[Symbol.asyncIterator]()
      await it.next()
      expect(emu.scpi!.outputOn).toBe(true)
      await service.close()
      expect(emu.scpi!.outputOn).toBe(false)
      expect((await run.outcome).status).toBe('aborted')
      release()
    } finally {
      await emu.stop()
    }
  })
})
