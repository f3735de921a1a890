import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DEFAULT_PRESET } from '../../../src-core/device'
import { EventBus } from '../event-bus'
import { startBoardEmulator, type BoardEmulator } from '../serial/board-emulator'
import { LabStore } from '../store'
import { tempDir } from '../store/test-helpers'
import { InstrumentService } from '../instruments/instrument-service'
import { ArraysService } from './arrays-service'

function service() {
  const store = LabStore.open(':memory:', '0.1.0')
  const events = new EventBus()
  const instruments = new InstrumentService()
  return { store, events, instruments, arrays: new ArraysService({ store, events, instruments, preset: () => DEFAULT_PRESET }) }
}

const f32 = (b64: string) => Array.from(new Float32Array(Uint8Array.from(Buffer.from(b64, 'base64')).buffer))

describe('ArraysService', () => {
  it('programs a checkerboard as a stored run with its log, maps, yield and histograms per level', async () => {
    const { arrays, store, events } = service()
    const progress: number[] = []
    events.on('arrays.progress', (p) => progress.push(p.cellsDone))
    const a = arrays.create({ name: 'die', rows: 70, cols: 70, seed: 3, initialState: 'hrs' })
    const { runId } = arrays.program({ arrayId: a.id, algorithm: 'gate-ramp', target: { kind: 'checkerboard' } })
    await arrays.settled(runId)
    expect(store.runs.get(runId)).toMatchObject({ kind: 'array', status: 'done', seed: 3 })
    expect(progress.at(-1)).toBe(4900)
    expect(progress.length).toBeGreaterThan(2) // reported slice by slice
    const r = arrays.result(runId)
    expect(r.summary.cells).toBe(4900)
    expect(r.summary.yield).toBeCloseTo(r.summary.converged / 4900, 12)
    expect(r.histograms).toHaveLength(2)
    expect(r.histograms[0].cells + r.histograms[1].cells).toBe(4900)
    expect(r.histograms[1].medianS).toBeGreaterThan(r.histograms[0].medianS * 5) // LRS well above HRS
    const log = arrays.cellLog(runId, 0, 0)
    const pulses = log.filter((e) => e.kind !== 'read').length
    expect(pulses).toBe(new Uint32Array(Uint8Array.from(Buffer.from(arrays.map(runId, 'pulses').base64, 'base64')).buffer)[0])
    expect(log.at(-1)?.kind).toBe('read') // every cell ends with its verify read
  })

  it('names the line and column of a bad CSV target and refuses a multilevel target for binary programming', () => {
    const { arrays } = service()
    const a = arrays.create({ name: 'die', rows: 8, cols: 8, seed: 1 })
    expect(() => arrays.program({ arrayId: a.id, algorithm: 'gate-ramp', target: { kind: 'csv', text: '1,2\n3,oops\n' } })).toThrow('line 2, column 2')
    expect(() => arrays.program({ arrayId: a.id, algorithm: 'binary', target: { kind: 'gradient' } })).toThrow(/2 levels/)
    expect(() => arrays.program({ arrayId: a.id, algorithm: 'gate-ramp', target: { kind: 'csv', text: Array(9).fill('1,2').join('\n') } })).toThrow(/larger than the 8×8 array/)
  })

  it('a programmed simulated die is still programmed after the notebook closes and opens again', async () => {
    const die = { name: 'die', rows: 24, cols: 24, seed: 9, initialState: 'hrs' as const }
    const job = { algorithm: 'gate-ramp' as const, target: { kind: 'checkerboard' as const } }
    // The reference: one session, the map read right after the job.
    const ref = service()
    const r = ref.arrays.create(die)
    await ref.arrays.settled(ref.arrays.program({ arrayId: r.id, ...job }).runId)
    const expected = await ref.arrays.read(r.id, 2)
    // The same die and job with a restart in between: the read is the same to the bit (read noise too).
    const file = path.join(tempDir(), 'lab.sqlite')
    const open = () => {
      const store = LabStore.open(file, '0.1.0')
      return { store, arrays: new ArraysService({ store, events: new EventBus(), instruments: new InstrumentService(), preset: () => DEFAULT_PRESET }) }
    }
    const first = open()
    const a = first.arrays.create(die)
    await first.arrays.settled(first.arrays.program({ arrayId: a.id, ...job }).runId)
    first.arrays.close()
    first.store.close()
    const second = open()
    const got = await second.arrays.read(a.id, 2)
    expect(got.g.base64).toBe(expected.g.base64)
    expect(got.sets.base64).toBe(expected.sets.base64)
    // A die of the same seed that was never programmed reads otherwise: the state is not the seed's.
    const fresh = second.arrays.create({ ...die, name: 'fresh' })
    expect((await second.arrays.read(fresh.id, 2)).g.base64).not.toBe(got.g.base64)
    second.arrays.close()
    second.store.close()
  })

  it('shows read noise when a map is read repeatedly', async () => {
    const { arrays } = service()
    const a = arrays.create({ name: 'die', rows: 16, cols: 16, seed: 1, initialState: 'lrs' })
    const m = await arrays.read(a.id, 50)
    const noise = f32(m.noiseRel!.base64)
    const mean = noise.reduce((s, x) => s + x, 0) / noise.length
    expect(mean).toBeGreaterThan(DEFAULT_PRESET.readNoiseRel * 0.8)
    expect(mean).toBeLessThan(DEFAULT_PRESET.readNoiseRel * 1.2)
  })

  describe('on the board emulator over a pty', () => {
    const emulators: BoardEmulator[] = []
    afterAll(async () => {
      for (const e of emulators) await e.stop()
    })

    it('gives the same maps as the simulated array of the same seed', async () => {
      const emu = await startBoardEmulator({ pty: true, seed: 11, rows: 6, cols: 6, initialState: 'hrs', baudRate: 1_000_000, paceToBaud: false })
      emulators.push(emu)
      const { arrays } = service()
      const board = await arrays.attach({ path: emu.hostPath!, baudRate: 1_000_000 })
      expect([board.rows, board.cols, board.backend]).toEqual([6, 6, 'serial'])
      const sim = arrays.create({ name: 'twin', rows: 6, cols: 6, seed: 11, initialState: 'hrs' })
      const onBoard = arrays.program({ arrayId: board.id, algorithm: 'gate-ramp', target: { kind: 'checkerboard' } })
      const onSim = arrays.program({ arrayId: sim.id, algorithm: 'gate-ramp', target: { kind: 'checkerboard' } })
      await arrays.settled(onBoard.runId)
      await arrays.settled(onSim.runId)
      expect(arrays.result(onBoard.runId).status).toBe('done')
      for (const kind of ['g_final_s', 'pulses', 'failed'] as const) expect(arrays.map(onBoard.runId, kind).base64).toBe(arrays.map(onSim.runId, kind).base64)
      await arrays.detach(board.id)
    }, 60_000)

    it('uses the board the instrument service holds, and refuses while another job holds the link', async () => {
      const emu = await startBoardEmulator({ pty: true, seed: 12, rows: 4, cols: 4, baudRate: 1_000_000, paceToBaud: false })
      emulators.push(emu)
      const { arrays, instruments } = service()
      const release = instruments.claim('an I–V session')
      await expect(arrays.attach({ path: emu.hostPath!, baudRate: 1_000_000 })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/I–V session is using/) })
      release()
      await instruments.connect({ backend: `serial:${emu.hostPath}`, baudRate: 1_000_000 })
      const board = await arrays.attach({ path: emu.hostPath! })
      expect(instruments.boardPath).toBe(emu.hostPath) // the same link, not a second one
      const hold = instruments.claim('an I–V session')
      expect(() => arrays.program({ arrayId: board.id, algorithm: 'gate-ramp', target: { kind: 'checkerboard' } })).toThrow(/I–V session is using/)
      await expect(arrays.read(board.id)).rejects.toThrow(/I–V session is using/)
      hold()
      await arrays.detach(board.id)
      expect(instruments.backend).toBe(`serial:${emu.hostPath}`) // the board was connected before the attach: it stays
      await instruments.disconnect()
    }, 60_000)
  })
})
