export const PRESETS_OPERATIONS = [] as const
export const PRESETS_EVENTS = [] as const
