import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * A pair of connected pseudo-terminals made by socat (`socat -d -d pty,raw,echo=0,link=A
 * pty,raw,echo=0,link=B`): what one end writes, the other reads, as over a null-modem cable.
 * Killing socat hangs up both ends, as pulling a USB-serial adapter does.
 */
export interface PtyPair {
  /** The end the host opens. */
  hostPath: string
  /** The end the board (emulator) opens. */
  boardPath: string
  process: ChildProcess
  /** Stop socat: SIGTERM (it removes its links) or SIGKILL (an abrupt hang-up, links left dangling). */
  close(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>
}

export async function openPtyPair(options: { hostPath?: string; boardPath?: string; timeoutMs?: number } = {}): Promise<PtyPair> {
  const dir = options.hostPath && options.boardPath ? '' : mkdtempSync(join(tmpdir(), 'rram-pty-'))
  const hostPath = options.hostPath ?? join(dir, 'host')
  const boardPath = options.boardPath ?? join(dir, 'board')
  for (const p of [hostPath, boardPath]) if (existsSync(p)) unlinkSync(p)
  const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${boardPath}`], {
    stdio: ['ignore', 'ignore', 'pipe']
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    let log = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`socat did not start within ${options.timeoutMs ?? 5000} ms: ${log.trim()}`))
    }, options.timeoutMs ?? 5000)
    child.once('error', (e) => {
      clearTimeout(timer)
      reject(new Error(`cannot run socat (is it installed?): ${e.message}`))
    })
    child.stderr!.on('data', (d: Buffer) => {
      log += d.toString()
      if (log.includes('starting data transfer loop')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`socat exited (${code}) before the ptys were ready: ${log.trim()}`))
    })
  })
  child.stderr!.resume()
  return {
    hostPath,
    boardPath,
    process: child,
    async close(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      await exited
    }
  }
}
