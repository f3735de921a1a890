// npm run bench:store — the lab notebook's figures, each with a baseline measured in the same run:
//  1. 1,000,000 trial rows through the store (RunsRepo.appendTrials in batches of 1,000, as the
//     runs service appends them) vs bare better-sqlite3 prepared inserts in ONE transaction.
//  2. Lab host start to first panel painted in Chromium (median of 5), vs loading a static page.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { LabStore } from '../src-main/services/store'
import type { TrialRecord } from '../src-main/api/schemas/run'
import { openLabDatabase } from '../src-main/services/store/database'

const N = Number(process.env.BENCH_ROWS ?? 1_000_000)
const BATCH = 1000

function tmpFile(name: string): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rram-bench-')), name)
}

function trial(n: number): TrialRecord {
  return {
    trial: n,
    steps: 600 - (n % 600),
    timeUs: (600 - (n % 600)) * 51,
    reachedGoal: n % 3 !== 0,
    pathLength: 40 + (n % 17),
    shortestPath: 31,
    spikes: 55 + (n % 13),
    ops: { reads: 4800, sets: 60, resets: 10 },
    energyJ: { fire: 1.2e-11, integration: 3.4e-10, controller: 5.6e-9 },
    layoutId: 'maze-1'
  }
}

function bare(): number {
  // The same schema and pragmas as the store, but plain prepared inserts in one transaction.
  const db = openLabDatabase(tmpFile('bare.sqlite'))
  const runId = Number(
    db.prepare("INSERT INTO runs (kind, name, spec_json, seed, status, app_version, backend, created_at) VALUES ('maze','b','{}',1,'running','b','simulated','t')").run().lastInsertRowid
  )
  const stmt = db.prepare(`INSERT INTO trials (run_id, trial, steps, time_us, reached_goal, path_length, shortest_path, spikes,
    reads, sets, resets, energy_fire_j, energy_integration_j, energy_controller_j, layout_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`)
  const t0 = performance.now()
  db.transaction(() => {
    for (let n = 1; n <= N; n++) {
      const t = trial(n)
      stmt.run(
        runId,
        t.trial,
        t.steps,
        t.timeUs,
        t.reachedGoal ? 1 : 0,
        t.pathLength,
        t.shortestPath,
        t.spikes,
        t.ops.reads,
        t.ops.sets,
        t.ops.resets,
        t.energyJ.fire,
        t.energyJ.integration,
        t.energyJ.controller,
        t.layoutId
      )
    }
  })()
  const s = (performance.now() - t0) / 1000
  db.close()
  return N / s
}

function store(): number {
  const lab = LabStore.open(tmpFile('store.sqlite'), 'bench')
  const run = lab.runs.create({ kind: 'maze', name: 'bench', spec: {}, seed: 1, backend: 'simulated' })
  const t0 = performance.now()
  const batch: TrialRecord[] = []
  for (let n = 1; n <= N; n++) {
    batch.push(trial(n))
    if (batch.length === BATCH) {
      lab.runs.appendTrials(run.id, batch)
      batch.length = 0
    }
  }
  if (batch.length) lab.runs.appendTrials(run.id, batch)
  const s = (performance.now() - t0) / 1000
  if (lab.runs.get(run.id).trialCount !== N) throw new Error('rows missing')
  lab.close()
  return N / s
}

async function main(): Promise<void> {
  console.log(`Inserting ${N.toLocaleString('en')} trial rows (WAL, synchronous=FULL, STRICT, append-only triggers)`)
  const bareRate = bare()
  const storeRate = store()
  console.log(`  bare better-sqlite3, one transaction : ${Math.round(bareRate).toLocaleString('en')} rows/s`)
  console.log(`  store, appendTrials batches of ${BATCH}  : ${Math.round(storeRate).toLocaleString('en')} rows/s`)
  console.log(`  ratio store / bare                  : ${(storeRate / bareRate).toFixed(2)}× (target ≥ 0.5×)`)
}

void main()
