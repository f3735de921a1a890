import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { arrayList, planTasks, readBundle, sbatchScript, sweepHash, writeBundle } from './bundle'

const SWEEP = {
  name: 'I_C × V_STOP',
  base: { environment: { builtin: 'bianchi-maze-1' }, agent: { kind: 'bio-rram' }, trials: 5, maxStepsPerTrial: 100 },
  grid: { 'agent.programming.iComplianceUA': [50, 110, 160], 'agent.programming.vStopV': [-1.0, -1.6] },
  seeds: { count: 3, first: 7 }
}
const dirs: string[] = []
const tmpDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'rram-bundle-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})
const opts = (shards: number, extra: Partial<Parameters<typeof writeBundle>[2]> = {}) => ({ shards, sbatch: { args: [] }, node: '/usr/bin/node', cli: '/opt/rw/out/main/cli.js', ...extra })

describe('planTasks', () => {
  it('deals every (cell, seed) run to exactly one task, seed-major as the local runner queues them, round-robin', () => {
    const cells = [0, 1, 2].map((index) => ({ index, seeds: [7, 8] }))
    const tasks = planTasks(cells, 4)
    expect(tasks).toEqual([
      [
        [0, 7],
        [1, 8]
      ],
      [
        [1, 7],
        [2, 8]
      ],
      [[2, 7]],
      [[0, 8]]
    ])
    expect(planTasks(cells, 4)).toEqual(tasks)
    const all = tasks.flat().map(([c, s]) => `${c}|${s}`)
    expect(new Set(all).size).toBe(6)
  })
})

describe('arrayList', () => {
  it('writes ranges and the throttle as sbatch --array takes them', () => {
    expect(arrayList([0, 1, 2, 3])).toBe('0-3')
    expect(arrayList([3, 1, 7, 8, 9], 2)).toBe('1,3,7-9%2')
  })
})

describe('sweepHash', () => {
  it('is the same for the same sweep whatever its key order, and differs when a value does', () => {
    const reordered = { seeds: SWEEP.seeds, grid: SWEEP.grid, base: SWEEP.base, name: SWEEP.name }
    expect(sweepHash(reordered)).toBe(sweepHash(SWEEP))
    expect(sweepHash({ ...SWEEP, seeds: { count: 4, first: 7 } })).not.toBe(sweepHash(SWEEP))
  })
})

describe('writeBundle', () => {
  it('writes the sweep, its hash, the per-task runs and one job-array script running this node and CLI', () => {
    const dir = path.join(tmpDir(), 'b')
    const { manifest, script } = writeBundle(dir, SWEEP, opts(4, { sbatch: { partition: 'short', time: '00:10:00', memPerCpu: '2G', throttle: 2, args: ['--account=lab'] } }))
    expect(manifest).toMatchObject({ runs: 18, cells: 6, seedsPerCell: 3, shards: 4, hash: sweepHash(SWEEP) })
    expect(manifest.tasks.flat()).toHaveLength(18)
    expect(readBundle(dir).raw).toEqual(SWEEP)
    for (const line of ['#SBATCH --array=0-3%2', '#SBATCH --partition=short', '#SBATCH --time=00:10:00', '#SBATCH --mem-per-cpu=2G', '#SBATCH --account=lab'])
      expect(script.split('\n')).toContain(line)
    expect(script).toContain(`exec /usr/bin/node /opt/rw/out/main/cli.js slurm shard ${dir} --task "$SLURM_ARRAY_TASK_ID"`)
    expect(fs.readFileSync(path.join(dir, 'sweep.sbatch'), 'utf8')).toBe(sbatchScript(dir, manifest))
  })

  it('refuses an invalid sweep or sbatch option before writing anything', () => {
    const dir = path.join(tmpDir(), 'b')
    expect(() => writeBundle(dir, { ...SWEEP, grid: { 'agent.programming.iComplianceUA': [-5] } }, opts(2))).toThrow(/iComplianceUA/)
    expect(() => writeBundle(dir, SWEEP, opts(2, { sbatch: { time: 'soon', args: [] } }))).toThrow(/time/)
    expect(() => writeBundle(dir, SWEEP, opts(19))).toThrow(/19 shards for 18 runs/)
    expect(fs.existsSync(dir)).toBe(false)
  })

  it("keeps the sweep's id when the same sweep is written again, and refuses another sweep's folder unless forced", () => {
    const dir = path.join(tmpDir(), 'b')
    const first = writeBundle(dir, SWEEP, opts(3))
    fs.writeFileSync(path.join(dir, 'shards', '0000.sqlite'), 'x')
    expect(writeBundle(dir, SWEEP, opts(3)).manifest.sweepId).toBe(first.manifest.sweepId)
    expect(fs.existsSync(path.join(dir, 'shards', '0000.sqlite'))).toBe(true)
    const other = { ...SWEEP, name: 'another' }
    expect(() => writeBundle(dir, other, opts(3))).toThrow(/holds another sweep's bundle \("I_C × V_STOP"\).*--force/)
    expect(() => writeBundle(dir, SWEEP, opts(2))).toThrow(/in 3 shards, not 2/)
    expect(readBundle(dir).manifest.sweepId).toBe(first.manifest.sweepId)
    const forced = writeBundle(dir, other, opts(3, { force: true }))
    expect(forced.manifest.sweepId).not.toBe(first.manifest.sweepId)
    expect(fs.readdirSync(path.join(dir, 'shards'))).toEqual([])
  })

  it('refuses a bundle whose sweep.json was edited after it was written', () => {
    const dir = path.join(tmpDir(), 'b')
    writeBundle(dir, SWEEP, opts(2))
    fs.writeFileSync(path.join(dir, 'sweep.json'), JSON.stringify({ ...SWEEP, seeds: { count: 1, first: 7 } }))
    expect(() => readBundle(dir)).toThrow(/does not match the hash/)
  })
})
