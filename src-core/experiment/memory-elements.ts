import { z } from 'zod'
import { Mlp } from '../agents/dqn/mlp'
import { agentSpecSchema, type AgentSpec } from './spec'

/**
 * Memory elements against environment size (Bianchi 2023 compare them at equal accuracy):
 *   bio-rram: devicesPerPosition × positions (16 per position by default, as the sources count);
 *   q-table:  8 × positions (one entry per position and direction);
 *   dqn:      trainable parameters of the MLP (one-hot input grows with the positions).
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
  architecture: string
}

/** Memory elements of one agent on a width × height environment, without building the agent. */
export function memoryElementsOf(agent: AgentSpec, width: number, height: number): { memoryElements: number; architecture: string } {
  const positions = width * height
  switch (agent.kind) {
    case 'bio-rram':
      return {
        memoryElements: agent.devicesPerPosition * positions,
        architecture: `${agent.devicesPerPosition} synaptic RRAM devices per position (${agent.devicesPerPosition / 8} per direction) and a threshold state device, 8 shared neurons`
      }
    case 'q-table':
      return { memoryElements: 8 * positions, architecture: '8 Q values per position' }
    case 'dqn': {
      const inputs = agent.input === 'one-hot' ? positions : 2
      const sizes = [inputs, ...agent.hiddenLayers, 8]
      return { memoryElements: new Mlp(sizes).parameterCount, architecture: `MLP ${sizes.join('→')}, ${agent.input} input` }
    }
  }
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
