import { z } from 'zod'
import { devicePresetSchema } from '../../../src-core/device/preset-schema'
import type { FitReport } from '../../../src-core/device/fit-report'
import type { DevicePreset } from '../../../src-core/device/types'
import { op } from './op'

const presetName = z.string().trim().min(1, 'a preset needs a name').max(120)

export const presetEntrySchema = z.object({
  name: z.string(),
  source: z.string(),
  builtin: z.boolean().describe('shipped with the workbench (read-only)'),
  createdAt: z.string().nullable(),
  preset: z.custom<DevicePreset>()
})

export const presetsOps = {
  /** Built-in presets, then the user's presets from the notebook. */
  'presets.list': op(z.object({}).strict(), z.array(presetEntrySchema)),
  /** Save a preset (validated field by field with the core's schema; names are unique). */
  'presets.save': op(z.object({ preset: z.unknown() }).strict(), presetEntrySchema),
  'presets.delete': op(z.object({ name: presetName }).strict(), z.object({ deleted: z.string() })),
  /**
   * Fit a preset from I–V sessions with the core's fitting code (the one that made the default
   * SiOx preset); returns the preset and its fit report, without saving it.
   */
  'presets.fit': op(
    z
      .object({
        name: presetName,
        sweepIds: z.array(z.number().int().positive()).min(1, 'choose at least one session').max(100),
        baseName: presetName.optional().describe('preset giving what the data do not determine (default: the built-in SiOx preset)')
      })
      .strict(),
    z.object({ preset: devicePresetSchema, report: z.custom<FitReport>() })
  )
}

export const presetsEvents = {
  /** The preset library changed (saved or deleted). */
  'presets.changed': z.object({ names: z.array(z.string()) })
}
