import { z } from 'zod'
import calibrated from '../agents/bio-rram/calibrated.json'
import type { AgentCounters } from '../agents/types'

/**
 * Energy per trial, split as Bianchi 2023 does (neuron firing, integration, digital controller),
 * plus the programming energy of SETs and RESETs:
 *   fire        = spikes × spikeEnergyJ
 *   integration = V_read × Σ_decisions (summed synaptic read current × integration time)  (= Σ V²·G·t of the reads)
 *   controller  = controllerPerTrialJ + hardware time × controllerPowerW
 * Over a trial's measured window (up to its cut-off, src-core/experiment/hardware-time.ts).
 *   programming = Σ device-model SET/RESET energies (V_set·I_C·t_pulse, V_STOP²·G·t_pulse)
 * The software baselines (Q, DQN) have no devices: only the controller term is non-zero for them.
 */
export const energyParamsSchema = z
  .strictObject({
    /**
     * Energy of one neuron spike, J. Calibrated by `npm run calibrate` (objective: fire ≈ 0.2 nJ per trial
     * of the 900 µs dynamic-maze protocol, the level of Bianchi 2023's energy split).
     */
    spikeEnergyJ: z.number().min(0).default(calibrated.spikeEnergyJ),
    /** Energy of the digital controller per trial, J. Bianchi 2023 energy split: ≈ 33 nJ, flat over trials. */
    controllerPerTrialJ: z.number().min(0).default(33e-9),
    /** Power of the controller on top of that while a trial runs, W. Our default 0 (the hardware's is flat). */
    controllerPowerW: z.number().min(0).default(0)
  })
  .prefault({})

export type EnergyParams = z.infer<typeof energyParamsSchema>

export interface TrialEnergyJ {
  fire: number
  integration: number
  controller: number
  programming: number
}

/**
 * Energy of one trial's measured window: `spikes` and `chargeTicks` (Σ summed read current × integration
 * time, in A·tick) within it, `timeS` its hardware time; programming from the counter differences.
 */
export function trialEnergy(delta: AgentCounters, window: { spikes: number; chargeTicks: number; timeS: number }, tickSeconds: number, vReadV: number, params: EnergyParams): TrialEnergyJ {
  return {
    fire: window.spikes * params.spikeEnergyJ,
    integration: vReadV * window.chargeTicks * tickSeconds,
    controller: params.controllerPerTrialJ + window.timeS * params.controllerPowerW,
    programming: delta.programmingEnergyJ
  }
}
