export const RUNS_OPERATIONS = [
  'runs.list',
  'runs.get',
  'runs.spec',
  'runs.trials',
  'runs.update',
  'runs.delete',
  'runs.start',
  'runs.pause',
  'runs.resume',
  'runs.cancel',
  'runs.rerun',
  'runs.series',
  'runs.snapshots',
  'runs.snapshot',
  'runs.examples',
  'runs.views',
  'runs.view',
  'runs.saveView',
  'runs.deleteView'
] as const
export const RUNS_EVENTS = ['runs.progress', 'runs.frame'] as const
