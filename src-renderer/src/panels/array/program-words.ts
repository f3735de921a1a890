import type { TargetSpec } from '@api/ops/arrays'

/** The Array panel's choices in the lab's words; the values are the API's (src-main/api/ops/arrays.ts). */
export type Algorithm = 'binary' | 'gate-ramp' | 'voltage-ramp'

export const ALGORITHM_CHOICES: readonly { value: Algorithm; label: string }[] = [
  { value: 'binary', label: 'Binary SET / RESET' },
  { value: 'gate-ramp', label: 'Multilevel, I_C steps (gate ramp)' },
  { value: 'voltage-ramp', label: 'Multilevel, V steps' }
]

export const TARGET_CHOICES: readonly { value: TargetSpec['kind']; label: string }[] = [
  { value: 'checkerboard', label: 'Checkerboard' },
  { value: 'gradient', label: 'Gradient' },
  { value: 'image', label: 'Image' },
  { value: 'csv', label: 'Numeric CSV' },
  { value: 'run', label: 'Maze run state' }
]

export const INITIAL_STATE_CHOICES: readonly { value: 'pristine' | 'hrs' | 'lrs'; label: string }[] = [
  { value: 'pristine', label: 'pristine (unformed)' },
  { value: 'hrs', label: 'formed, HRS' },
  { value: 'lrs', label: 'formed, LRS' }
]

export const RUN_MAP_CHOICES: readonly { value: 'synapse' | 'threshold'; label: string }[] = [
  { value: 'synapse', label: 'synaptic conductances (one direction)' },
  { value: 'threshold', label: 'thresholds θ (state devices)' }
]

const ALGORITHM_WORDS: Record<string, string> = Object.fromEntries(ALGORITHM_CHOICES.map((c) => [c.value, c.label]))
/** Stored target kinds (src-main/services/arrays/target-source.ts): a run's map is `run-<map>`. */
const TARGET_WORDS: Record<string, string> = {
  ...Object.fromEntries(TARGET_CHOICES.map((c) => [c.value, c.label])),
  'run-synapse': 'Maze run synapses',
  'run-threshold': 'Maze run thresholds'
}

export const algorithmWords = (algorithm: string): string => ALGORITHM_WORDS[algorithm] ?? algorithm
export const targetWords = (targetKind: string): string => TARGET_WORDS[targetKind] ?? targetKind

/** A finished job's method in words: "Multilevel, I_C steps (gate ramp) · Checkerboard". */
export const methodWords = (algorithm: string, targetKind: string): string => `${algorithmWords(algorithm)} · ${targetWords(targetKind)}`

/** A new job's name in words: "Checkerboard on Die A · Binary SET / RESET" (the service's default uses the API's values). */
export const jobName = (algorithm: string, targetKind: string, arrayName: string): string => `${targetWords(targetKind)} on ${arrayName} · ${algorithmWords(algorithm)}`
