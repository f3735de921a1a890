import type { Command } from 'commander'
import { DEFAULT_PRESET } from '../../../src-core/device/presets'
import { limitsFromProfile } from '../../services/instruments/limits'
import { SMU_MODEL_IDS, smuModel, type SmuModelId, type SmuReading } from '../../services/instruments/smu/models'
import { SmuInstrument } from '../../services/instruments/smu/smu-instrument'
import type { SmuAddress } from '../../services/instruments/smu/transport'
import { fail } from '../options'
import { numberOption } from './board'

interface SmuFlags {
  port?: string
  baud?: string
  tcp?: string
  usbtmc?: string
  model: string
  nplc: string
  timeout: string
  json?: boolean
}

const write = (s: string) => process.stdout.write(s)

function address(f: SmuFlags, model: SmuModelId): SmuAddress {
  const given = [f.port, f.tcp, f.usbtmc].filter((x) => x !== undefined).length
  if (given !== 1) fail('give exactly one of --port PATH, --tcp HOST:PORT or --usbtmc PATH')
  if (f.port) return { kind: 'serial', path: f.port, baudRate: numberOption(f.baud ?? String(smuModel(model).defaultBaud ?? 9600), '--baud', { integer: true, min: 300, max: 115200 }) }
  if (f.usbtmc) return { kind: 'usbtmc', path: f.usbtmc }
  const m = /^(.+):(\d{1,5})$/.exec(f.tcp!)
  if (!m) fail(`--tcp: expected HOST:PORT (e.g. 192.168.0.20:5025), got "${f.tcp}"`)
  return { kind: 'tcp', host: m[1], port: numberOption(m[2], '--tcp port', { integer: true, min: 1, max: 65535 }) }
}

/** Connect, run `body`, switch the output off and close; exit 0, or 1 with a one-line reason; never later than --timeout. */
async function withSmu(f: SmuFlags, body: (smu: SmuInstrument) => Promise<number | void>): Promise<never> {
  if (!(SMU_MODEL_IDS as readonly string[]).includes(f.model)) fail(`--model: expected one of ${SMU_MODEL_IDS.join(', ')}, got "${f.model}"`)
  const model = f.model as SmuModelId
  const addr = address(f, model)
  const timeoutMs = numberOption(f.timeout, '--timeout', { min: 1 })
  const nplc = numberOption(f.nplc, '--nplc', { min: 0.01, max: 10 })
  let smu: SmuInstrument | null = null
  const watchdog = setTimeout(() => {
    void (smu ? smu.abort().catch(() => undefined) : Promise.resolve()).then(() => fail(`no result within --timeout ${timeoutMs} ms (output switched off)`))
  }, timeoutMs)
  const stop = () => void (smu ? smu.close().catch(() => undefined) : Promise.resolve()).then(() => fail('interrupted (output switched off)', 130))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  try {
    smu = await SmuInstrument.connect({ model, address: addr, nplc, timeoutMs: Math.min(2000, timeoutMs), profileLimits: limitsFromProfile(DEFAULT_PRESET) })
    const code = (await body(smu)) ?? 0
    clearTimeout(watchdog)
    await smu.close()
    process.exit(code)
  } catch (e) {
    await smu?.close().catch(() => undefined)
    fail((e as Error).message)
  }
}

const linkOptions = (c: Command) =>
  c
    .requiredOption('--model <m>', `instrument model: ${SMU_MODEL_IDS.join(', ')}`)
    .option('--port <path>', 'serial port (Keithley 2400: RS-232 or USB-serial adapter)')
    .option('--baud <n>', "baud rate, as set in the instrument's RS-232 menu (default: the model's, 9600)")
    .option('--tcp <host:port>', 'raw SCPI socket (2450, B2900: port 5025)')
    .option('--usbtmc <path>', 'Linux USBTMC device (e.g. /dev/usbtmc0)')
    .option('--nplc <n>', 'integration time in power-line cycles', '0.1')
    .option('--timeout <ms>', 'give up (exit 1, output off) after this many milliseconds', '30000')
    .option('--json', 'print JSON')

/** `smu info|read|sweep`: a source-measure unit over SCPI (diagnostics and scripting). */
export function registerSmu(program: Command): void {
  const smu = program.command('smu').description('talk to a SCPI source-measure unit (Keithley 2400/2450, Keysight B2900): identify, read, list sweeps')

  linkOptions(smu.command('info').description('*IDN? and the limits in force (the instrument’s range and the default device profile)')).action((opts: SmuFlags) =>
    withSmu(opts, async (s) => {
      const id = await s.identify()
      if (opts.json) write(JSON.stringify({ idn: s.idn, model: s.model.id, address: s.address, limits: id.limits, instrumentLimits: id.boardLimits }) + '\n')
      else {
        write(`instrument ${s.idn}\n`)
        write(`model      ${s.model.label} at ${s.address}\n`)
        write(`enforced   |V| ≤ ${id.limits.vMaxAbsV} V, I_C ≤ ${+(id.limits.iComplianceMaxA * 1e6).toPrecision(6)} µA\n`)
      }
    })
  )

  linkOptions(smu.command('read').description('apply one level and measure the current (output off afterwards)'))
    .option('--v <V>', 'read voltage, volts', String(DEFAULT_PRESET.vReadV))
    .action((opts: SmuFlags & { v: string }) => {
      const vReadV = numberOption(opts.v, '--v')
      return withSmu(opts, async (s) => {
        const r = await s.read({ row: 0, col: 0, vReadV })
        write(opts.json ? JSON.stringify({ voltageV: r.vReadV, currentA: r.iReadA, conductanceS: r.gS }) + '\n' : `I = ${r.iReadA} A at ${r.vReadV} V, G = ${r.gS} S\n`)
      })
    })

  linkOptions(smu.command('sweep').description('list sweep from --from to --to in --step (and back with --double); CSV as it streams, or JSON at the end'))
    .requiredOption('--from <V>', 'first level, volts')
    .requiredOption('--to <V>', 'last level, volts')
    .requiredOption('--step <V>', 'step, volts (> 0)')
    .requiredOption('--compliance <A>', 'current compliance, amperes')
    .option('--double', 'sweep back to --from after --to')
    .option('--delay <s>', 'source delay per point, seconds', '0.001')
    .action((opts: SmuFlags & { from: string; to: string; step: string; compliance: string; double?: boolean; delay: string }) => {
      const from = numberOption(opts.from, '--from')
      const to = numberOption(opts.to, '--to')
      const step = numberOption(opts.step, '--step')
      if (!(step > 0)) fail('--step: expected a number > 0')
      const iC = numberOption(opts.compliance, '--compliance')
      const delay = numberOption(opts.delay, '--delay', { min: 0, max: 10 })
      const n = Math.round(Math.abs(to - from) / step)
      if (n > 100_000) fail('--step: more than 100,000 points')
      const dir = to >= from ? 1 : -1
      const levels = Array.from({ length: n + 1 }, (_, k) => (k === n ? to : from + dir * k * step))
      if (opts.double) levels.push(...levels.slice(0, -1).reverse())
      return withSmu(opts, async (s) => {
        if (!opts.json) write('voltage_V,current_A,in_compliance\n')
        const print = (rs: SmuReading[]) => {
          if (!opts.json) for (const r of rs) write(`${r.vV},${r.iA},${r.inCompliance ? 1 : 0}\n`)
        }
        const readings = await s.listSweep(levels, iC, delay, print)
        if (opts.json) write(JSON.stringify({ points: readings.map((r) => ({ voltageV: r.vV, currentA: r.iA, inCompliance: r.inCompliance })) }) + '\n')
      })
    })
}
