import { describe, expect, it } from 'vitest'
import { stateCsv } from './state-csv'

describe('stateCsv', () => {
  it('writes every cell of every map, synapses by direction, after a commented header; the path is left out', () => {
    const csv = stateCsv(
      {
        trial: 60,
        layers: [
          { layer: 'path', unit: 'cell', width: 2, height: 1, planes: 1, values: [0, 1] },
          { layer: 'thresholds', unit: 'theta0', width: 2, height: 1, planes: 1, values: [1, 0.25] },
          { layer: 'synapses', unit: 'S', width: 2, height: 1, planes: 8, values: Array.from({ length: 16 }, (_, k) => k / 4) }
        ]
      },
      { runId: 7, runName: 'maze\n1', layoutId: 'bianchi-maze-1', appVersion: '0.1.0' }
    )
    const lines = csv.trim().split('\n')
    expect(lines.filter((l) => l.startsWith('#'))).toContain('# name: maze 1')
    const rows = lines.filter((l) => !l.startsWith('#'))
    expect(rows[0]).toBe('layer,unit,direction,row,col,value')
    expect(rows).toHaveLength(1 + 2 + 16)
    expect(rows[1]).toBe('thresholds,theta0,,0,0,1')
    expect(rows[2]).toBe('thresholds,theta0,,0,1,0.25')
    expect(rows[3]).toBe('synapses,S,N,0,0,0')
    expect(rows.at(-1)).toBe('synapses,S,NW,0,1,3.75')
  })
})
