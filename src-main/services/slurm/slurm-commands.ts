import { execFile } from 'node:child_process'

/** A Slurm client command that is missing or failed; the message is one line with its stderr. */
export class SlurmError extends Error {
  constructor(
    message: string,
    readonly command: string
  ) {
    super(message)
    this.name = 'SlurmError'
  }
}

/** The environment Slurm's clients run with (SLURM_CONF and friends pass through). */
export interface SlurmEnv {
  env?: NodeJS.ProcessEnv
}

/**
 * Run one Slurm client command (sbatch, squeue, scancel). A missing command or a non-zero exit is a
 * SlurmError whose message is one line: the command and its stderr.
 */
export function slurmCommand(cmd: string, args: readonly string[], options: SlurmEnv & { cwd?: string; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { env: options.env ?? process.env, cwd: options.cwd, timeout: options.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout)
      const code = (error as NodeJS.ErrnoException).code
      const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim()
      if (code === 'ENOENT') return reject(new SlurmError(`${cmd}: not found on this machine (not a Slurm login node?)`, cmd))
      const why = oneLine(String(stderr)) || oneLine(error.message)
      reject(new SlurmError(`${cmd} failed: ${why}`, cmd))
    })
  })
}

/** Whether a Slurm client is on PATH (the Sweeps view writes the bundle and shows the command when it is not). */
export async function haveSlurm(env?: NodeJS.ProcessEnv): Promise<boolean> {
  try {
    await slurmCommand('sbatch', ['--version'], { env, timeoutMs: 10_000 })
    return true
  } catch {
    return false
  }
}

/** `sbatch --parsable [--array=LIST] SCRIPT` → the job id ("123" or "123;cluster" → "123"). */
export async function sbatchSubmit(script: string, options: SlurmEnv & { array?: string; cwd?: string } = {}): Promise<string> {
  const out = await slurmCommand('sbatch', ['--parsable', ...(options.array ? [`--array=${options.array}`] : []), script], options)
  const jobId = out.trim().split(';')[0]
  if (!/^\d+$/.test(jobId)) throw new SlurmError(`sbatch printed no job id: ${out.trim().slice(0, 200)}`, 'sbatch')
  return jobId
}

export interface QueuedTask {
  jobId: string
  task: number
  /** squeue's compact state: PD, R, CG, CA, F, … */
  state: string
  node: string
  reason: string
}

/**
 * The array tasks of these jobs still known to squeue (pending ones expanded: `squeue -r`). Asked for
 * the user's own jobs (`--me`) and filtered here: `squeue --jobs=ID` fails outright once a job has
 * left the controller's memory (MinJobAge), which must read as "not queued", not as "unreachable".
 */
export async function squeueTasks(jobIds: readonly string[], options: SlurmEnv = {}): Promise<QueuedTask[]> {
  if (jobIds.length === 0) return []
  const wanted = new Set(jobIds)
  // --states=all: tasks just ended (CG, CA, F, TO) are shown as such while the controller keeps them.
  const out = await slurmCommand('squeue', ['-h', '-r', '--me', '--states=all', '-o', '%F|%K|%t|%N|%r'], options)
  const tasks: QueuedTask[] = []
  for (const line of out.split('\n')) {
    const [jobId, task, state, node, reason] = line.trim().split('|')
    if (!jobId || !wanted.has(jobId) || !/^\d+$/.test(task ?? '')) continue
    tasks.push({ jobId, task: Number(task), state, node: node ?? '', reason: reason ?? '' })
  }
  return tasks
}
