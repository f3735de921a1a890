export const RUNS_OPERATIONS = ['runs.list', 'runs.get', 'runs.spec', 'runs.trials', 'runs.update', 'runs.delete'] as const
export const RUNS_EVENTS = ['runs.progress'] as const
