import path from 'node:path'
import { arrayList, readBundle, recordJob, type JobSubmission } from './bundle'
import { SlurmError, sbatchSubmit } from './slurm-commands'
import { bundleStatus } from './status'

/** Submit a written bundle's job array (`sbatch --parsable DIR/sweep.sbatch`) and record the job in jobs.json. */
export async function submitBundle(dirIn: string, options: { env?: NodeJS.ProcessEnv } = {}): Promise<JobSubmission> {
  const dir = path.resolve(dirIn)
  const { manifest } = readBundle(dir)
  const array = arrayList(
    manifest.tasks.map((_, i) => i),
    manifest.sbatch.throttle
  )
  const jobId = await sbatchSubmit(path.join(dir, 'sweep.sbatch'), { env: options.env, cwd: dir })
  const job = { jobId, array, at: new Date().toISOString() }
  recordJob(dir, job)
  return job
}

/**
 * Resubmit only the tasks that will not finish as they stand (failed; missing: cancelled, killed,
 * lost; or never submitted), as one array `sbatch --array=LIST` of the same script. Null when there are none.
 * Refused when squeue cannot be reached: a task still queued would run twice.
 */
export async function resubmitMissing(dirIn: string, options: { env?: NodeJS.ProcessEnv } = {}): Promise<(JobSubmission & { tasks: number[] }) | null> {
  const dir = path.resolve(dirIn)
  const status = await bundleStatus(dir, options)
  if (!status.queue.reachable) throw new SlurmError(`cannot resubmit: ${status.queue.error}`, 'squeue')
  const tasks = status.tasks.filter((t) => t.state === 'failed' || t.state === 'missing' || t.state === 'unsubmitted').map((t) => t.task)
  if (tasks.length === 0) return null
  const { manifest } = readBundle(dir)
  const array = arrayList(tasks, manifest.sbatch.throttle)
  const jobId = await sbatchSubmit(path.join(dir, 'sweep.sbatch'), { env: options.env, cwd: dir, array })
  const job = { jobId, array, at: new Date().toISOString() }
  recordJob(dir, job)
  return { ...job, tasks }
}
