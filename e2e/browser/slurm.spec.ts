import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { test, expect } from '@playwright/test'
import type { Browser, Page } from 'playwright-core'
import { launchChromium } from '../support/chromium'
import { OUT_DIR, startHost, type RunningHost } from '../support/lab-host'
import { screenshot } from '../support/screenshots'
import { RunsPage } from '../pages/runs'

// Sweeps on a real one-node Slurm (scripts/slurm-local.sh: munged, slurmctld, slurmd from Debian's
// packages, started here and stopped in afterAll, also when a test fails). Needs root and the packages
// (.ci/run installs them).
test.describe.configure({ mode: 'serial' })

const ROOT = path.resolve(__dirname, '..', '..')
const SCRIPT = path.join(ROOT, 'scripts', 'slurm-local.sh')
const CLI = path.join(OUT_DIR, 'main', 'cli.js')
const haveSlurm = process.getuid?.() === 0 && ['sbatch', 'slurmctld', 'slurmd', 'munged'].every((c) => spawnSync('sh', ['-c', `command -v ${c}`]).status === 0)
test.skip(!haveSlurm, "needs root and Debian's slurmctld, slurmd, slurm-client and munge (.ci/run installs them)")

let slurmDir = ''
let tmp = ''
let host: RunningHost | undefined
let browser: Browser | undefined
let page: Page
const stopSlurm = () => {
  if (!slurmDir) return
  const dir = slurmDir
  slurmDir = ''
  spawnSync(SCRIPT, ['stop', dir], { stdio: 'inherit' })
}
// Should the runner itself die, the daemons still go.
process.once('exit', stopSlurm)

// Table 1's grid (I_C × V_STOP, 20 cells) with 2 seeds per cell: 40 runs of the example's trials.
const SWEEP = { ...JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', 'table1-sweep.json'), 'utf8')), seeds: { count: 2, first: 1 } }
const RUNS = 40
const TRIALS = SWEEP.base.trials as number

function cli(args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: tmp, encoding: 'utf8', env: process.env, timeout: 120_000 })
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}
function ok(args: string[]): string {
  const r = cli(args)
  expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0)
  return r.stdout
}
type Status = { counts: Record<string, number>; tasks: { task: number; state: string; detail: string | null }[]; jobs: { jobId: string }[] }
const status = (dir: string) => JSON.parse(ok(['slurm', 'status', dir, '--json'])) as Status
async function settled(dir: string, timeoutMs = 90_000): Promise<Status> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const s = status(dir)
    if (s.counts.running + s.counts.pending === 0) return s
    if (Date.now() > end) throw new Error(`tasks still queued after ${timeoutMs} ms: ${JSON.stringify(s.counts)}`)
    await new Promise((r) => setTimeout(r, 500))
  }
}

/** Every trial row, keyed by cell, seed and trial: what "identical trial for trial" compares. */
function trialsByKey(file: string): Map<string, unknown[]> {
  const db = new BetterSqlite3(file, { readonly: true })
  try {
    const rows = db
      .prepare(`SELECT substr(r.group_id, instr(r.group_id, '#') + 1) AS cell, r.seed, t.* FROM runs r JOIN trials t ON t.run_id = r.id WHERE r.kind = 'sweep' ORDER BY 1, 2, t.trial`)
      .raw()
      .all() as unknown[][]
    const cols = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('trials') as string[]
    const runIdAt = 2 + cols.indexOf('run_id')
    return new Map(rows.map((r) => [`${r[0]}|${r[1]}|${r[2 + cols.indexOf('trial')]}`, r.filter((_, i) => i !== runIdAt)]))
  } finally {
    db.close()
  }
}
const count = (file: string, sql: string) => {
  const db = new BetterSqlite3(file, { readonly: true })
  try {
    return db.prepare(sql).pluck().get() as number
  } finally {
    db.close()
  }
}

test.beforeAll(async () => {
  test.setTimeout(60_000)
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rram-slurm-e2e-'))
  slurmDir = execFileSync(SCRIPT, ['start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
    .trim()
    .split('\n')
    .at(-1)!
  // The CLI, the lab host and the array tasks all reach this cluster through SLURM_CONF.
  process.env.SLURM_CONF = path.join(slurmDir, 'slurm.conf')
  fs.writeFileSync(path.join(tmp, 'table1.json'), JSON.stringify(SWEEP))
  host = await startHost()
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
})

test.afterAll(async () => {
  await browser?.close()
  await host?.stop()
  stopSlurm()
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
})

test('a sweep submitted as 4 array tasks merges into one sweep, identical trial for trial to the same sweep run locally', async () => {
  test.setTimeout(150_000)
  const bundle = path.join(tmp, 'b1')
  const jobId = ok(['sweep', 'table1.json', '--slurm', bundle, '--shards', '4']).trim()
  expect(jobId).toMatch(/^\d+$/)
  const script = fs.readFileSync(path.join(bundle, 'sweep.sbatch'), 'utf8')
  expect(script).toContain('#SBATCH --array=0-3')
  expect(script).toContain(`${process.execPath} ${CLI} slurm shard ${bundle}`)
  // The local run meanwhile, on the worker pool.
  ok(['sweep', 'table1.json', '--db', 'local.sqlite', '--workers', '1'])
  const s = await settled(bundle)
  expect(s.counts).toMatchObject({ done: 4, failed: 0, missing: 0 })

  const merged = JSON.parse(ok(['slurm', 'merge', bundle, '--db', 'merged.sqlite', '--json'])) as { runsAdded: number; trialsAdded: number; tasksMerged: number[] }
  expect(merged).toMatchObject({ runsAdded: RUNS, trialsAdded: RUNS * TRIALS, tasksMerged: [0, 1, 2, 3] })
  const local = trialsByKey(path.join(tmp, 'local.sqlite'))
  const cluster = trialsByKey(path.join(tmp, 'merged.sqlite'))
  expect(cluster.size).toBe(RUNS * TRIALS)
  expect([...cluster.keys()]).toEqual([...local.keys()])
  for (const [k, row] of local) expect(cluster.get(k), k).toEqual(row)
  // One sweep; each run says where it ran; the audit log holds the provenance.
  expect(count(path.join(tmp, 'merged.sqlite'), 'SELECT count(*) FROM sweeps')).toBe(1)
  expect(count(path.join(tmp, 'merged.sqlite'), `SELECT count(*) FROM runs WHERE notes LIKE '%job ${jobId}\\_%' ESCAPE '\\' AND notes LIKE '%host ${os.hostname()}%'`)).toBe(RUNS)
  expect(count(path.join(tmp, 'merged.sqlite'), `SELECT count(*) FROM audit_log WHERE action = 'merge' AND details_json LIKE '%"cluster":"local"%'`)).toBe(1)
  // Merging twice adds nothing.
  const again = JSON.parse(ok(['slurm', 'merge', bundle, '--db', 'merged.sqlite', '--json'])) as { runsAdded: number; runsAlreadyMerged: number }
  expect(again).toMatchObject({ runsAdded: 0, runsAlreadyMerged: RUNS })
  expect(count(path.join(tmp, 'merged.sqlite'), 'SELECT count(*) FROM runs')).toBe(RUNS)
})

test('a cancelled task shows missing, --resubmit runs only it, and the merge completes', async () => {
  test.setTimeout(150_000)
  const bundle = path.join(tmp, 'b2')
  // %1: one task at a time, so task 3 is still pending when it is cancelled.
  const jobId = ok(['sweep', 'table1.json', '--slurm', bundle, '--shards', '4', '--throttle', '1']).trim()
  execFileSync('scancel', [`${jobId}_3`])
  const s = await settled(bundle)
  expect(s.tasks.map((t) => t.state)).toEqual(['done', 'done', 'done', 'missing'])
  expect(ok(['slurm', 'status', bundle])).toMatch(/missing\s+1\s+3 \((not in the queue|CA)\)/)

  const first = JSON.parse(ok(['slurm', 'merge', bundle, '--db', 'merged2.sqlite', '--resubmit', '--json'])) as {
    tasksMissing: number[]
    runsAdded: number
    resubmitted: { tasks: number[]; array: string; jobId: string }
  }
  expect(first.tasksMissing).toEqual([3])
  expect(first.runsAdded).toBe(RUNS - RUNS / 4)
  expect(first.resubmitted).toMatchObject({ tasks: [3], array: '3%1' })
  expect(Number(first.resubmitted.jobId)).toBeGreaterThan(Number(jobId))
  const after = await settled(bundle)
  expect(after.counts).toMatchObject({ done: 4, missing: 0 })
  const second = JSON.parse(ok(['slurm', 'merge', bundle, '--db', 'merged2.sqlite', '--json'])) as { runsAdded: number; runsAlreadyMerged: number }
  expect(second).toMatchObject({ runsAdded: RUNS / 4, runsAlreadyMerged: RUNS - RUNS / 4 })
  expect(count(path.join(tmp, 'merged2.sqlite'), 'SELECT count(*) FROM trials')).toBe(RUNS * TRIALS)
  expect(count(path.join(tmp, 'merged2.sqlite'), 'SELECT count(*) FROM sweeps')).toBe(1)
})

test('a corrupted shard, a shard of another sweep, a bad sweep, a failing sbatch and a folder of another sweep are refused; nothing is written', () => {
  const b1 = path.join(tmp, 'b1')
  const b3 = path.join(tmp, 'b3')
  fs.cpSync(b1, b3, { recursive: true })
  // Garbage over the middle of shard 2's pages.
  const shard = path.join(b3, 'shards', '0002.sqlite')
  const fd = fs.openSync(shard, 'r+')
  fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 4096)
  fs.closeSync(fd)
  let r = cli(['slurm', 'merge', b3, '--db', 'refused.sqlite'])
  expect(r.status).toBe(1)
  expect(r.stderr).toMatch(/^error: shards\/0002\.sqlite: .*nothing was merged/)
  expect(r.stderr.trim().split('\n')).toHaveLength(1)
  expect(count(path.join(tmp, 'refused.sqlite'), 'SELECT (SELECT count(*) FROM runs) + (SELECT count(*) FROM sweeps)')).toBe(0)

  // b2 ran the same grid under another sweep id: its shard does not belong to b1's sweep.
  fs.copyFileSync(path.join(tmp, 'b2', 'shards', '0002.sqlite'), shard)
  r = cli(['slurm', 'merge', b3, '--db', 'refused.sqlite'])
  expect(r.stderr).toMatch(/^error: shards\/0002\.sqlite belongs to another sweep .*nothing was merged/)
  expect(count(path.join(tmp, 'refused.sqlite'), 'SELECT (SELECT count(*) FROM runs) + (SELECT count(*) FROM sweeps)')).toBe(0)

  fs.writeFileSync(path.join(tmp, 'bad.json'), JSON.stringify({ ...SWEEP, grid: { 'agent.programming.iComplianceUA': [-5] } }))
  r = cli(['sweep', 'bad.json', '--slurm', path.join(tmp, 'b4')])
  expect(r.status).toBe(1)
  expect(r.stderr).toMatch(/^error: bad\.json: .*iComplianceUA/)
  expect(fs.existsSync(path.join(tmp, 'b4'))).toBe(false)

  r = cli(['sweep', 'table1.json', '--slurm', path.join(tmp, 'b5'), '--partition', 'nosuch'])
  expect(r.status).toBe(1)
  expect(r.stderr).toMatch(/^error: sbatch failed: .*[Ii]nvalid partition/)
  expect(r.stderr.trim().split('\n')).toHaveLength(1)

  fs.writeFileSync(path.join(tmp, 'other.json'), JSON.stringify({ ...SWEEP, name: 'another sweep' }))
  r = cli(['sweep', 'other.json', '--slurm', b1, '--dry-run'])
  expect(r.status).toBe(1)
  expect(r.stderr).toMatch(/holds another sweep's bundle .*--force/)
  expect(fs.readdirSync(path.join(b1, 'shards'))).toHaveLength(4)
  expect(cli(['sweep', 'other.json', '--slurm', path.join(tmp, 'b5'), '--dry-run', '--force']).status).toBe(0)
})

test('the Sweeps view submits a sweep to the cluster, shows its tasks, and merges it into the accuracy table', async () => {
  test.setTimeout(120_000)
  const runsPage = new RunsPage(page)
  await runsPage.open(host!.url, '/sweeps')
  const view = runsPage.root.getByTestId('sweeps-view')
  await view.getByTestId('sweep-example').selectOption('table1-sweep.json')
  await view.getByPlaceholder('as in the file').fill('2')
  await view.getByTestId('sweep-cluster').click()
  const dialog = page.getByTestId('cluster-dialog')
  const bundle = path.join(tmp, 'ui')
  await dialog.getByTestId('cluster-dir').fill(bundle)
  await dialog.getByTestId('cluster-shards').fill('4')
  await dialog.getByTestId('cluster-throttle').fill('1')
  await screenshot(page, 'slurm-0-dialog')
  await dialog.getByTestId('cluster-submit').click()
  await expect(dialog).toBeHidden()
  const card = view.getByTestId('cluster-bundle').filter({ hasText: bundle })
  await expect(card.getByTestId('cluster-status')).toContainText(/pending|running/)
  await screenshot(page, 'slurm-1-submitted')
  await expect(card.getByTestId('cluster-status')).toContainText('4 done', { timeout: 90_000 })
  await card.getByTestId('cluster-merge').click()
  await expect(card.getByTestId('cluster-merged')).toContainText(`Merged 4 of 4 shards: ${RUNS} runs added`)
  // The merged sweep is selected, and its accuracy table is the one the local run gave.
  await expect(view.getByTestId('sweep-progress')).toContainText(`${RUNS} of ${RUNS} runs finished`)
  await expect(view.getByTestId('sweep-table').locator('tbody td')).toHaveText(Array(20).fill(/^\d+ %$/))
  await screenshot(page, 'slurm-2-merged')
})

test('where sbatch is not installed, "Run on cluster…" writes the bundle and shows the command for the login node', async () => {
  test.setTimeout(60_000)
  // A second lab host that finds no Slurm client on its PATH (node itself is started by absolute path).
  const path0 = process.env.PATH
  process.env.PATH = '/nonexistent'
  let bare: RunningHost
  try {
    bare = await startHost()
  } finally {
    process.env.PATH = path0
  }
  try {
    const runsPage = new RunsPage(page)
    await runsPage.open(bare.url, '/sweeps')
    const view = runsPage.root.getByTestId('sweeps-view')
    await view.getByTestId('sweep-example').selectOption('table1-sweep.json')
    await view.getByTestId('sweep-cluster').click()
    const dialog = page.getByTestId('cluster-dialog')
    const bundle = path.join(tmp, 'no-sbatch')
    await dialog.getByTestId('cluster-dir').fill(bundle)
    await dialog.getByTestId('cluster-shards').fill('8')
    await dialog.getByTestId('cluster-submit').click()
    await expect(dialog.getByTestId('cluster-command')).toContainText(`sbatch ${bundle}/sweep.sbatch`)
    await expect(dialog.getByTestId('cluster-command')).toContainText('400 runs in 8 tasks')
    await expect(view.getByTestId('cluster-bundle').filter({ hasText: bundle }).getByTestId('cluster-status')).toContainText('8 unsubmitted')
    await screenshot(page, 'slurm-3-no-sbatch')
    expect(fs.existsSync(path.join(bundle, 'sweep.sbatch'))).toBe(true)
    expect(fs.existsSync(path.join(bundle, 'jobs.json'))).toBe(false)
  } finally {
    await bare.stop()
  }
})
