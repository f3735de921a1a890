export const BOARD_OPERATIONS = ['board.ports', 'board.connect', 'board.connectSmu', 'board.disconnect', 'board.status'] as const
export const BOARD_EVENTS = [] as const
