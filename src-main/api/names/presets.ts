export const PRESETS_OPERATIONS = ['presets.list', 'presets.save', 'presets.delete', 'presets.fit'] as const
export const PRESETS_EVENTS = ['presets.changed'] as const
