export const IV_OPERATIONS = [] as const
export const IV_EVENTS = [] as const
