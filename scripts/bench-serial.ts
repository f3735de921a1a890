/**
 * Serial link figures over a real pty with the board emulator pacing the line to the baud rate:
 * READ round trips per second and streamed sweep points per second at 115200 and 1,000,000 baud,
 * each as a ratio to the line-rate limit for its frame sizes (10 bit times per byte).
 * For context, the same sweep unpaced (memory-speed pty) is measured in the same run.
 * Run: npx tsx scripts/bench-serial.ts
 */
import { SerialInstrument } from '../src-main/services/instruments/serial-instrument'
import { startBoardEmulator } from '../src-main/services/serial/board-emulator'
import { encodeFrame } from '../src-main/services/serial/frame'
import { readRequest, readResponse, sweepPoint } from '../src-main/services/serial/messages'
import { OP, responseOp } from '../src-main/services/serial/protocol'

const wireBytes = (op: number, payload: Uint8Array) => encodeFrame({ version: 1, op, seq: 0x1234, payload }).length

// Typical frames (float payloads rarely contain zeros; COBS adds ≤ 1 byte per 254).
const READ_REQ = wireBytes(OP.READ, readRequest.encode({ row: 3, col: 5, vReadV: 0.1 }))
const READ_RESP = wireBytes(responseOp(OP.READ), readResponse.encode({ row: 3, col: 5, vReadV: 0.1, iReadA: 1.234e-5, gS: 0 }))
const POINT = wireBytes(OP.EVT_SWEEP_POINT, sweepPoint.encode({ index: 1234, cycle: 3, branch: 'set-up', vV: 0.62, iA: 3.1e-6, compliance: false }))

async function measure(baudRate: number, pace: boolean, reads: number, cycles: number) {
  const emu = await startBoardEmulator({ pty: true, seed: 1, baudRate, paceToBaud: pace, rows: 16, cols: 16 })
  const board = await SerialInstrument.connect({ path: emu.hostPath!, baudRate, heartbeatMs: 0, requestTimeoutMs: 2000 })
  try {
    for (let k = 0; k < 20; k++) await board.read({ row: k % 16, col: 0, vReadV: 0.1 })
    let t0 = performance.now()
    for (let k = 0; k < reads; k++) await board.read({ row: k % 16, col: (k >> 4) % 16, vReadV: 0.1 })
    const readsPerS = reads / ((performance.now() - t0) / 1000)

    const run = await board.sweep({ row: 1, col: 1 }, { vSetMaxV: 2.5, vStopV: -1.6, vStepV: 0.01, iComplianceA: 150e-6, cycles })
    let n = 0
    t0 = 0
    for await (const _ of run) if (n++ === 0) t0 = performance.now()
    const pointsPerS = (n - 1) / ((performance.now() - t0) / 1000)
    const outcome = await run.outcome
    if (outcome.status !== 'complete') throw new Error(`sweep ${outcome.status}: ${outcome.message}`)
    return { readsPerS, pointsPerS, points: n }
  } finally {
    await board.close()
    await emu.stop()
  }
}

async function main() {
  console.log(`frame sizes on the wire: READ request ${READ_REQ} B, READ response ${READ_RESP} B, sweep point ${POINT} B`)
  const unpaced = await measure(1_000_000, false, 1000, 10)
  console.log(`baseline (same run, pty unpaced, memory speed): ${unpaced.readsPerS.toFixed(0)} READ/s, ${unpaced.pointsPerS.toFixed(0)} points/s`)
  for (const [baud, reads, cycles] of [
    [115200, 200, 2],
    [1_000_000, 1000, 10]
  ] as const) {
    const r = await measure(baud, true, reads, cycles)
    const bytesPerS = baud / 10
    const readLimit = bytesPerS / (READ_REQ + READ_RESP)
    const pointLimit = bytesPerS / POINT
    console.log(
      `${String(baud).padStart(8)} baud: READ ${r.readsPerS.toFixed(1)}/s = ${(r.readsPerS / readLimit).toFixed(2)} × line limit ${readLimit.toFixed(1)}/s; ` +
        `sweep ${r.pointsPerS.toFixed(0)} points/s = ${(r.pointsPerS / pointLimit).toFixed(2)} × line limit ${pointLimit.toFixed(0)}/s (${r.points} points); ` +
        `vs unpaced baseline: READ ${(r.readsPerS / unpaced.readsPerS).toFixed(3)}, points ${(r.pointsPerS / unpaced.pointsPerS).toFixed(3)}`
    )
  }
}

void main().catch((e) => {
  console.error(`error: ${(e as Error).message}`)
  process.exit(1)
})
