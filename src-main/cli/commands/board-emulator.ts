import type { Command } from 'commander'
import { startBoardEmulator, EMULATOR_DEFAULTS } from '../../services/serial/board-emulator'
import { fail } from '../options'
import { numberOption } from './board'

interface EmulatorFlags {
  port?: string
  pty?: boolean
  baud: string
  seed: string
  rows: string
  cols: string
  initial: string
  pace: boolean
  drop?: string
  corrupt?: string
  truncate?: string
  garbage?: string
  delay?: string
  disconnectAfter?: string
  faultSeed: string
}

const probability = (text: string | undefined, flag: string) => (text === undefined ? undefined : numberOption(text, flag, { min: 0, max: 1 }))

/** `board-emulator --port PATH | --pty`: the controller board's protocol, backed by the simulator. */
export function registerBoardEmulator(program: Command): void {
  program
    .command('board-emulator')
    .description('emulate a controller board on a serial device or a fresh pty pair, backed by the seeded device model')
    .option('--port <path>', 'serve on this serial device (one end of a null-modem cable or pty pair)')
    .option('--pty', 'make a socat pty pair and print the path the host should open')
    .option('--baud <n>', 'baud rate (the emulator paces its output to it)', String(EMULATOR_DEFAULTS.baudRate))
    .option('--no-pace', 'send as fast as the line takes instead of at the baud rate')
    .option('--seed <n>', 'device seed (same seed as a simulated back end ⇒ same records)', String(EMULATOR_DEFAULTS.seed))
    .option('--rows <n>', 'array rows', String(EMULATOR_DEFAULTS.rows))
    .option('--cols <n>', 'array columns', String(EMULATOR_DEFAULTS.cols))
    .option('--initial <state>', 'initial cell state: pristine, hrs or lrs', 'pristine')
    .option('--drop <p>', 'fault: probability of dropping an outgoing frame')
    .option('--corrupt <p>', 'fault: probability of flipping a byte of an outgoing frame')
    .option('--truncate <p>', 'fault: probability of cutting an outgoing frame short')
    .option('--garbage <p>', 'fault: probability of random bytes before an outgoing frame')
    .option('--delay <ms>', 'fault: extra latency before every outgoing frame')
    .option('--disconnect-after <n>', 'fault: hang up after sending this many frames')
    .option('--fault-seed <n>', 'seed of the fault draws', '1')
    .action(async (opts: EmulatorFlags) => {
      if (!opts.port === !opts.pty) fail('give exactly one of --port PATH or --pty')
      if (!['pristine', 'hrs', 'lrs'].includes(opts.initial)) fail(`--initial: expected pristine, hrs or lrs, got "${opts.initial}"`)
      const faults = {
        seed: numberOption(opts.faultSeed, '--fault-seed', { integer: true }),
        dropRate: probability(opts.drop, '--drop'),
        corruptRate: probability(opts.corrupt, '--corrupt'),
        truncateRate: probability(opts.truncate, '--truncate'),
        garbageRate: probability(opts.garbage, '--garbage'),
        delayMs: opts.delay === undefined ? undefined : numberOption(opts.delay, '--delay', { min: 0 }),
        disconnectAfterFrames: opts.disconnectAfter === undefined ? undefined : numberOption(opts.disconnectAfter, '--disconnect-after', { integer: true, min: 1 })
      }
      let emulator
      try {
        emulator = await startBoardEmulator({
          ...(opts.port ? { path: opts.port } : { pty: true }),
          baudRate: numberOption(opts.baud, '--baud', { integer: true, min: 50, max: 20_000_000 }),
          paceToBaud: opts.pace,
          seed: numberOption(opts.seed, '--seed', { integer: true }),
          rows: numberOption(opts.rows, '--rows', { integer: true, min: 1, max: 65535 }),
          cols: numberOption(opts.cols, '--cols', { integer: true, min: 1, max: 65535 }),
          initialState: opts.initial as 'pristine' | 'hrs' | 'lrs',
          faults
        })
      } catch (e) {
        fail((e as Error).message)
      }
      // First line: the path to open, alone, so scripts can read it.
      process.stdout.write(`${emulator.hostPath ?? emulator.boardPath}\n`)
      process.stderr.write(`board emulator: ${emulator.hostPath ? `open ${emulator.hostPath}` : `serving on ${emulator.boardPath}`} at ${emulator.baudRate} baud; Ctrl-C to stop\n`)
      const stop = () => void emulator.stop().then(() => process.exit(0))
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
      await emulator.stopped
      process.stderr.write(`board emulator stopped after ${emulator.received.length} frames received\n`)
      process.exit(0)
    })
}
