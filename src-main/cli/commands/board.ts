import type { Command } from 'commander'
import { DEFAULT_PRESET } from '../../../src-core/device/presets'
import { InstrumentError } from '../../services/instruments/errors'
import { limitsFromProfile } from '../../services/instruments/limits'
import { SerialInstrument } from '../../services/instruments/serial-instrument'
import type { SweepPoint } from '../../services/instruments/types'
import { listSerialPorts } from '../../services/serial/ports'
import { fail } from '../options'
import { LIMITS } from '../../api/limits'
import { formatSi } from '../../../src-core/format/si'

/** A number option, checked, naming its flag when wrong. */
export function numberOption(text: string, flag: string, check: { integer?: boolean; min?: number; max?: number } = {}): number {
  const n = Number(text)
  const bad = text.trim() === '' || !Number.isFinite(n) || (check.integer && !Number.isInteger(n)) || (check.min !== undefined && n < check.min) || (check.max !== undefined && n > check.max)
  if (bad) {
    const range = check.min !== undefined || check.max !== undefined ? ` from ${check.min ?? '−∞'} to ${check.max ?? '∞'}` : ''
    fail(`${flag}: expected ${check.integer ? 'an integer' : 'a number'}${range}, got "${text}"`)
  }
  return n
}

interface LinkFlags {
  port: string
  baud: string
  timeout: string
  json?: boolean
}

const write = (s: string) => process.stdout.write(s)

/**
 * Connect, run `body`, close, and exit: 0 on success, 1 with a one-line reason on any failure,
 * and never later than --timeout (a watchdog ends the process).
 */
async function withBoard(flags: LinkFlags, body: (board: SerialInstrument) => Promise<number | void>): Promise<never> {
  const baudRate = numberOption(flags.baud, '--baud', { integer: true, min: 50, max: 20_000_000 })
  const timeoutMs = numberOption(flags.timeout, '--timeout', { min: 1 })
  const watchdog = setTimeout(() => fail(`no result within --timeout ${timeoutMs} ms`), timeoutMs)
  let board: SerialInstrument | null = null
  try {
    board = await SerialInstrument.connect({
      path: flags.port,
      baudRate,
      requestTimeoutMs: Math.min(1000, timeoutMs),
      reconnect: false,
      heartbeatMs: 1000,
      profileLimits: limitsFromProfile(DEFAULT_PRESET)
    })
    const code = (await body(board)) ?? 0
    clearTimeout(watchdog)
    await board.close()
    process.exit(code)
  } catch (e) {
    fail(e instanceof InstrumentError || e instanceof Error ? e.message : String(e))
  }
}

const linkOptions = (c: Command) =>
  c
    .requiredOption('--port <path>', 'serial device of the board (e.g. /dev/ttyUSB0, or the host end of a pty)')
    .option('--baud <n>', 'baud rate', '115200')
    .option('--timeout <ms>', 'give up (exit 1) after this many milliseconds', '10000')
    .option('--json', 'print JSON')

/** `board ports|info|read|sweep`: diagnostics and scripting of a controller board over serial. */
export function registerBoard(program: Command): void {
  const board = program.command('board').description('talk to an RRAM controller board over a serial port (diagnostics and scripting)')

  board
    .command('ports')
    .description('list serial ports (scans /dev when udev is absent); name extra paths to include symlinks')
    .argument('[paths...]', 'extra paths to list if they exist (e.g. socat links)')
    .option('--json', 'print JSON')
    .action(async (paths: string[], opts: { json?: boolean }) => {
      const ports = await listSerialPorts({ namedPaths: paths })
      if (opts.json) write(JSON.stringify(ports, null, 2) + '\n')
      else for (const p of ports) write(`${p.path}\t${p.kind}${p.target ? `\t→ ${p.target}` : ''}${p.manufacturer ? `\t${p.manufacturer}` : ''}\n`)
    })

  linkOptions(board.command('info').description('handshake and print the firmware, array geometry and limits')).action((opts: LinkFlags) =>
    withBoard(opts, async (b) => {
      const id = await b.identify()
      if (opts.json) write(JSON.stringify(id, null, 2) + '\n')
      else {
        write(`firmware   ${id.firmwareName} ${id.firmwareVersion} (protocol ${id.protocolVersion})\n`)
        write(`array      ${id.rows} × ${id.cols}\n`)
        const limits = (l: typeof id.limits) => `|V| ≤ ${l.vMaxAbsV} V, I_C ≤ ${+(l.iComplianceMaxA * 1e6).toPrecision(6)} µA, pulses ${l.pulseWidthMinS}…${l.pulseWidthMaxS} s`
        write(`board      ${limits(id.boardLimits)}\n`)
        write(`enforced   ${limits(id.limits)}\n`)
      }
    })
  )

  linkOptions(board.command('read').description('read one cell, or a block with --rows/--cols'))
    .requiredOption('--row <r>', 'row (0-based)')
    .requiredOption('--col <c>', 'column (0-based)')
    .option('--rows <n>', 'block height', '1')
    .option('--cols <n>', 'block width', '1')
    .option('--v-read <V>', 'read voltage, volts', String(DEFAULT_PRESET.vReadV))
    .action((opts: LinkFlags & { row: string; col: string; rows: string; cols: string; vRead: string }) => {
      const row = numberOption(opts.row, '--row', { integer: true, min: 0 })
      const col = numberOption(opts.col, '--col', { integer: true, min: 0 })
      const rows = numberOption(opts.rows, '--rows', { integer: true, min: 1 })
      const cols = numberOption(opts.cols, '--cols', { integer: true, min: 1 })
      const vReadV = numberOption(opts.vRead, '--v-read', { min: -LIMITS.vReadMaxV, max: LIMITS.vReadMaxV }) // the API's read cap (docs/limits.md)
      return withBoard(opts, async (b) => {
        if (rows === 1 && cols === 1) {
          const r = await b.read({ row, col, vReadV })
          write(
            opts.json
              ? JSON.stringify(r) + '\n'
              : `row ${r.row} col ${r.col}: G = ${formatSi(r.gS, 'S')} (R = ${formatSi(1 / r.gS, 'Ω')}), I = ${formatSi(r.iReadA, 'A')} at ${formatSi(r.vReadV, 'V')}\n`
          )
          return
        }
        const block = await b.readBlock({ row, col, rows, cols }, vReadV)
        const gS = Array.from(block.iReadA, (i) => i / vReadV)
        if (opts.json) write(JSON.stringify({ ...block, iReadA: Array.from(block.iReadA), gS }) + '\n')
        else {
          write(`# conductance G of rows ${row}–${row + rows - 1}, columns ${col}–${col + cols - 1} (tab-separated; --json for raw numbers)\n`)
          for (let r = 0; r < rows; r++)
            write(
              gS
                .slice(r * cols, (r + 1) * cols)
                .map((g) => formatSi(g, 'S'))
                .join('\t') + '\n'
            )
        }
      })
    })

  linkOptions(board.command('sweep').description('quasi-static DC double sweep of one cell; streams points as CSV (or JSON at the end)'))
    .requiredOption('--row <r>', 'row (0-based)')
    .requiredOption('--col <c>', 'column (0-based)')
    // Bianchi 2023 bench sweep: 0 → +2.5 V → 0 → −1.6 V → 0 at ≈150 µA compliance.
    .option('--v-max <V>', 'most positive voltage of the SET half, volts', '2.5')
    .option('--v-stop <V>', 'most negative voltage of the RESET half (V_STOP), volts', '-1.6')
    .option('--step <V>', 'voltage step, volts', '0.02')
    .option('--ic <A>', 'compliance current, amperes', '150e-6')
    .option('--cycles <n>', 'number of cycles', '1')
    .action((opts: LinkFlags & { row: string; col: string; vMax: string; vStop: string; step: string; ic: string; cycles: string }) => {
      const cell = { row: numberOption(opts.row, '--row', { integer: true, min: 0 }), col: numberOption(opts.col, '--col', { integer: true, min: 0 }) }
      const waveform = {
        vSetMaxV: numberOption(opts.vMax, '--v-max', { max: LIMITS.vMaxAbsV }),
        vStopV: numberOption(opts.vStop, '--v-stop', { min: -LIMITS.vMaxAbsV }),
        vStepV: numberOption(opts.step, '--step'),
        iComplianceA: numberOption(opts.ic, '--ic', { max: LIMITS.iComplianceMaxA }),
        cycles: numberOption(opts.cycles, '--cycles', { integer: true, min: 1 })
      }
      return withBoard(opts, async (b) => {
        const run = await b.sweep(cell, waveform)
        const points: SweepPoint[] = []
        // Cycles numbered from 1, as the I–V panel and its files number them (the frame counts from 0).
        if (!opts.json) write('index,cycle,branch,v_V,i_A,compliance\n')
        for await (const p of run) {
          if (opts.json) points.push({ ...p, cycle: p.cycle + 1 })
          else write(`${p.index},${p.cycle + 1},${p.branch},${p.vV},${p.iA},${p.compliance ? 1 : 0}\n`)
        }
        const outcome = await run.outcome
        if (opts.json) write(JSON.stringify({ cell, waveform, outcome, points }) + '\n')
        if (outcome.status !== 'complete') {
          process.stderr.write(`error: sweep ${outcome.status} after ${outcome.points} of ${outcome.expectedPoints} points${outcome.message ? `: ${outcome.message}` : ''}\n`)
          return 2
        }
      })
    })
}
