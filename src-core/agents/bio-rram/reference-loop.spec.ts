import { describe, expect, it } from 'vitest'
import { createDeviceModel } from '../../device/model'
import { DEFAULT_PRESET } from '../../device/presets'
import { BIANCHI_MAZE_1_TEXT, BIANCHI_MAZE_2_TEXT } from '../../env/builtins/bianchi-mazes'
import { readTextMaze } from '../../env/formats/text-maze'
import { RandomStream } from '../../random'
import { newOutcome } from '../types'
import { BioRramNetwork } from './network'
import { defaultBioRramParams } from './params'
import { runReferenceDefault } from './reference-loop'

describe("the bench's plain reference loop of the default rule", () => {
  const model = createDeviceModel(DEFAULT_PRESET)
  const maze = readTextMaze(BIANCHI_MAZE_1_TEXT).grid
  const start = maze.starts[0]

  it('ends tick for tick where the network does (maze 1, 60 trials, 4 seeds; a 40-tick deadlock escape on one, K counting every position on another)', () => {
    const d = defaultBioRramParams()
    const variant: Record<number, typeof d> = {
      3: { ...d, reward: { ...d.reward, counts: 'visited', lastPositions: 75 } },
      4: { ...d, deadlock: { ticks: 40, keepPenalties: false } }
    }
    const cases = [1, 2, 3, 4].map((seed) => ({ seed, params: variant[seed] ?? d }))
    for (const { seed, params } of cases) {
      const net = new BioRramNetwork(maze, params, model, RandomStream.fromSeed(seed))
      const o = newOutcome()
      let ticks = 0
      for (let t = 0; t < 60; t++) {
        net.runTrial({ start, maxSteps: 2000, greedy: false, recordPath: false }, o)
        ticks += o.steps
      }
      const ref = runReferenceDefault(maze, start, 60, 2000, RandomStream.fromSeed(seed), model, params)
      expect({ seed, ticks: ref.ticks, last: ref.lastPosition }).toEqual({ seed, ticks, last: o.finalPosition })
    }
  })

  it('and through a maze switch (maze 1 → 2 → 1, 30 trials each, 3 seeds): forgetting and stepped penalties included', () => {
    const maze2 = readTextMaze(BIANCHI_MAZE_2_TEXT).grid
    const layoutAt = (trial: number) => (trial > 30 && trial <= 60 ? maze2 : maze)
    const params = defaultBioRramParams()
    for (const seed of [1, 2, 3]) {
      const net = new BioRramNetwork(maze, params, model, RandomStream.fromSeed(seed))
      const o = newOutcome()
      let ticks = 0
      for (let t = 1; t <= 90; t++) {
        net.setLayout(layoutAt(t))
        net.runTrial({ start, maxSteps: 3000, greedy: false, recordPath: false }, o)
        ticks += o.steps
      }
      const ref = runReferenceDefault(maze, start, 90, 3000, RandomStream.fromSeed(seed), model, params, undefined, layoutAt)
      expect({ seed, ticks: ref.ticks, last: ref.lastPosition }).toEqual({ seed, ticks, last: o.finalPosition })
    }
  })

  it('refuses a rule it does not implement', () => {
    const p = { ...defaultBioRramParams(), winner: 'largest-integral' as const }
    expect(() => runReferenceDefault(maze, start, 1, 10, RandomStream.fromSeed(1), model, p)).toThrow(/only the default rule/)
  })
})
