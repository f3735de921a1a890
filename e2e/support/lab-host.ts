import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'

export interface RunningHost {
  url: string
  origin: string
  token: string
  dbFile: string
  dir: string
  process: ChildProcess
  stderr: string[]
  stop(signal?: NodeJS.Signals): Promise<void>
}

const ROOT = path.resolve(__dirname, '..', '..')
/** The build to test: `out/` unless RRAM_OUT_DIR names another (parallel builds). */
export const OUT_DIR = path.resolve(ROOT, process.env.RRAM_OUT_DIR ?? 'out')

/**
 * Start the real lab host from the built CLI (`node out/main/cli.js serve`), on any free port, with a
 * database file in a fresh temporary folder unless one is given. Resolves on its one stdout line.
 */
export async function startHost(options: { dbFile?: string; args?: string[] } = {}): Promise<RunningHost> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rram-e2e-'))
  const dbFile = options.dbFile ?? path.join(dir, 'lab.sqlite')
  const child = spawn(process.execPath, [path.join(OUT_DIR, 'main', 'cli.js'), 'serve', '--port', '0', '--db', dbFile, ...(options.args ?? [])], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const stderr: string[] = []
  readline.createInterface({ input: child.stderr! }).on('line', (l) => stderr.push(l))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`lab host did not start in 20 s; stderr: ${stderr.join('\n')}`)), 20_000)
    readline.createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer)
      const m = /^Lab host: (http:\/\/\S+)$/.exec(line)
      if (m) resolve(m[1])
      else reject(new Error(`unexpected first line: ${line}`))
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`lab host exited with ${code}: ${stderr.join('\n')}`))
    })
  })
  const u = new URL(url)
  return {
    url,
    origin: u.origin,
    token: u.searchParams.get('token')!,
    dbFile,
    dir,
    process: child,
    stderr,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill(signal)
      })
  }
}
