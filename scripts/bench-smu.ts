/**
 * SMU figures against the SMU emulator: points per second of a 1,000-point list sweep over a pty
 * (Keithley 2400 at 57,600 baud, the fastest rate of its RS-232 menu, paced by the emulator) and
 * over TCP (Keithley 2450, Keysight B2900), each as a ratio to the instrument's own rate at its
 * settings measured in the same run: the acquisition rate 1 / (source delay + NPLC / line
 * frequency), and on RS-232 the line rate for the answer's bytes (10 bit times per byte). Then the
 * Stop latency (abort() → `:ABOR`, `:OUTP OFF`, confirmed by `*OPC?`): median and max of 20.
 * Run: npx tsx scripts/bench-smu.ts
 */
import { startSmuEmulator } from '../src-main/services/instruments/smu/emulator'
import type { SmuModelId } from '../src-main/services/instruments/smu/models'
import { SmuInstrument } from '../src-main/services/instruments/smu/smu-instrument'
import type { SmuAddress } from '../src-main/services/instruments/smu/transport'

const NPLC = 0.01
const LINE_HZ = 50
const DELAY_S = 0
const BAUD = 57600
const POINTS = 1000

async function open(model: SmuModelId, via: 'pty' | 'tcp') {
  const emu = await startSmuEmulator({ model, transport: via === 'pty' ? { kind: 'pty', baudRate: BAUD } : { kind: 'tcp' }, lineFrequencyHz: LINE_HZ })
  const address: SmuAddress = via === 'pty' ? { kind: 'serial', path: emu.address, baudRate: BAUD } : { kind: 'tcp', host: '127.0.0.1', port: Number(emu.address.split(':')[1]) }
  let inBytes = 0
  const smu = await SmuInstrument.connect({ model, address, nplc: NPLC, lineFrequencyHz: LINE_HZ, trace: (d, l) => void (d === 'in' && (inBytes += l.length + 1)) })
  return { emu, smu, bytesIn: () => inBytes }
}

async function throughput(model: SmuModelId, via: 'pty' | 'tcp') {
  const { emu, smu, bytesIn } = await open(model, via)
  try {
    // 1,000 levels 0 → 1 V, under the SET threshold: the device stays put (a read-disturb-free staircase).
    const levels = Array.from({ length: POINTS }, (_, k) => (k / (POINTS - 1)) * 0.5)
    await smu.listSweep(levels.slice(0, 100), 1e-4, DELAY_S)
    const b0 = bytesIn()
    const t0 = performance.now()
    const r = await smu.listSweep(levels, 1e-4, DELAY_S)
    const s = (performance.now() - t0) / 1000
    if (r.length !== POINTS) throw new Error(`got ${r.length} readings`)
    const bytesPerPoint = (bytesIn() - b0) / POINTS
    const acquisition = 1 / (DELAY_S + NPLC / LINE_HZ)
    const line = via === 'pty' ? BAUD / 10 / bytesPerPoint : Infinity
    return { pointsPerS: POINTS / s, instrumentRate: Math.min(acquisition, line), acquisition, line, bytesPerPoint }
  } finally {
    await smu.close()
    await emu.stop()
  }
}

async function stopLatency(model: SmuModelId, via: 'pty' | 'tcp', n = 20) {
  const { emu, smu } = await open(model, via)
  const ms: number[] = []
  try {
    for (let k = 0; k < n; k++) {
      const run = await smu.sweep({ row: 0, col: 0 }, { vSetMaxV: 2.5, vStopV: -1.6, vStepV: 0.01, iComplianceA: 150e-6, cycles: 20, sourceDelayS: 1e-3 })
      const it = run[Symbol.asyncIterator]()
      await it.next()
      // Land the Stop somewhere inside a list segment.
      await new Promise((r) => setTimeout(r, 5 + ((k * 7) % 40)))
      const t0 = performance.now()
      await smu.abort()
      ms.push(performance.now() - t0)
      if (emu.scpi?.outputOn) throw new Error('the output is still on after Stop')
      while (!(await it.next()).done);
      const o = await run.outcome
      if (o.status !== 'aborted') throw new Error(`sweep ended ${o.status}`)
    }
  } finally {
    await smu.close()
    await emu.stop()
  }
  ms.sort((a, b) => a - b)
  return { median: (ms[9] + ms[10]) / 2, max: ms[ms.length - 1] }
}

async function main() {
  console.log(`SMU bench: ${POINTS}-point list sweep, NPLC ${NPLC} at ${LINE_HZ} Hz, source delay ${DELAY_S} s; Stop latency over 20 Stops`)
  for (const [model, via] of [
    ['keithley-2400', 'pty'],
    ['keithley-2450', 'tcp'],
    ['keysight-b2900', 'tcp']
  ] as const) {
    const t = await throughput(model, via)
    const l = await stopLatency(model, via)
    const limit =
      via === 'pty' ? `min(acquisition ${t.acquisition.toFixed(0)}/s, RS-232 line ${t.line.toFixed(0)}/s at ${t.bytesPerPoint.toFixed(1)} B/point)` : `acquisition ${t.acquisition.toFixed(0)}/s`
    console.log(
      `${model.padEnd(15)} ${via}: ${t.pointsPerS.toFixed(0).padStart(5)} points/s = ${(t.pointsPerS / t.instrumentRate).toFixed(2)} × the instrument's own rate (${limit}); Stop latency median ${l.median.toFixed(1)} ms, max ${l.max.toFixed(1)} ms`
    )
  }
}

void main().then(
  () => process.exit(0),
  (e) => {
    console.error(e)
    process.exit(1)
  }
)
