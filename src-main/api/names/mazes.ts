export const MAZES_OPERATIONS = [] as const
export const MAZES_EVENTS = [] as const
