/**
 * The recipe form, as data: each field with its label in the lab's words, the unit it is typed
 * in, and the factor to SI. Defaults match src-main/services/iv/recipe-schema.ts.
 */
export type RecipeName = 'forming' | 'dc-sweep' | 'cycling' | 'pulsed' | 'ic-sweep' | 'vstop-sweep'

export interface RecipeField {
  key: string
  label: string
  unit: string
  /** SI value = typed value × toSi. */
  toSi: number
  /** Default, in the typed unit (a list for ic-sweep/vstop-sweep lists). */
  value: number | number[]
  integer?: boolean
  hint?: string
}

export const RECIPES: { id: RecipeName; label: string; what: string }[] = [
  { id: 'dc-sweep', label: 'DC double sweep', what: 'SET 0 → V_max → 0 with compliance I_C, RESET 0 → V_STOP → 0, repeated' },
  { id: 'forming', label: 'Forming', what: 'one forming pulse on a pristine cell, then a read at V_read' },
  { id: 'cycling', label: 'Cycling', what: 'SET and RESET pulses N times, a read at V_read after each' },
  { id: 'pulsed', label: 'Pulsed SET/RESET with verify', what: 'repeat each pulse until the read passes its resistance window' },
  { id: 'ic-sweep', label: 'I_C sweep (R_LRS vs I_C)', what: 'DC sweeps at each compliance current' },
  { id: 'vstop-sweep', label: 'V_STOP sweep (R_HRS vs V_STOP)', what: 'DC sweeps at each stop voltage' }
]

const sweepShape: RecipeField[] = [
  { key: 'vSetMaxV', label: 'V_max (SET)', unit: 'V', toSi: 1, value: 2.5 },
  { key: 'vStepV', label: 'step', unit: 'mV', toSi: 1e-3, value: 10 },
  { key: 'dwellS', label: 'dwell per point', unit: 'ms', toSi: 1e-3, value: 1 }
]
const pulses: RecipeField[] = [
  { key: 'vSetV', label: 'SET pulse', unit: 'V', toSi: 1, value: 1.5 },
  { key: 'iComplianceA', label: 'compliance I_C', unit: 'µA', toSi: 1e-6, value: 150 },
  { key: 'vStopV', label: 'RESET pulse V_STOP', unit: 'V', toSi: 1, value: -1.6 },
  { key: 'pulseWidthS', label: 'pulse width', unit: 'µs', toSi: 1e-6, value: 1 },
  { key: 'cycles', label: 'cycles', unit: '', toSi: 1, value: 100, integer: true }
]

export const RECIPE_FIELDS: Record<RecipeName, RecipeField[]> = {
  'dc-sweep': [
    ...sweepShape,
    { key: 'vStopV', label: 'V_STOP (RESET)', unit: 'V', toSi: 1, value: -1.6 },
    { key: 'iComplianceA', label: 'compliance I_C', unit: 'µA', toSi: 1e-6, value: 150 },
    { key: 'cycles', label: 'cycles', unit: '', toSi: 1, value: 20, integer: true }
  ],
  forming: [
    { key: 'vFormV', label: 'forming pulse', unit: 'V', toSi: 1, value: 2.0 },
    { key: 'iComplianceA', label: 'compliance I_C', unit: 'µA', toSi: 1e-6, value: 50 },
    { key: 'pulseWidthS', label: 'pulse width', unit: 'µs', toSi: 1e-6, value: 1 }
  ],
  cycling: pulses,
  pulsed: [
    ...pulses,
    { key: 'rLrsMaxOhm', label: 'verify: R_LRS below', unit: 'kΩ', toSi: 1e3, value: 20 },
    { key: 'rHrsMinOhm', label: 'verify: R_HRS above', unit: 'kΩ', toSi: 1e3, value: 50 },
    { key: 'maxPulses', label: 'max pulses per step', unit: '', toSi: 1, value: 10, integer: true }
  ],
  'ic-sweep': [
    ...sweepShape,
    { key: 'vStopV', label: 'V_STOP (RESET)', unit: 'V', toSi: 1, value: -1.6 },
    { key: 'iComplianceListA', label: 'compliance currents', unit: 'µA', toSi: 1e-6, value: [50, 80, 110, 140, 160], hint: 'comma-separated' },
    { key: 'cyclesPerStep', label: 'cycles per I_C', unit: '', toSi: 1, value: 10, integer: true }
  ],
  'vstop-sweep': [
    ...sweepShape,
    { key: 'iComplianceA', label: 'compliance I_C', unit: 'µA', toSi: 1e-6, value: 150 },
    { key: 'vStopListV', label: 'stop voltages', unit: 'V', toSi: 1, value: [-1.0, -1.2, -1.4, -1.6], hint: 'comma-separated' },
    { key: 'cyclesPerStep', label: 'cycles per V_STOP', unit: '', toSi: 1, value: 10, integer: true }
  ]
}

/** Common fields of every recipe. */
export const COMMON_FIELDS: RecipeField[] = [
  { key: 'vReadV', label: 'read voltage V_read', unit: 'V', toSi: 1, value: 0.1 },
  { key: 'row', label: 'cell row', unit: '', toSi: 1, value: 0, integer: true },
  { key: 'col', label: 'cell column', unit: '', toSi: 1, value: 0, integer: true },
  { key: 'seed', label: 'seed (simulated die)', unit: '', toSi: 1, value: 1, integer: true }
]

/** Parse the typed text of a field to SI; throws a message naming the field. */
export function toSi(field: RecipeField, text: string): number | number[] {
  const one = (t: string): number => {
    const x = Number(t.trim())
    if (t.trim() === '' || !Number.isFinite(x)) throw new Error(`${field.label}: "${t.trim()}" is not a number`)
    if (field.integer && !Number.isInteger(x)) throw new Error(`${field.label}: must be a whole number`)
    // Rounded to 12 significant digits so 150 µA is 1.5e-4 A, not 1.4999999999999999e-4.
    return Number((x * field.toSi).toPrecision(12))
  }
  if (Array.isArray(field.value))
    return text
      .split(/[,;\s]+/)
      .filter((t) => t !== '')
      .map(one)
  return one(text)
}

export function fieldText(field: RecipeField): string {
  return Array.isArray(field.value) ? field.value.join(', ') : String(field.value)
}
