import { describe, expect, it } from 'vitest'
import { readTextMaze } from '../env/formats/text-maze'
import { RandomStream } from '../random'
import { DqnAgent } from '../agents/dqn/dqn'
import { dqnParamsSchema } from '../agents/dqn/params'
import { QTableAgent } from '../agents/q-table/q-table'
import { qTableParamsSchema } from '../agents/q-table/params'
import { FIG4G_POSITIONS, fig4gRows, memoryElementsAt } from './memory-elements'

describe('fig. 4g memory elements', () => {
  it('rows for 400 … 4,000,000 positions: bio 16, Q 8 per position, DQN 32·P + 296 parameters, replay apart', () => {
    const rows = fig4gRows()
    expect(rows.map((r) => r.positions)).toEqual([...FIG4G_POSITIONS])
    expect(rows[0]).toEqual({ positions: 400, bioRram: 6400, qTable: 3200, dqn: 400 * 32 + 296, dqnReplayEntries: 10_000 })
    expect(rows[4]).toEqual({ positions: 4_000_000, bioRram: 64_000_000, qTable: 32_000_000, dqn: 128_000_296, dqnReplayEntries: 10_000 })
    // Against positions, DQN grows like the others (one-hot input) but twice as steep as the bio network.
    for (const r of rows) expect(r.dqn / r.bioRram).toBeGreaterThan(2)
  })

  it('the formulas equal the counts of the agents the experiment loop builds, on small grids', () => {
    for (const [w, h] of [
      [20, 20],
      [9, 4]
    ]) {
      const grid = readTextMaze(Array.from({ length: h }, (_, r) => (r === 0 ? 'S' + '.'.repeat(w - 2) + 'G' : '.'.repeat(w))).join('\n')).grid
      const dqn = dqnParamsSchema.parse({ kind: 'dqn' })
      const q = qTableParamsSchema.parse({ kind: 'q-table' })
      expect(memoryElementsAt(dqn, w * h).memoryElements).toBe(new DqnAgent(grid, dqn, RandomStream.fromSeed(1)).memoryElements)
      expect(memoryElementsAt(q, w * h).memoryElements).toBe(new QTableAgent(grid, q, RandomStream.fromSeed(1)).memoryElements)
    }
    expect(fig4gRows([400])[0].dqn).toBe(memoryElementsAt(dqnParamsSchema.parse({ kind: 'dqn' }), 400).memoryElements)
  })
})
