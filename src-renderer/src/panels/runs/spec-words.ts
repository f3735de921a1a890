import { devicePresetSchema } from '@core/device/preset-schema'
import { SPEC_LABELS } from './spec-labels'

/**
 * Every other field of a run spec in the lab's words (paths of `flatten(spec)`), for the comparison's
 * configuration differences and for error messages. Not offered in "Group by" (spec-labels.ts keeps that
 * list short); `spec-words.spec.ts` checks that every field the schema fills in has words here or there.
 * A path shared by two agents (`agent.learningRate`) keeps the words of spec-labels.ts.
 */
const WORDS: Record<string, string> = {
  seed: 'Seed',
  name: 'Run name',
  'environment.format': 'Maze file format',
  'schedule.layouts': 'Layout schedule',
  'schedule.starts': 'Start-position schedule',
  'hardwareTime.spikeUs': 'Spike time of a decision (µs)',
  'hardwareTime.burstTicks': 'Burst recall time (ticks)',
  'hardwareTime.cutoffUs': 'Trial cut-off (µs)',
  'energy.spikeEnergyJ': 'Energy per spike (J)',
  'energy.controllerPerTrialJ': 'Controller energy per trial (J)',
  'energy.controllerPowerW': 'Controller power (W)',
  'snapshots.trials': 'Snapshots after trials',
  'snapshots.direction': 'Snapshot direction shown first',
  'initialState.trial': 'Starts from the state after trial',

  // Bio-inspired RRAM network (src-core/agents/bio-rram/params.ts)
  'agent.winner': 'Winner-take-all rule',
  'agent.readNoise': 'Read noise',
  'agent.synapse.initialLrsProbability': 'Synapses LRS at start (share)',
  'agent.synapse.initialHrsVStopV': 'V_STOP of the initial HRS synapses (V)',
  'agent.synapse.hebbianIcUA': 'Hebbian SET I_C (µA)',
  'agent.synapse.setNeverWeakens': 'A SET never weakens a synapse',
  'agent.homeostasis.restVStopV': 'Rest RESET V_STOP of the thresholds (V)',
  'agent.homeostasis.abstractFactor': 'Homeostasis, abstract mode (× θ0)',
  'agent.homeostasis.clearAtTrialEnd': 'Homeostasis cleared at trial end',
  'agent.penalty.iComplianceUA': 'Penalty SET I_C (µA)',
  'agent.penalty.stepped': 'Penalty steps up on each bump',
  'agent.penalty.abstractFactor': 'Penalty, abstract mode (× θ0)',
  'agent.penalty.depressSynapse': 'Penalty depresses the synapse',
  'agent.penalty.terrainPoints': 'Terrain penalty from (points)',
  'agent.reward.counts': 'Rewarded positions counted',
  'agent.reward.abstractFactor': 'Reward, abstract mode (× θ0)',
  'agent.reward.gradual': 'Gradual reward RESET',
  'agent.reward.loopErased': 'Reward the loop-erased path',
  'agent.reward.includeGoal': 'Reward the goal position',
  'agent.reward.shortcut': 'Reward cuts the trace’s corners',
  'agent.forgetting.enabled': 'Forgetting',
  'agent.forgetting.scope': 'Forgetting scope',
  'agent.forgetting.relaxFactor': 'Forgotten threshold (× θ0)',
  'agent.forgetting.keepRise': 'Forgetting keeps the homeostatic rise',
  'agent.forgetting.relaxSynapses': 'Forgetting relaxes the synapses',
  'agent.forgetting.relaxPenalties': 'Forgetting relaxes penalties',
  'agent.deadlock.keepPenalties': 'Deadlock escape keeps penalties',

  // Tabular Q and deep Q (src-core/agents/q-table/params.ts, dqn/params.ts, rewards.ts)
  'agent.traceDecay': 'Trace decay λ',
  'agent.initialValue': 'Initial Q value',
  'agent.extendedExploration.mu': 'Exploratory run length exponent μ',
  'agent.extendedExploration.maxRepeat': 'Longest exploratory run (steps)',
  'agent.rewards.goal': 'Reward at the goal',
  'agent.rewards.wall': 'Reward for a wall bump',
  'agent.rewards.step': 'Reward per step',
  'agent.rewards.perPenaltyPoint': 'Reward per terrain penalty point',
  'agent.replayCapacity': 'Replay capacity (transitions)',
  'agent.warmupTransitions': 'Warm-up (transitions)',
  'agent.trainEvery': 'Gradient step every (steps)',
  'agent.double': 'Double DQN',
  'agent.targetUpdate': 'Target network update',
  'agent.targetTau': 'Soft update τ',
  'agent.targetSyncEvery': 'Hard update every (gradient steps)',
  'agent.nStep': 'n-step return',
  'agent.prioritizedReplay.enabled': 'Prioritized replay',
  'agent.prioritizedReplay.alpha': 'Priority exponent α',
  'agent.prioritizedReplay.beta': 'Importance-sampling β',
  'agent.huberDelta': 'Huber loss δ',
  'agent.changeDetection.enabled': 'Change detection',
  'agent.changeDetection.epsilon': 'ε after a detected change',
  'agent.changeDetection.quietTrials': 'Change detection quiet trials',
  'agent.changeDetection.maskBumps': 'Greedy choice skips known bumps',
  'agent.changeDetection.dropContradicted': 'Drop contradicted transitions',
  'agent.countExploration.enabled': 'Count-based exploration',
  'agent.countExploration.directed': 'Directed exploration',
  'agent.countExploration.untilGoal': 'Directed until the first goal',
  'agent.countExploration.bonus': 'Exploration bonus β',
  'agent.countExploration.decayFromFirstGoal': 'ε decays from the first goal'
}

export const SPEC_WORDS: Record<string, string> = { ...WORDS, ...SPEC_LABELS }

/** An inline device preset's field, by the preset schema's own description ("Device preset: read voltage, V"). */
function presetWords(path: string): string | null {
  const m = /^devicePreset\.([A-Za-z0-9]+)/.exec(path)
  const field = m ? (devicePresetSchema.shape as Record<string, { description?: string }>)[m[1]] : undefined
  return field?.description ? `Device preset: ${field.description}` : null
}

/** A spec path in words for reading (differences, errors): the grouping label, the words above, else the path. */
export function specWords(path: string): string {
  return SPEC_WORDS[path] ?? presetWords(path) ?? path
}
