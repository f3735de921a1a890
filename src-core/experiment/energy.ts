import { z } from 'zod'
import type { AgentCounters } from '../agents/types'

/**
 * Energy per trial, split as Bianchi 2023 does (neuron firing, integration, digital controller),
 * plus the programming energy of SETs and RESETs:
 *   fire        = spikes × spikeEnergyJ
 *   integration = V_read × Σ_ticks (summed synaptic read current) × tickSeconds   (= Σ V²·G·t of the reads)
 *   controller  = ticks × tickSeconds × controllerPowerW
 *   programming = Σ device-model SET/RESET energies (V_set·I_C·t_pulse, V_STOP²·G·t_pulse)
 * The software baselines (Q, DQN) have no devices: only the controller term is non-zero for them.
 */
export const energyParamsSchema = z
  .strictObject({
    /** Energy of one neuron spike, J. Our default 1 pJ (order of a CMOS integrate-and-fire spike). */
    spikeEnergyJ: z.number().min(0).default(1e-12),
    /** Power drawn by the digital controller while a trial runs, W. Our default 1 mW. */
    controllerPowerW: z.number().min(0).default(1e-3)
  })
  .prefault({})

export type EnergyParams = z.infer<typeof energyParamsSchema>

export interface TrialEnergyJ {
  fire: number
  integration: number
  controller: number
  programming: number
}

/** Energy of one trial from the counter differences over it. */
export function trialEnergy(
  delta: AgentCounters,
  ticks: number,
  tickSeconds: number,
  vReadV: number,
  params: EnergyParams
): TrialEnergyJ {
  return {
    fire: delta.spikes * params.spikeEnergyJ,
    integration: vReadV * delta.integratedReadCurrentA * tickSeconds,
    controller: ticks * tickSeconds * params.controllerPowerW,
    programming: delta.programmingEnergyJ
  }
}
