export const BOARD_OPERATIONS = [] as const
export const BOARD_EVENTS = [] as const
