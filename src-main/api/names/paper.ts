export const PAPER_OPERATIONS = ['paper.run', 'paper.status', 'paper.cancel'] as const
export const PAPER_EVENTS = [] as const
