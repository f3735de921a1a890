/**
 * Stop latency of an I–V session (issue 13: Stop is a safety feature, ≤ 200 ms), on the simulator
 * and over a real pty to the board emulator (ABORT frame, docs/serial-protocol.md). Each round
 * starts a long session, waits 100–250 ms (seeded), presses Stop, and times Stop from the call until
 * the session reads "stopped" (on the board: ABORT answered and the sweep's end frame received).
 * Prints median and max of 20 per case, as ratios to the 200 ms bound, and the points kept.
 * Run: npx tsx scripts/bench-stop.ts [--rounds 20]
 */
import path from 'node:path'
import os from 'node:os'
import fs from 'node:fs'
import { DEFAULT_PRESET } from '../src-core/device/presets'
import { InstrumentService } from '../src-main/services/instruments/instrument-service'
import { IvService } from '../src-main/services/iv/iv-service'
import { ivRecipeSchema, type IvRecipeInput } from '../src-main/services/iv/recipe-schema'
import { startBoardEmulator } from '../src-main/services/serial/board-emulator'
import { LabStore } from '../src-main/services/store'

const BOUND_MS = 200
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 20

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

async function measure(label: string, iv: IvService, recipe: IvRecipeInput): Promise<{ label: string; latencies: number[]; stopped: number; kept: number }> {
  const latencies: number[] = []
  let stopped = 0
  let kept = 0
  for (let k = 0; k < rounds; k++) {
    const s = await iv.start(ivRecipeSchema.parse({ ...recipe, seed: k + 1 }))
    await new Promise((r) => setTimeout(r, 100 + ((k * 37) % 150)))
    const t0 = performance.now()
    const end = await iv.stop(s.id)
    latencies.push(performance.now() - t0)
    if (process.env.BENCH_VERBOSE) process.stderr.write(`${label} #${k + 1}: ${(performance.now() - t0).toFixed(1)} ms, ${end.status}, ${end.points} points, ${end.reads} reads\n`)
    if (end.status === 'stopped') stopped++
    if (end.points + end.reads > 0) kept++
  }
  return { label, latencies, stopped, kept }
}

function report(r: { label: string; latencies: number[]; stopped: number; kept: number }) {
  const med = median(r.latencies)
  const max = Math.max(...r.latencies)
  process.stdout.write(
    `${r.label.padEnd(34)} median ${med.toFixed(1).padStart(6)} ms (${(med / BOUND_MS).toFixed(2)}× bound)   max ${max.toFixed(1).padStart(6)} ms (${(max / BOUND_MS).toFixed(2)}× bound)   "stopped" ${r.stopped}/${rounds}, points kept ${r.kept}/${rounds}\n`
  )
  return max <= BOUND_MS && r.stopped === rounds && r.kept === rounds
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-stop-'))
  const store = LabStore.open(path.join(dir, 'lab.sqlite'), 'bench')
  const instruments = new InstrumentService()
  const iv = new IvService({ store, instruments, appVersion: 'bench', preset: () => DEFAULT_PRESET, progress: () => {} })
  process.stdout.write(`Stop latency, ${rounds} rounds each (bound ${BOUND_MS} ms)\n`)
  let ok = true
  if (!process.argv.includes('--emulator-only')) {
    ok = report(await measure('simulator, DC sweep 10,000 cycles', iv, { recipe: 'dc-sweep', cycles: 10_000 })) && ok
    ok = report(await measure('simulator, cycling 100,000 cycles', iv, { recipe: 'cycling', cycles: 100_000 })) && ok
  }
  const emu = await startBoardEmulator({ pty: true, seed: 1, baudRate: 1_000_000 })
  try {
    await instruments.connect({ backend: `serial:${emu.hostPath}`, baudRate: 1_000_000 })
    ok = report(await measure('emulator (pty, 1 Mbaud), DC sweep', iv, { recipe: 'dc-sweep', cycles: 10_000 })) && ok
    ok = report(await measure('emulator (pty, 1 Mbaud), cycling', iv, { recipe: 'cycling', cycles: 100_000 })) && ok
  } finally {
    await instruments.disconnect()
    await emu.stop()
    store.close()
  }
  process.stdout.write(ok ? 'every Stop within the bound, session "stopped", points kept\n' : 'SOME STOP EXCEEDED THE BOUND\n')
}

void main()
