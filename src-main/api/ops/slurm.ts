import { z } from 'zod'
import { op } from './op'

const dir = z
  .string()
  .trim()
  .min(1, "a folder on the cluster's shared file system")
  .max(1000)
  .refine((d) => d.startsWith('/'), { message: 'expected an absolute path' })
const taskState = z.enum(['done', 'running', 'pending', 'failed', 'missing', 'unsubmitted', 'unknown'])
const job = z.object({ jobId: z.string(), array: z.string(), at: z.string() })

export const slurmOps = {
  /**
   * Write a sweep's Slurm bundle in `dir` (docs/scale-out.md) and submit it as one job array when
   * `sbatch` is on this machine; otherwise the bundle is written and `command` is what to run on the
   * cluster's login node. Nothing is written for an invalid sweep or options.
   */
  'slurm.submit': op(
    z
      .object({
        sweep: z.unknown(),
        dir,
        shards: z.number().int().min(1).max(100_000).optional(),
        partition: z.string().trim().max(100).optional(),
        time: z.string().trim().max(30).optional(),
        memPerCpu: z.string().trim().max(30).optional(),
        throttle: z.number().int().min(1).max(100_000).optional(),
        sbatchArgs: z.array(z.string().max(300)).max(50).default([]),
        force: z.boolean().default(false)
      })
      .strict(),
    z.object({
      dir: z.string(),
      sweepId: z.string(),
      name: z.string(),
      runs: z.number().int(),
      shards: z.number().int(),
      script: z.string(),
      command: z.string(),
      jobId: z.string().nullable(),
      reason: z.string().nullable()
    })
  ),
  /** A bundle's tasks: done, running, pending, failed, missing (squeue where reachable, and the shard files). */
  'slurm.status': op(
    z.object({ dir }).strict(),
    z.object({
      dir: z.string(),
      sweepId: z.string(),
      name: z.string(),
      hash: z.string(),
      runs: z.number().int(),
      shards: z.number().int(),
      jobs: z.array(job),
      counts: z.record(taskState, z.number().int()),
      tasks: z.array(z.object({ task: z.number().int(), state: taskState, jobId: z.string().nullable(), node: z.string().nullable(), detail: z.string().nullable() })),
      queue: z.object({ reachable: z.boolean(), error: z.string().nullable() })
    })
  ),
  /** Check the finished shards and merge them into this notebook as one sweep (twice adds nothing); `resubmit`: then resubmit the failed and missing tasks. */
  'slurm.merge': op(
    z.object({ dir, resubmit: z.boolean().default(false) }).strict(),
    z.object({
      sweepId: z.string(),
      name: z.string(),
      tasksMerged: z.array(z.number().int()),
      tasksMissing: z.array(z.number().int()),
      runsAdded: z.number().int(),
      trialsAdded: z.number().int(),
      runsAlreadyMerged: z.number().int(),
      checkMs: z.number(),
      ms: z.number(),
      resubmitted: job.extend({ tasks: z.array(z.number().int()) }).nullable()
    })
  )
}

export const slurmEvents = {}
