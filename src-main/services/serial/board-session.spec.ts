import { describe, expect, it } from 'vitest'
import { createDeviceModel } from '../../../src-core/device/model'
import { DEFAULT_PRESET } from '../../../src-core/device/presets'
import { SimulatedInstrument } from '../instruments/simulated-instrument'
import { BoardSession } from './board-session'
import { encodeFrame, type Frame } from './frame'
import { errorPayload, helloRequest, helloResponse, readRequest } from './messages'
import { OP, responseOp } from './protocol'

function session() {
  const inst = new SimulatedInstrument({ model: createDeviceModel(DEFAULT_PRESET), seed: 1, rows: 4, cols: 4 })
  const out: Frame[] = []
  const s = new BoardSession(inst, async (f) => void out.push(f), { firmwareName: 'test', firmwareVersion: '0' })
  const ask = async (f: Frame) => {
    s.onBytes(encodeFrame(f))
    await s.idle()
    await new Promise((r) => setImmediate(r))
    return out.shift()!
  }
  return { s, ask, out }
}

const errorCode = (f: Frame) => {
  expect(f.op).toBe(OP.ERROR)
  return errorPayload.decode(f.payload)
}

describe('board session (board side of the protocol)', () => {
  it('answers HELLO with the version it picks from the host range, and its geometry', async () => {
    const { ask } = session()
    const r = await ask({ version: 1, op: OP.HELLO, seq: 5, payload: helloRequest.encode({ versionMin: 1, versionMax: 3 }) })
    expect(r.op).toBe(responseOp(OP.HELLO))
    expect(r.seq).toBe(5)
    expect(helloResponse.decode(r.payload)).toMatchObject({ version: 1, rows: 4, cols: 4 })
  })

  it('answers a host that speaks only newer versions with UNSUPPORTED_VERSION, even in a newer header', async () => {
    const { ask } = session()
    const r = await ask({ version: 3, op: OP.HELLO, seq: 6, payload: helloRequest.encode({ versionMin: 2, versionMax: 3 }) })
    expect(errorCode(r)).toMatchObject({ code: 5, message: expect.stringContaining('speaks 1') })
    expect(r.seq).toBe(6)
  })

  it('answers any other frame of a foreign version, and an unknown op, with an error frame', async () => {
    const { ask } = session()
    const foreign = await ask({ version: 2, op: OP.READ, seq: 7, payload: readRequest.encode({ row: 0, col: 0, vReadV: 0.1 }) })
    expect(errorCode(foreign).code).toBe(5)
    const unknown = await ask({ version: 1, op: 0x5a, seq: 8, payload: new Uint8Array(0) })
    expect(errorCode(unknown)).toMatchObject({ code: 4, field: 'op' })
  })

  it('answers a short payload with BAD_REQUEST naming the missing field', async () => {
    const { ask } = session()
    const r = await ask({ version: 1, op: OP.READ, seq: 9, payload: new Uint8Array(4) })
    expect(errorCode(r)).toMatchObject({ code: 1, field: 'vReadV' })
  })

  it('counts frames with bad CRC and ignores them', async () => {
    const { s, out } = session()
    const wire = Buffer.from(encodeFrame({ version: 1, op: OP.PING, seq: 1, payload: Uint8Array.from([1, 2, 3]) }))
    wire[3] ^= 0x40
    s.onBytes(wire)
    await s.idle()
    expect(out).toHaveLength(0)
    expect(s.framesRejected).toBe(1)
    expect(s.received).toHaveLength(0)
  })
})
