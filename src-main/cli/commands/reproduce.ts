import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { FIGURES, isFigureName, type FigureName } from '../../../src-core/experiment/figures'
import { Services } from '../../services'
import { defaultDbFile } from '../../services/store/default-location'
import type { ReproductionStatus } from '../../services/reproduce/reproduce-service'
import { fail } from '../options'

function parseCount(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1) fail(`${flag}: expected an integer ≥ 1, got "${text}"`)
  return n
}

function progressLine(s: ReproductionStatus, elapsedS: number): string {
  const figs = s.figures.map((f) => `${f.figure} ${f.state === 'done' ? 'done' : f.state === 'partial' ? 'partial' : `${f.runsDone}/${f.runs}`}`)
  return `${elapsedS.toFixed(0)} s · ${figs.join(' · ')}`
}

/** `reproduce [FIGURE…]`: the paper's figures, each from stored runs of the workbench's own worker pool. */
export function registerReproduce(program: Command): void {
  program
    .command('reproduce')
    .description("reproduce the paper's figures (Bianchi et al. 2023) from runs stored in the notebook; prints each figure's numbers")
    .argument('[figures...]', `figures: ${FIGURES.join(' ')} (default: all)`)
    .option('--seeds <n>', 'seeds of every figure (default: each figure its own, docs/reproduce.md)')
    .option('--workers <n>', 'worker threads (default: one per core)')
    .option('--db <file>', 'SQLite lab notebook (created if missing)', defaultDbFile())
    .option('--out <dir>', 'write NAME.csv and NAME.png per figure (and fig4b-seeds.csv, per seed and maze phase) and one index.html report')
    .option('--json', 'print { "figures": { NAME: … } } (shapes in docs/reproduce.md)')
    .addHelpText('after', '\nCtrl-C cancels: what finished is kept, and the figures it cut short are reported with "partial": true.')
    .action(async (names: string[], opts: { seeds?: string; workers?: string; db: string; out?: string; json?: boolean }) => {
      const unknown = names.filter((n) => !isFigureName(n))
      if (unknown.length) fail(`unknown figure ${unknown.map((n) => `"${n}"`).join(', ')}: expected one of ${FIGURES.join(', ')}`)
      const figures: FigureName[] = names.length ? (names as FigureName[]) : [...FIGURES]
      const seeds = parseCount(opts.seeds, '--seeds')
      const workers = parseCount(opts.workers, '--workers')
      let services: Services
      try {
        if (opts.db !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(opts.db)), { recursive: true })
        services = new Services({ dbFile: opts.db, runWorkers: workers })
      } catch (e) {
        fail(`--db ${opts.db}: cannot open the notebook for writing: ${(e as Error).message.split('\n')[0]}`)
      }
      const started = Date.now()
      const tty = process.stderr.isTTY === true
      let lastPrint = 0
      let lastLine = ''
      const print = (s: ReproductionStatus, force = false) => {
        const now = Date.now()
        const line = progressLine(s, (now - started) / 1000)
        if (!force && (now - lastPrint < (tty ? 250 : 5000) || line === lastLine)) return
        lastPrint = now
        lastLine = line
        process.stderr.write(tty ? `\r\x1b[K${line}` : `${line}\n`)
      }
      let cancelled = false
      const onSigint = () => {
        if (cancelled) process.exit(130)
        cancelled = true
        process.stderr.write(`${tty ? '\n' : ''}cancelling: finished runs are kept (Ctrl-C again to quit at once)\n`)
        try {
          services.reproduce.cancel()
        } catch {
          // already ended
        }
      }
      process.on('SIGINT', onSigint)
      try {
        const figureDone = new Set<string>()
        services.reproduce.onProgress((s) => {
          print(s)
          for (const f of s.figures)
            if ((f.state === 'done' || f.state === 'partial') && !figureDone.has(f.figure)) {
              figureDone.add(f.figure)
              print(s, true)
            }
        })
        services.reproduce.start({ figures, seeds })
        const final = await services.reproduce.whenDone()
        print(final, true)
        if (tty) process.stderr.write('\n')
        process.stderr.write(`reproduce: ${final.state} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
        const { figureSummary, writeReport } = await import('../../services/reproduce/report')
        if (opts.out) {
          const files = writeReport(opts.out, final)
          process.stderr.write(`wrote ${files.length} files to ${opts.out} (open ${path.join(opts.out, 'index.html')})\n`)
        }
        if (opts.json) {
          const out: Record<string, unknown> = {}
          for (const f of final.figures) if (f.result) out[f.figure] = f.result
          process.stdout.write(JSON.stringify({ figures: out }) + '\n')
        } else {
          for (const f of final.figures) if (f.result) process.stdout.write(`${f.figure}${f.result.partial ? ' (partial)' : ''}: ${figureSummary(f.figure, f.result)}\n`)
        }
        process.off('SIGINT', onSigint)
        await services.close()
        if (final.state === 'cancelled') process.exit(130)
      } catch (e) {
        process.off('SIGINT', onSigint)
        await services.close()
        fail(`reproduce: ${(e as Error).message}`)
      }
    })
}
