import type { Command } from 'commander'
import { startSmuEmulator } from '../../services/instruments/smu/emulator'
import { SMU_MODEL_IDS, smuModel, type SmuModelId } from '../../services/instruments/smu/models'
import { fail } from '../options'
import { numberOption } from './board'

interface Flags {
  model: string
  pty?: boolean
  tcp?: string
  baud?: string
  seed: string
  silence?: boolean
  garbage?: string
  slow?: string
  undefinedHeaderAt?: string
  hangUpAfter?: string
  wrongIdn?: boolean
  shortReadings?: boolean
  faultsAfter?: string
}

/** `smu-emulator --model M (--pty | --tcp PORT)`: an SMU's SCPI subset on a pty or a TCP port, backed by the seeded device model. */
export function registerSmuEmulator(program: Command): void {
  program
    .command('smu-emulator')
    .description('emulate a source-measure unit (its SCPI subset, number formats, status words, error queue, NPLC timing) on a pty or TCP port, backed by one seeded device')
    .requiredOption('--model <m>', `instrument model: ${SMU_MODEL_IDS.join(', ')}`)
    .option('--pty', 'serve on a fresh socat pty pair (RS-232, paced to --baud) and print the path to open')
    .option('--tcp <port>', 'serve on 127.0.0.1:PORT (0: any free port) and print HOST:PORT')
    .option('--baud <n>', "baud rate of the pty line (default: the model's)")
    .option('--seed <n>', 'device seed', '1')
    .option('--silence', 'fault: never answer a query')
    .option('--garbage <p>', 'fault: probability that an answer is replaced by garbage')
    .option('--slow <ms>', 'fault: extra delay before every answer')
    .option('--undefined-header-at <n>', 'fault: refuse the Nth command with -113 "Undefined header"')
    .option('--hang-up-after <n>', 'fault: hang up after this many lines received')
    .option('--wrong-idn', 'fault: answer *IDN? as another instrument')
    .option('--short-readings', 'fault: drop the last value of every readings answer')
    .option('--faults-after <n>', 'silence, garbage, slowness and short readings start after this many lines', '0')
    .action(async (o: Flags) => {
      if (!(SMU_MODEL_IDS as readonly string[]).includes(o.model)) fail(`--model: expected one of ${SMU_MODEL_IDS.join(', ')}, got "${o.model}"`)
      if (!o.pty === (o.tcp === undefined)) fail('give exactly one of --pty or --tcp PORT')
      const model = o.model as SmuModelId
      const opt = (t: string | undefined, flag: string, check: Parameters<typeof numberOption>[2]) => (t === undefined ? undefined : numberOption(t, flag, check))
      let emu
      try {
        emu = await startSmuEmulator({
          model,
          transport: o.pty
            ? { kind: 'pty', baudRate: opt(o.baud, '--baud', { integer: true, min: 300, max: 4_000_000 }) ?? smuModel(model).defaultBaud ?? 115200 }
            : { kind: 'tcp', port: numberOption(o.tcp!, '--tcp', { integer: true, min: 0, max: 65535 }) },
          seed: numberOption(o.seed, '--seed', { integer: true, min: 0 }),
          faults: {
            silence: o.silence,
            garbageRate: opt(o.garbage, '--garbage', { min: 0, max: 1 }),
            slowMs: opt(o.slow, '--slow', { min: 0 }),
            undefinedHeaderAt: opt(o.undefinedHeaderAt, '--undefined-header-at', { integer: true, min: 1 }),
            hangUpAfterLines: opt(o.hangUpAfter, '--hang-up-after', { integer: true, min: 1 }),
            wrongIdn: o.wrongIdn,
            shortReadings: o.shortReadings,
            afterLines: numberOption(o.faultsAfter ?? '0', '--faults-after', { integer: true, min: 0 })
          }
        })
      } catch (e) {
        fail((e as Error).message)
      }
      // First line: what the host opens, alone, so scripts can read it.
      process.stdout.write(`${emu.address}\n`)
      process.stderr.write(`smu emulator: ${smuModel(model).label} on ${emu.address}; Ctrl-C to stop\n`)
      const stop = () => void emu.stop().then(() => process.exit(0))
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
      await emu.stopped
      process.exit(0)
    })
}
