import { z } from 'zod'
import { dqnParamsSchema } from '../agents/dqn/params'
import { parameterCountOf, qNetworkSizes } from '../agents/dqn/q-network'
import { bioRramParamsSchema } from '../agents/bio-rram/params'
import { qTableParamsSchema } from '../agents/q-table/params'
import { agentSpecSchema, type AgentSpec } from './spec'

/**
 * Memory elements against environment size (Bianchi 2023 compare them at equal accuracy), as pure
 * formulas — no agent is built, so 4 million positions cost nothing:
 *   bio-rram: devicesPerPosition × positions (16 per position by default, as the sources count);
 *   q-table:  8 × positions (one state-action entry per position and direction);
 *   dqn:      trainable parameters of the Q network, Σ_l (n_l + 1)·n_{l+1} over its layer widths; with the
 *             one-hot input the first width is the number of positions, so P·H + H + 8·H + 8 for one hidden
 *             layer of H. The replay buffer's transitions are memory too, reported apart (`replayEntries`).
 * Tested equal to the counts of the agents the experiment loop builds.
 */
export const memoryElementsSpecSchema = z.strictObject({
  kind: z.literal('memory-elements'),
  /** Square environments of side × side positions. */
  sides: z.array(z.number().int().min(2).max(4096)).min(1),
  agents: z.array(agentSpecSchema).min(1)
})
export type MemoryElementsSpec = z.infer<typeof memoryElementsSpecSchema>

export interface MemoryElementsRow {
  agent: AgentSpec['kind']
  side: number
  positions: number
  memoryElements: number
  /** DQN only: transitions the replay buffer holds (not trainable, not counted in memoryElements). */
  replayEntries?: number
  architecture: string
}

export interface MemoryElementsCount {
  memoryElements: number
  replayEntries?: number
  architecture: string
}

/** Memory elements of one agent on an environment of `positions` cells (any shape), without building it. */
export function memoryElementsAt(agent: AgentSpec, positions: number): MemoryElementsCount {
  switch (agent.kind) {
    case 'bio-rram':
      return {
        memoryElements: agent.devicesPerPosition * positions,
        architecture: `${agent.devicesPerPosition} synaptic RRAM devices per position (${agent.devicesPerPosition / 8} per direction) and a threshold state device, 8 shared neurons`
      }
    case 'q-table':
      return { memoryElements: 8 * positions, architecture: '8 Q values (state-action entries) per position' }
    case 'dqn': {
      const sizes = qNetworkSizes(agent.input, positions, agent.hiddenLayers)
      return {
        memoryElements: parameterCountOf(sizes),
        replayEntries: agent.replayCapacity,
        architecture: `MLP ${sizes.join('→')}, ${agent.input} input; replay of ${agent.replayCapacity} transitions`
      }
    }
  }
}

/** Memory elements of one agent on a width × height environment, without building the agent. */
export function memoryElementsOf(agent: AgentSpec, width: number, height: number): MemoryElementsCount {
  return memoryElementsAt(agent, width * height)
}

export function memoryElementsTable(spec: MemoryElementsSpec): MemoryElementsRow[] {
  const rows: MemoryElementsRow[] = []
  for (const agent of spec.agents) {
    for (const side of spec.sides) {
      rows.push({ agent: agent.kind, side, positions: side * side, ...memoryElementsOf(agent, side, side) })
    }
  }
  return rows
}

/** The environment sizes of the paper's memory-element figure (fig. 4g): 400 … 4,000,000 positions, by decades. */
export const FIG4G_POSITIONS: readonly number[] = [400, 4_000, 40_000, 400_000, 4_000_000]

export interface Fig4gRow {
  positions: number
  bioRram: number
  qTable: number
  /** Trainable parameters of the default DQN. */
  dqn: number
  /** Its replay buffer, transitions (apart from the parameters). */
  dqnReplayEntries: number
}

/**
 * Fig. 4g rows for the three agents with their default parameters (or the ones given): memory
 * elements against positions. Pure arithmetic, O(rows).
 */
export function fig4gRows(positions: readonly number[] = FIG4G_POSITIONS, agents: { bioRram?: AgentSpec; qTable?: AgentSpec; dqn?: AgentSpec } = {}): Fig4gRow[] {
  const bio = agents.bioRram ?? bioRramParamsSchema.parse({ kind: 'bio-rram' })
  const q = agents.qTable ?? qTableParamsSchema.parse({ kind: 'q-table' })
  const dqn = agents.dqn ?? dqnParamsSchema.parse({ kind: 'dqn' })
  return positions.map((p) => {
    const d = memoryElementsAt(dqn, p)
    return {
      positions: p,
      bioRram: memoryElementsAt(bio, p).memoryElements,
      qTable: memoryElementsAt(q, p).memoryElements,
      dqn: d.memoryElements,
      dqnReplayEntries: d.replayEntries ?? 0
    }
  })
}
