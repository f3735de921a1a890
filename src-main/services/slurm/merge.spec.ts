import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openLabDatabase } from '../store/database'
import { tempDir } from '../store/test-helpers'
import { shardFile, writeBundle } from './bundle'
import { mergeShards } from './merge'
import { readShardInfo, runShard } from './shard-runner'

// A small q-table sweep (2 cells × 3 seeds × 4 trials) in 3 shards, run in this process's worker pool.
const SWEEP = {
  name: 'merge test',
  base: { environment: { builtin: 'bianchi-maze-1' }, agent: { kind: 'q-table' }, trials: 4, maxStepsPerTrial: 80 },
  grid: { 'agent.learningRate': [0.2, 0.8] },
  seeds: { count: 3, first: 1 }
}
const root = tempDir()
const bundle = path.join(root, 'b')
const other = path.join(root, 'other')
const opts = { shards: 3, sbatch: { args: [] }, node: '/usr/bin/node', cli: '/x/cli.js' }
const env = { SLURM_ARRAY_JOB_ID: '77', SLURM_JOB_ID: '78', SLURM_CLUSTER_NAME: 'testcluster' }

beforeAll(async () => {
  writeBundle(bundle, SWEEP, opts)
  writeBundle(other, SWEEP, opts) // the same grid, another sweep id
  for (const task of [0, 1]) await runShard(bundle, task, { workers: 2, env })
  await runShard(other, 0, { workers: 2, env })
}, 60_000)
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

const counts = (db: ReturnType<typeof openLabDatabase>) => db.prepare('SELECT (SELECT count(*) FROM sweeps), (SELECT count(*) FROM runs), (SELECT count(*) FROM trials)').raw().get()

describe('runShard', () => {
  it('writes one self-contained shard (no -wal beside it) describing its task, and no temporary file', () => {
    const info = readShardInfo(shardFile(bundle, 0))!
    expect(info).toMatchObject({ task: 0, runs: 2, trials: 8, arrayJobId: '77', jobId: '78', cluster: 'testcluster' })
    expect(fs.readdirSync(path.join(bundle, 'shards')).sort()).toEqual(['0000.sqlite', '0001.sqlite'])
  })
})

describe('mergeShards', () => {
  it('merges the finished shards as one sweep with provenance, and merging again adds nothing', () => {
    const db = openLabDatabase(path.join(root, 'lab.sqlite'))
    try {
      const first = mergeShards(db, bundle)
      expect(first).toMatchObject({ tasksMerged: [0, 1], tasksMissing: [2], runsAdded: 4, trialsAdded: 16, runsAlreadyMerged: 0 })
      expect(counts(db)).toEqual([1, 4, 16])
      const notes = db.prepare('SELECT notes FROM runs').pluck().all() as string[]
      expect(new Set(notes)).toEqual(
        new Set([
          'slurm: cluster testcluster, job 77_0 (78), host ' + readShardInfo(shardFile(bundle, 0))!.host,
          'slurm: cluster testcluster, job 77_1 (78), host ' + readShardInfo(shardFile(bundle, 1))!.host
        ])
      )
      expect(mergeShards(db, bundle)).toMatchObject({ runsAdded: 0, trialsAdded: 0, runsAlreadyMerged: 4 })
      expect(counts(db)).toEqual([1, 4, 16])
      expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'merge'").pluck().get()).toBe(1)
    } finally {
      db.close()
    }
  })

  it('refuses a shard of another sweep and a damaged shard by name, writing nothing', () => {
    const copy = path.join(root, 'copy')
    fs.cpSync(bundle, copy, { recursive: true })
    fs.copyFileSync(shardFile(other, 0), shardFile(copy, 1))
    const db = openLabDatabase(path.join(root, 'lab2.sqlite'))
    try {
      expect(() => mergeShards(db, copy)).toThrow(/^shards\/0001\.sqlite belongs to another sweep .*nothing was merged/)
      expect(counts(db)).toEqual([0, 0, 0])
      fs.writeFileSync(shardFile(copy, 1), fs.readFileSync(shardFile(bundle, 1)).subarray(0, 8192))
      expect(() => mergeShards(db, copy)).toThrow(/^shards\/0001\.sqlite: .*nothing was merged/)
      expect(counts(db)).toEqual([0, 0, 0])
    } finally {
      db.close()
    }
  })
})
