import { parseDevicePreset, DevicePresetError } from '../../../src-core/device/preset-schema'
import { BUILTIN_PRESETS, DEFAULT_PRESET } from '../../../src-core/device/presets'
import type { FitReport } from '../../../src-core/device/fit-report'
import type { DevicePreset } from '../../../src-core/device/types'
import type { LabStore } from '../store'
import { StoreError } from '../store/errors'
import { PresetsRepo } from './presets-repo'
import { fitFromSessions, type SessionData } from './session-fit'
import { InputError } from '../errors'

export interface PresetEntry {
  name: string
  source: string
  builtin: boolean
  createdAt: string | null
  preset: DevicePreset
}

/** The preset library: the core's built-ins plus user presets from the notebook. */
export class PresetsService {
  readonly repo: PresetsRepo

  constructor(store: LabStore) {
    this.repo = new PresetsRepo(store.db, store.audit)
  }

  list(): PresetEntry[] {
    const builtin = BUILTIN_PRESETS.map((p) => ({ name: p.name, source: p.source, builtin: true, createdAt: null, preset: p }))
    const user = this.repo.list().map((s) => ({ name: s.name, source: s.source, builtin: false, createdAt: s.createdAt, preset: s.preset }))
    return [...builtin, ...user]
  }

  /** A preset by name (the default when name is undefined); not-found names the field. */
  get(name: string | undefined, field = 'presetName'): DevicePreset {
    if (name === undefined) return DEFAULT_PRESET
    const b = BUILTIN_PRESETS.find((p) => p.name === name)
    if (b) return b
    const u = this.repo.find(name)
    if (!u) throw new StoreError('not-found', `no device preset named "${name}"`, field)
    return u.preset
  }

  /** Validate with the core's preset schema and store; names are unique across built-ins and user presets. */
  save(input: unknown, actor: string): PresetEntry {
    let preset: DevicePreset
    try {
      preset = parseDevicePreset(input)
    } catch (e) {
      if (e instanceof DevicePresetError) throw new InputError(e.message, `preset.${e.issues[0]?.field ?? ''}`)
      throw e
    }
    if (BUILTIN_PRESETS.some((p) => p.name === preset.name)) throw new StoreError('conflict', `"${preset.name}" is a built-in preset: choose another name`, 'preset.name')
    const s = this.repo.save(preset, actor)
    return { name: s.name, source: s.source, builtin: false, createdAt: s.createdAt, preset: s.preset }
  }

  delete(name: string, actor: string): void {
    if (BUILTIN_PRESETS.some((p) => p.name === name)) throw new StoreError('conflict', `"${name}" is a built-in preset and cannot be deleted`, 'name')
    this.repo.delete(name, actor)
  }

  fit(name: string, sessions: SessionData[], baseName: string | undefined): { preset: DevicePreset; report: FitReport } {
    return fitFromSessions(name, sessions, this.get(baseName, 'baseName'))
  }
}
