import { describe, expect, it } from 'vitest'
import { parseViewFile, toViewFile } from './compare-view-file'

describe('comparison view file', () => {
  it('round-trips the settings of a view', () => {
    const view = { runIds: [3, 4, 9], metric: 'steps', groupBy: 'agent', smoothing: 0.3, yLog: true, range: { min: 20, max: 80 }, criterion: null }
    expect(parseViewFile(toViewFile('Table 1, bio vs Q', view))).toEqual({ name: 'Table 1, bio vs Q', view })
  })
  it('refuses a file that is not a view, saying why', () => {
    expect(() => parseViewFile('{ "runs": [] }')).toThrow(/not a comparison view file/)
    expect(() => parseViewFile('not json')).toThrow(/not JSON/)
    expect(() => parseViewFile(toViewFile('x', { runIds: [0] }))).toThrow(/view.runIds.0/)
  })
})
