export const PAPER_OPERATIONS = ['paper.run', 'paper.status', 'paper.cancel', 'paper.report'] as const
export const PAPER_EVENTS = [] as const
