import { describe, expect, it } from 'vitest'
import { jobName, methodWords } from './program-words'

describe('array programming in words', () => {
  it('names a job and its method as the researcher chose them, not by the API values', () => {
    expect(methodWords('gate-ramp', 'checkerboard')).toBe('Multilevel, I_C steps (gate ramp) · Checkerboard')
    // A maze run's map is stored as `run-<map>` (src-main/services/arrays/target-source.ts).
    expect(methodWords('binary', 'run-synapse')).toBe('Binary SET / RESET · Maze run synapses')
    expect(jobName('voltage-ramp', 'gradient', 'Die A')).toBe('Gradient on Die A · Multilevel, V steps')
  })
  it('shows an unknown value as it is rather than hiding it', () => {
    expect(methodWords('future-algo', 'hologram')).toBe('future-algo · hologram')
  })
})
