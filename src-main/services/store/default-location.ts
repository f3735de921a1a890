import os from 'node:os'
import path from 'node:path'

/**
 * Where the lab host and the CLI keep the notebook when no --db is given: the XDG data folder
 * (Electron uses its own user-data folder instead). RRAM_WORKBENCH_DB overrides it.
 */
export function defaultDbFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.RRAM_WORKBENCH_DB) return path.resolve(env.RRAM_WORKBENCH_DB)
  const base = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share')
  return path.join(base, 'rram-workbench', 'lab.sqlite')
}
