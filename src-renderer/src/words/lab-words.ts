import { BUILTIN_ENVIRONMENTS } from '@core/env/builtins'
import { DIRECTIONS } from '@core/env/grid'
import { SPEC_WORDS } from '../panels/runs/spec-words'

/**
 * The lab's words for what the API calls by its internal names: operation names become "Could not
 * delete the maze", field keys become "Maximum SET voltage", paths like `schedule.layouts[2].fromTrial`
 * become "schedule, layout 3, first trial". Every error the app shows passes through here.
 */

/** I–V recipe, array and board fields (src-main/services/iv/recipe-schema.ts), in words. */
const FIELD_WORDS: Record<string, string> = {
  // Run-spec paths first, so that the generic words below (name, seed) keep their short form.
  ...SPEC_WORDS,
  vSetMaxV: 'Maximum SET voltage',
  vStepV: 'Voltage step',
  dwellS: 'Dwell per point',
  vStopV: 'RESET stop voltage V_STOP',
  iComplianceA: 'Compliance current I_C',
  cycles: 'Number of cycles',
  vFormV: 'Forming voltage',
  vSetV: 'SET pulse voltage',
  vResetV: 'RESET pulse voltage',
  vReadV: 'Read voltage',
  pulseWidthS: 'Pulse width',
  rLrsMaxOhm: 'Verify limit R_LRS',
  rHrsMinOhm: 'Verify limit R_HRS',
  maxPulses: 'Pulses per step',
  toleranceRel: 'Tolerance',
  rows: 'Rows',
  cols: 'Columns',
  seeds: 'Seeds',
  seed: 'Seed',
  name: 'Name',
  fromTrial: 'first trial',
  layouts: 'layout',
  starts: 'start position',
  schedule: 'schedule',
  mazeId: 'maze',
  spec: ''
}

/** A field path in words: `schedule.layouts[2].fromTrial` → "schedule, layout 3, first trial". */
export function fieldWords(path: string): string {
  if (FIELD_WORDS[path] !== undefined) return FIELD_WORDS[path] || path
  const dotted = path.replace(/^spec\./, '')
  if (SPEC_WORDS[dotted]) return SPEC_WORDS[dotted]
  const parts = dotted.split('.').flatMap((seg) => {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(seg)
    if (!m) return [seg]
    const word = FIELD_WORDS[m[1]] ?? m[1]
    const indices = [...m[2].matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]) + 1)
    return word ? [indices.length ? `${word} ${indices.join(', ')}` : word] : []
  })
  const out = parts.join(', ')
  return out.charAt(0).toUpperCase() + out.slice(1)
}

const KEY_RE = new RegExp(
  `\\b(${Object.keys(FIELD_WORDS)
    .filter((k) => /^[a-z][A-Za-z]*[A-Z][A-Za-z]*$/.test(k))
    .join('|')})\\b`,
  'g'
)

/**
 * An API error message in words: "vSetMaxV: vSetMaxV must be ≤ 10 V" → "Maximum SET voltage must be ≤ 10 V";
 * "schedule.layouts[2].fromTrial: expected …" → "Schedule, layout 3, first trial: expected …".
 */
export function humanizeMessage(message: string, field?: string): string {
  // An instrument error carries its code first ("LIMIT: pulseWidthS = …"); the code is not words.
  let rest = message.replace(/^[A-Z][A-Z_]+: /, '')
  let label: string | null = null
  if (field && rest.startsWith(`${field}: `)) {
    rest = rest.slice(field.length + 2)
    label = fieldWords(field)
  } else {
    const m = /^([A-Za-z_][\w.[\]]*): (.*)$/s.exec(rest)
    if (m && /[.[A-Z]/.test(m[1])) {
      label = fieldWords(m[1])
      rest = m[2]
    }
  }
  const key = field
    ?.split('.')
    .at(-1)
    ?.replace(/\[\d+\]$/, '')
  if (label && key && rest.startsWith(`${key} `)) return `${label}${rest.slice(key.length)}`
  const words = rest.replace(KEY_RE, (k) => FIELD_WORDS[k])
  return label ? `${label}: ${words}` : words
}

const NOUNS: Record<string, string> = {
  runs: 'run',
  mazes: 'maze',
  iv: 'I–V session',
  arrays: 'array',
  presets: 'device preset',
  board: 'controller board',
  system: 'workbench',
  audit: 'audit log'
}
const VERBS: Record<string, string> = {
  list: 'load the list of {n}s',
  get: 'load the {n}',
  delete: 'delete the {n}',
  rename: 'rename the {n}',
  update: 'save the {n}',
  start: 'start the {n}',
  stop: 'stop the {n}',
  cancel: 'cancel the {n}',
  pause: 'pause the {n}',
  resume: 'resume the {n}',
  rerun: 're-run the {n}',
  import: 'import the {n}',
  importCsv: 'import the measured file',
  previewCsv: 'read the measured file',
  export: 'export the {n}',
  exportCsv: 'export the {n}',
  exportHdf5: 'export the {n} as HDF5',
  saveLayout: 'save the maze',
  saveSchedule: 'save the schedule',
  duplicate: 'duplicate the {n}',
  copyBuiltin: 'copy the built-in maze',
  resolve: 'load the maze',
  create: 'create the {n}',
  attach: 'attach the board',
  read: 'read the array',
  program: 'program the array',
  save: 'save the {n}',
  fit: 'fit a device preset',
  connect: 'connect to the controller board',
  disconnect: 'disconnect the controller board',
  ports: 'list the serial ports',
  series: 'load the learning curves',
  saveView: 'save the comparison',
  view: 'open the saved comparison',
  deleteView: 'delete the saved comparison',
  startSweep: 'start the sweep',
  cancelSweep: 'cancel the sweep',
  analysis: 'analyse the session',
  points: 'load the measured points'
}
const REASONS: Partial<Record<string, string>> = {
  conflict: 'it is in use or already exists',
  'not-found': 'it no longer exists',
  'invalid-input': 'a value is not accepted',
  instrument: 'the instrument reported a problem',
  limit: 'a safety limit would be exceeded',
  unauthorized: 'this page has no valid token',
  'payload-too-large': 'the file is too large'
}

/** Operations whose verb alone does not say it ("runs.sweeps" is not "sweeps the run"). */
const PHRASES: Record<string, string> = {
  'arrays.attach': 'attach the board to the array',
  'arrays.cellLog': "load the cell's programming log",
  'arrays.map': 'load the array map',
  'arrays.programs': 'load the programming jobs',
  'arrays.result': 'load the programming result',
  'arrays.retention': 'load the retention map',
  'audit.recent': 'load the audit log',
  'board.connectSmu': 'connect to the source-measure unit',
  'board.status': 'read the instrument status',
  'paper.cancel': 'cancel the reproduction of the paper',
  'paper.report': "write the report of the paper's figures",
  'paper.run': "reproduce the paper's figures",
  'paper.status': 'load the reproduction of the paper',
  'runs.examples': 'load the example experiments',
  'runs.snapshot': 'load the stored state of the run',
  'runs.snapshots': 'list the stored states of the run',
  'runs.spec': 'load the settings of the run',
  'runs.sweep': 'load the sweep',
  'runs.sweeps': 'load the list of sweeps',
  'runs.trials': 'load the trials of the run',
  'runs.views': 'load the saved comparisons',
  'slurm.merge': 'merge the cluster results',
  'slurm.status': 'read the cluster job status',
  'slurm.submit': 'submit the sweep to the cluster',
  'system.info': 'read the workbench information',
  'system.ping': 'reach the workbench'
}

/** A toast title for a failed operation: "mazes.delete" + conflict → "Could not delete the maze: it is in use or already exists". */
export function failureTitle(operation: string, code: string): string {
  const [area, verb] = operation.split('.')
  const noun = NOUNS[area] ?? area
  const phrase = PHRASES[operation] ?? (VERBS[verb] ?? `${verb} the {n}`).replace('{n}', noun)
  const reason = REASONS[code]
  return `Could not ${phrase}${reason ? `: ${reason}` : ''}`
}

/** The eight moves of the grid agents (src-core/env/grid DIRECTIONS, same order) as a researcher says them. */
const DIRECTION_NAMES: Record<string, string> = {
  N: 'north',
  NE: 'north-east',
  E: 'east',
  SE: 'south-east',
  S: 'south',
  SW: 'south-west',
  W: 'west',
  NW: 'north-west'
}

/** A move's compass letters in words: "E" → "east (E)"; an unknown code is returned as is. */
export function directionWords(code: string): string {
  const name = DIRECTION_NAMES[code]
  return name ? `${name} (${code})` : code
}

/** The eight moves as a menu shows them ("east (E)"); the value is the plane index, DIRECTIONS' order. */
export const DIRECTION_CHOICES: readonly { value: number; label: string }[] = DIRECTIONS.map((d, k) => ({ value: k, label: directionWords(d) }))

/** Agents by the short names a table column has room for (the launcher's radio buttons say them in full). */
const AGENT_NAMES: Record<string, string> = { 'bio-rram': 'Bio-RRAM network', 'q-table': 'Tabular Q', dqn: 'Deep Q (MLP)' }

/** An agent kind in words: "q-table" → "Tabular Q"; an unknown kind is returned as is. */
export const agentWords = (kind: string): string => AGENT_NAMES[kind] ?? kind

/** A stored run's environment in words: a built-in's title ("Bianchi maze 1"), else the maze's own name. */
export const environmentWords = (name: string): string => BUILTIN_ENVIRONMENTS[name]?.title ?? name
