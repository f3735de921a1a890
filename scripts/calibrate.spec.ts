import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// `npm run calibrate` without --write: the pipeline runs on the repository's own defaults and writes nothing.
const root = path.join(__dirname, '..')
const CALIBRATED = path.join(root, 'src-core/agents/bio-rram/calibrated.json')
const EXAMPLE = path.join(root, 'examples/table1-sweep.json')

function calibrate(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'scripts', 'calibrate.ts'), ...args], { cwd: root, timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr })
    )
  })
}

describe('npm run calibrate (dry run)', () => {
  const defaults = JSON.parse(fs.readFileSync(CALIBRATED, 'utf8')) as { hebbianIcUA: number; lastPositions: number; rewardCounts: string; table1: { trials: number } }
  const network = `Hebbian I_C ${defaults.hebbianIcUA} µA`
  const trace = `K ${defaults.lastPositions} ${defaults.rewardCounts}`

  it('--quick runs the current defaults and their Table-1 protocol end to end, and changes no file', async () => {
    const before = [fs.readFileSync(CALIBRATED, 'utf8'), fs.readFileSync(EXAMPLE, 'utf8')]
    const r = await calibrate(['--quick'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`best: ${network}, ${defaults.table1.trials} trials, ${trace}`)
    expect(r.stdout).toMatch(/4\. fire: median \d+ spikes a trial/)
    expect(r.stdout).toContain('(dry run')
    expect([fs.readFileSync(CALIBRATED, 'utf8'), fs.readFileSync(EXAMPLE, 'utf8')]).toEqual(before)
  }, 120_000)

  it('--protocol-only tries every training-trial count of its range on the defaults’ network, from one run per cell', async () => {
    const r = await calibrate(['--protocol-only', '--seeds', '8'])
    expect(r.code).toBe(0)
    const tried = [...r.stdout.matchAll(/^3\. (.*), (\d+) trials, (.*): Table-1 RMS ([\d.]+) pp; objective ([\d.]+)$/gm)]
    const counts = defaults.rewardCounts === 'explored' ? [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20] : [4, 5, 6, 7, 8]
    expect(tried.map((m) => Number(m[2]))).toEqual(counts)
    for (const m of tried) {
      expect(`${m[1]} ${m[3]}`).toBe(`${network} ${trace}`)
      expect(Number(m[5])).toBe(Number(m[4])) // protocol only: the objective is the Table-1 RMS alone
    }
    // Accuracy grows with training, so the counts do not all read the same table.
    expect(new Set(tried.map((m) => m[4])).size).toBeGreaterThan(1)
  }, 120_000)
})
