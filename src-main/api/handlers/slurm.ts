import path from 'node:path'
import type { Handlers } from './types'
import type { slurmOps } from '../ops/slurm'
import { InputError } from '../../services/errors'
import { writeBundle } from '../../services/slurm/bundle'
import { mergeShards } from '../../services/slurm/merge'
import { haveSlurm } from '../../services/slurm/slurm-commands'
import { bundleStatus } from '../../services/slurm/status'
import { resubmitMissing, submitBundle } from '../../services/slurm/submit'
import { ZodError } from 'zod'

/** sbatch option errors name the field (a failed Slurm command maps in dispatch.ts's table: a conflict with its stderr). */
async function slurmGuard<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (e) {
    if (e instanceof ZodError) {
      const issue = e.issues[0]
      const field = String(issue.path[0] === 'args' ? 'sbatchArgs' : (issue.path[0] ?? ''))
      throw new InputError(`${field}: ${issue.message}`, field)
    }
    throw e
  }
}

export const slurmHandlers: Pick<Handlers, keyof typeof slurmOps> = {
  'slurm.submit': (input) =>
    slurmGuard(async () => {
      const { dir, manifest, script } = writeBundle(input.dir, input.sweep, {
        shards: input.shards,
        force: input.force,
        sbatch: { partition: input.partition || undefined, time: input.time || undefined, memPerCpu: input.memPerCpu || undefined, throttle: input.throttle, args: input.sbatchArgs }
      })
      const command = `sbatch ${path.join(dir, 'sweep.sbatch')}`
      const base = { dir, sweepId: manifest.sweepId, name: manifest.name, runs: manifest.runs, shards: manifest.shards, script, command }
      if (!(await haveSlurm())) return { ...base, jobId: null, reason: "sbatch is not on this machine: run the command on the cluster's login node" }
      const job = await submitBundle(dir)
      return { ...base, jobId: job.jobId, reason: null }
    }),
  'slurm.status': (input) => slurmGuard(() => bundleStatus(input.dir)),
  'slurm.merge': (input, ctx) =>
    slurmGuard(async () => {
      const report = mergeShards(ctx.services.store.db, input.dir, { actor: ctx.actor })
      const resubmitted = input.resubmit ? await resubmitMissing(input.dir) : null
      return { ...report, resubmitted }
    })
}
