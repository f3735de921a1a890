import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import readline from 'node:readline'
import { OUT_DIR } from './lab-host'

export type SmuModelId = 'keithley-2400' | 'keithley-2450' | 'keysight-b2900'

/**
 * Start the SMU emulator from the built CLI (`smu-emulator --model M --pty|--tcp 0`); resolves with
 * the address the workbench opens (a pty path, or HOST:PORT) and the process, to kill when done.
 */
export async function startSmuEmulator(model: SmuModelId, via: 'pty' | 'tcp', extra: string[] = []): Promise<{ address: string; child: ChildProcess }> {
  const args = [path.join(OUT_DIR, 'main', 'cli.js'), 'smu-emulator', '--model', model, ...(via === 'pty' ? ['--pty', '--baud', '57600'] : ['--tcp', '0']), ...extra]
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('SMU emulator did not start in 15 s')), 15_000)
    readline.createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer)
      resolve(line.trim())
    })
    child.once('exit', (code) => reject(new Error(`SMU emulator exited with ${code}`)))
  })
  return { address, child }
}

/** Run the built CLI to the end; resolves with its exit code and output. */
export function runCli(args: string[], timeoutMs = 30_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(OUT_DIR, 'main', 'cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}
