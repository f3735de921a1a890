import { execFile, execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startBoardEmulator } from '../../services/serial/board-emulator'

const hasSocat = (() => {
  try {
    execFileSync('socat', ['-V'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

const root = join(__dirname, '..', '..', '..')
function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'src-main', 'cli', 'index.ts'), ...args], { cwd: root, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr })
    )
  })
}

describe.skipIf(!hasSocat)('rram-workbench board (CLI)', () => {
  it('prints the board identity as JSON, and fails with one line and a non-zero code when the board is silent', async () => {
    const emu = await startBoardEmulator({ pty: true, seed: 1, rows: 4, cols: 6, baudRate: 115200 })
    try {
      const info = await cli(['board', 'info', '--port', emu.hostPath!, '--json'])
      expect(info.code).toBe(0)
      expect(JSON.parse(info.stdout)).toMatchObject({ backend: 'serial', rows: 4, cols: 6, protocolVersion: 1 })

      const refused = await cli(['board', 'sweep', '--port', emu.hostPath!, '--row', '0', '--col', '0', '--ic', '1e-3'])
      expect(refused.code).toBe(1)
      expect(refused.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: iComplianceA = 1000 µA exceeds the compliance limit/)])

      // A read prints as a researcher writes it: an SI prefix and three figures, never 9.99e-8 S.
      const read = await cli(['board', 'read', '--port', emu.hostPath!, '--row', '1', '--col', '2'])
      expect(read.code).toBe(0)
      expect(read.stdout).toMatch(/^row 1 col 2: G = \d{1,3}(\.\d{1,2})? [pnµm]?S \(R = \d{1,3}(\.\d{1,2})? [kMG]?Ω\), I = [\d.]+ [pnµm]?A at \d+ mV\n$/)

      // Two cycles, numbered 1 and 2 as the I–V panel and its files number them.
      const swept = await cli(['board', 'sweep', '--port', emu.hostPath!, '--row', '0', '--col', '1', '--step', '0.1', '--cycles', '2'])
      expect(swept.code).toBe(0)
      const rows = swept.stdout.trim().split('\n')
      expect(rows[0]).toBe('index,cycle,branch,v_V,i_A,compliance')
      expect([...new Set(rows.slice(1).map((r) => r.split(',')[1]))]).toEqual(['1', '2'])

      emu.faults.options.dropRate = 1
      const t0 = Date.now()
      const silent = await cli(['board', 'read', '--port', emu.hostPath!, '--row', '0', '--col', '0', '--timeout', '1500'])
      expect(silent.code).not.toBe(0)
      expect(silent.stderr.trim().split('\n')).toHaveLength(1)
      expect(silent.stderr).toMatch(/^error: /)
      // tsx start-up is part of this; the command itself gave up after 1.5 s.
      expect(Date.now() - t0).toBeLessThan(20_000)
    } finally {
      await emu.stop()
    }
  })
})

describe('rram-workbench board limits (CLI)', () => {
  it('refuses a read voltage above the API read cap before opening any port (docs/limits.md)', async () => {
    const r = await cli(['board', 'read', '--port', '/dev/ttyNONE0', '--row', '0', '--col', '0', '--v-read', '2.5'])
    expect(r.code).toBe(1)
    expect(r.stderr.trim()).toMatch(/^error: --v-read: expected a number from -0\.5 to 0\.5, got "2\.5"$/)
  })
})
