export const ARRAYS_OPERATIONS = [] as const
export const ARRAYS_EVENTS = [] as const
