import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { Services } from '../../services'
import { defaultDbFile } from '../../services/store/default-location'
import { fail } from '../options'

function parseCount(text: string, flag: string, min: number): number {
  const n = Number(text)
  if (!Number.isInteger(n) || n < min) fail(`${flag}: expected an integer ≥ ${min}, got "${text}"`)
  return n
}

export function readSpecFile(file: string): unknown {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (e) {
    fail(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`)
  }
  try {
    return JSON.parse(text)
  } catch (e) {
    fail(`${file}: not JSON: ${(e as Error).message}`)
  }
}

/** `run SPEC.json`: a maze run (N seeds = N runs of one group) through the same services as the app. */
export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run a maze experiment from a run spec; stores the runs and their trials in the notebook')
    .argument('<spec>', 'run spec (JSON, see docs/experiment-spec.md)')
    .option('--seeds <n>', 'number of seeds: N runs in one group', '1')
    .option('--seed <s>', 'first seed (then s+1, …); default: the spec’s seed or a random one')
    .option('--db <file>', 'SQLite lab notebook (created if missing)', defaultDbFile())
    .option('--workers <n>', 'worker threads (default: one per core)')
    .option('--json', 'print { runs: [ { id, seed, trials: [...] } ] } instead of a summary')
    .addHelpText(
      'after',
      '\nTransfer learning: a spec with "initialState": { "run": ID, "trial"?: N } starts a bio-rram run from the\n' +
        'device state stored run ID learned (read from --db; see docs/experiment-spec.md).'
    )
    .action(async (specFile: string, opts: { seeds: string; seed?: string; db: string; workers?: string; json?: boolean }) => {
      const spec = readSpecFile(specFile) as Record<string, unknown>
      const seeds = parseCount(opts.seeds, '--seeds', 1)
      const seed = opts.seed !== undefined ? parseCount(opts.seed, '--seed', 0) : undefined
      fs.mkdirSync(path.dirname(path.resolve(opts.db)), { recursive: true })
      const services = new Services({ dbFile: opts.db, runWorkers: opts.workers ? parseCount(opts.workers, '--workers', 1) : undefined })
      const name = typeof spec?.name === 'string' ? spec.name : path.basename(specFile, '.json')
      try {
        const readMazeFile = (file: string) => fs.readFileSync(path.resolve(path.dirname(specFile), file), 'utf8')
        const started = services.runs.start({ spec, name, seeds, ...(seed !== undefined ? { seed } : {}) }, { readMazeFile })
        if (!opts.json) {
          services.events.on('runs.progress', (p) => {
            if (p.record && (p.record.trial % 10 === 0 || p.record.trial === p.of))
              process.stderr.write(`run ${p.runId}: trial ${p.record.trial}/${p.of}, ${p.record.steps} steps${p.record.reachedGoal ? '' : ' (no goal)'}\n`)
          })
        }
        const ended = await Promise.all(started.map((r) => services.runs.whenSettled(r.id)))
        const failed = ended.filter((r) => r.status !== 'done')
        if (opts.json) {
          const runs = ended.map((r) => ({ id: r.id, seed: r.seed, trials: services.store.runs.trials(r.id).map(({ layoutId: _layout, ...t }) => t) }))
          process.stdout.write(JSON.stringify({ runs }) + '\n')
        } else {
          for (const r of ended) process.stdout.write(`run ${r.id} seed ${r.seed}: ${r.status}, ${r.trialCount} trials${r.finalSteps !== null ? `, final steps ${r.finalSteps.toFixed(1)}` : ''}\n`)
        }
        await services.close()
        if (failed.length > 0) fail(failed.map((r) => `run ${r.id} ${r.status}${r.error ? `: ${r.error}` : ''}`).join('; '))
      } catch (e) {
        await services.close()
        fail(`${specFile}: ${(e as Error).message}`)
      }
    })
}
