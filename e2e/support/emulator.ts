import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import readline from 'node:readline'
import { OUT_DIR } from './lab-host'

/**
 * Start the board emulator from the built CLI on a fresh pty pair (`board-emulator --pty`); resolves
 * with the path the workbench opens and the process, to kill when done.
 */
export async function startEmulator(seed: number): Promise<{ path: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(OUT_DIR, 'main', 'cli.js'), 'board-emulator', '--pty', '--seed', String(seed), '--baud', '921600'], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const p = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('board emulator did not start in 15 s')), 15_000)
    readline.createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer)
      resolve(line.trim())
    })
    child.once('exit', (code) => reject(new Error(`board emulator exited with ${code}`)))
  })
  return { path: p, child }
}
