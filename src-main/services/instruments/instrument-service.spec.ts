import { execFileSync } from 'node:child_process'
import { describe, expect, it, vi } from 'vitest'
import { DEFAULT_PRESET } from '../../../src-core/device/presets'
import { startBoardEmulator } from '../serial/board-emulator'
import { InstrumentService, parseBackend, type InstrumentStatus } from './instrument-service'

const hasSocat = (() => {
  try {
    execFileSync('socat', ['-V'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

describe('InstrumentService', () => {
  it('parses back-end specs and names the field of a bad one', () => {
    expect(parseBackend('simulated')).toEqual({ kind: 'simulated' })
    expect(parseBackend('serial:/dev/ttyUSB0')).toEqual({ kind: 'serial', path: '/dev/ttyUSB0' })
    expect(() => parseBackend('serial:')).toThrow(expect.objectContaining({ code: 'BAD_REQUEST', field: 'backend' }))
    expect(() => parseBackend('usb')).toThrow(/"simulated" or "serial:PATH"/)
  })

  it('starts on the simulated instruments, keeps one die per seed and preset, and enforces the profile limits', async () => {
    const service = new InstrumentService()
    expect(service.status()).toMatchObject({ backend: 'simulated', link: 'ready', heldBy: null })
    // Forming then sweeping acts on the same cell: the same seed and preset give the same die.
    expect(service.instrumentFor(3, DEFAULT_PRESET)).toBe(service.instrumentFor(3, DEFAULT_PRESET))
    expect(service.instrumentFor(4, DEFAULT_PRESET)).not.toBe(service.instrumentFor(3, DEFAULT_PRESET))
    const status = await service.connect({ backend: 'simulated', seed: 4, rows: 4, cols: 4 })
    expect(status).toMatchObject({ backend: 'simulated', link: 'ready' })
    expect(await service.instrument().identify()).toMatchObject({ backend: 'simulated', rows: 4, cols: 4 })
    await expect(service.instrument().set({ row: 0, col: 0, vSetV: 1.5, iComplianceA: 1e-3, pulseWidthS: 1e-6 })).rejects.toMatchObject({ code: 'LIMIT' })
    await service.disconnect()
    expect(service.status()).toMatchObject({ backend: 'simulated', link: 'ready' })
  })

  it('lets one job hold the instrument and refuses a second job or a change of back end meanwhile', async () => {
    const service = new InstrumentService()
    const release = service.claim('I–V session 1')
    expect(service.status()).toMatchObject({ link: 'busy', heldBy: 'I–V session 1' })
    expect(() => service.claim('array job 2')).toThrow(/I–V session 1 is using the instrument/)
    await expect(service.connect({ backend: 'serial:/dev/ttyUSB9' })).rejects.toMatchObject({ code: 'BUSY' })
    release()
    release() // a second release is harmless
    expect(service.status()).toMatchObject({ link: 'ready', heldBy: null })
    service.claim('array job 2')()
  })

  it('fails to connect to a missing port with the path in the reason', async () => {
    const service = new InstrumentService()
    await expect(service.connect({ backend: 'serial:/dev/does-not-exist' })).rejects.toThrow(/\/dev\/does-not-exist is not a serial port/)
    expect(service.status()).toMatchObject({ backend: 'simulated', link: 'ready' })
  })

  it.skipIf(!hasSocat)('lists a named pty link, connects to the emulator over it, and reports link states as events', async () => {
    const emu = await startBoardEmulator({ pty: true, seed: 2, rows: 4, cols: 8, baudRate: 1_000_000, paceToBaud: false })
    const service = new InstrumentService({ namedPorts: [emu.hostPath!] })
    const events: InstrumentStatus[] = []
    service.on('status', (s) => events.push(s))
    try {
      const ports = await service.listPorts()
      const named = ports.find((p) => p.path === emu.hostPath)
      expect(named).toMatchObject({ kind: 'named', target: expect.stringMatching(/^\/dev\/pts\/\d+$/) })
      expect(ports.some((p) => p.path === named!.target && p.kind === 'pty')).toBe(true)

      const status = await service.connect({ backend: `serial:${emu.hostPath}`, baudRate: 1_000_000, heartbeatMs: 200, requestTimeoutMs: 100, retries: 1 })
      expect(status).toMatchObject({ link: 'ready', identity: { backend: 'serial', rows: 4, cols: 8 } })
      // A failed connection to another port leaves the board in use.
      await expect(service.connect({ backend: 'serial:/dev/does-not-exist' })).rejects.toThrow(/does-not-exist/)
      expect(service.status()).toMatchObject({ backend: `serial:${emu.hostPath}`, link: 'ready' })
      await service.instrument().read({ row: 3, col: 7, vReadV: 0.1 })
      expect(events.map((e) => e.link)).toContain('connecting')
      expect(events.map((e) => e.link)).toContain('busy')
      await emu.stop({ abrupt: true })
      // The hang-up is seen at once (port closed) or by the heartbeat within a few hundred ms; a
      // reconnection attempt may report its own failure right after, so look at the first "lost".
      await vi.waitFor(() => expect(events.some((e) => e.link === 'lost')).toBe(true), { timeout: 3000, interval: 20 })
      const lost = events.find((e) => e.link === 'lost')!
      expect(lost.detail).toMatch(/closed|error|stopped answering/)
    } finally {
      await service.disconnect()
      await emu.stop()
    }
  })
})
