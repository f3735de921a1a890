import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../services/store/test-helpers'

const root = path.join(__dirname, '..', '..', '..')
function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'src-main', 'cli', 'index.ts'), ...args], { cwd: root, timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr })
    )
  })
}

describe('rram-workbench reproduce (CLI)', () => {
  it('refuses an unknown figure, --seeds 0 and a notebook it cannot write: one line, exit ≠ 0, nothing stored', async () => {
    const dir = tempDir()
    const db = path.join(dir, 'lab.sqlite')
    const unknown = await cli(['reproduce', 'table1', 'fig9z', '--db', db])
    const zero = await cli(['reproduce', 'fig4g', '--seeds', '0', '--db', db])
    fs.writeFileSync(path.join(dir, 'a-file'), 'not a folder')
    const unwritable = await cli(['reproduce', 'fig4g', '--db', path.join(dir, 'a-file', 'lab.sqlite')])
    for (const [r, pattern] of [
      [unknown, /^error: unknown figure "fig9z": expected one of table1, fig4b/],
      [zero, /^error: --seeds: expected an integer ≥ 1, got "0"$/],
      [unwritable, /^error: --db .*a-file\/lab\.sqlite: cannot open the notebook/]
    ] as const) {
      expect(r.code).not.toBe(0)
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(pattern)])
      expect(r.stdout).toBe('')
    }
    expect(fs.existsSync(db)).toBe(false)
  })

  it('--json prints { figures: { NAME: … } } from stored runs; fig4b and fig4c share their runs; --out writes CSV, PNG and index.html', async () => {
    const dir = tempDir()
    const db = path.join(dir, 'lab.sqlite')
    const out = path.join(dir, 'report')
    const r = await cli(['reproduce', 'table1', 'fig4b', 'fig4c', 'fig4g', '--seeds', '1', '--workers', '2', '--db', db, '--json', '--out', out])
    expect(r.code, r.stderr).toBe(0)
    const { figures } = JSON.parse(r.stdout)
    expect(Object.keys(figures)).toEqual(['table1', 'fig4b', 'fig4c', 'fig4g'])
    expect(figures.table1.cells).toHaveLength(20)
    expect(figures.table1.cells[0]).toEqual({ iComplianceUA: 50, vStopV: -1, accuracy: expect.any(Number), seeds: 1 })
    expect(figures.fig4b.trials).toHaveLength(180)
    expect(figures.fig4b.trials.map((t: { layout: string }) => t.layout).filter((l: string, k: number, a: string[]) => l !== a[k - 1])).toEqual(['bianchi-maze-1', 'bianchi-maze-2', 'bianchi-maze-1'])
    expect(figures.fig4b.cutoffUs).toBe(900) // examples/bianchi-dynamic-maze.json: hardwareTime.cutoffUs
    expect(figures.fig4c.trials).toHaveLength(180)
    expect(figures.fig4c.trials[0].controllerJ).toBeGreaterThan(0)
    expect(figures.fig4g.rows.at(-1)).toMatchObject({ positions: 4_000_000, bioRram: 64_000_000, qTable: 32_000_000 })
    expect(figures.table1.partial).toBeUndefined()

    const notebook = new Database(db, { readonly: true })
    let mazeRunId = 0
    try {
      // 20 sweep cells × 1 seed, and ONE dynamic-maze run for both fig4b and fig4c.
      expect(notebook.prepare("SELECT count(*) AS n FROM runs WHERE kind = 'sweep'").get()).toEqual({ n: 20 })
      const maze = notebook.prepare("SELECT id, tags_json, notes FROM runs WHERE kind = 'maze'").all() as { id: number; tags_json: string; notes: string }[]
      expect(maze).toHaveLength(1)
      mazeRunId = maze[0].id
      expect(figures.fig4b.runIds).toEqual([mazeRunId])
      expect(JSON.parse(maze[0].tags_json)).toEqual(['reproduce', 'fig4b', 'fig4c'])
    } finally {
      notebook.close()
    }
    expect(fs.readdirSync(out).sort()).toEqual(['fig4b-seeds.csv', 'fig4b.csv', 'fig4b.png', 'fig4c.csv', 'fig4c.png', 'fig4g.csv', 'fig4g.png', 'index.html', 'table1.csv', 'table1.png'])
    expect(fs.readFileSync(path.join(out, 'table1.png')).subarray(1, 4).toString()).toBe('PNG')
    expect(fs.readFileSync(path.join(out, 'table1.csv'), 'utf8').split('\n')[0]).toBe('i_compliance_uA,v_stop_V,accuracy,seeds,paper_accuracy')
    // fig4b's seeds: one row per seed and maze phase (1 seed here; maze 1, 2, 1).
    const seeds = fs.readFileSync(path.join(out, 'fig4b-seeds.csv'), 'utf8').trim().split('\n')
    expect(seeds[0]).toBe('seed,run_id,phase,layout,first_trial,last_trial,timeouts,relearning_trials,path_blocked,first_trial_timed_out')
    const rows = seeds.slice(1).map((line) => line.split(','))
    expect(rows.map((r) => [r[0], ...r.slice(2, 6)].join(','))).toEqual(['1,1,bianchi-maze-1,1,60', '1,2,bianchi-maze-2,61,120', '1,3,bianchi-maze-1,121,180'])
    // Whether each change blocked the route of trials 60 and 120 (read from the notebook's stored paths): known after
    // each change, empty for the first maze, which follows no change.
    expect(rows.map((r) => r.slice(8).map((x) => (x === '' ? '' : x === '0' || x === '1' ? 'flag' : x)))).toEqual([
      ['', ''],
      ['flag', 'flag'],
      ['flag', 'flag']
    ])
    // The run id is the dynamic-maze run in the notebook, so the CSV leads to the run behind each row.
    expect(new Set(rows.map((r) => Number(r[1])))).toEqual(new Set([mazeRunId]))
    const html = fs.readFileSync(path.join(out, 'index.html'), 'utf8')
    expect(html).toContain('<img src="table1.png"')
    expect(html).toContain('paper 69.4 %')
    expect(html).toContain('<a href="fig4b-seeds.csv" download="fig4b-seeds.csv">fig4b-seeds.csv</a>')
  })
})
