export const MAZES_OPERATIONS = [
  'mazes.list',
  'mazes.get',
  'mazes.saveLayout',
  'mazes.saveSchedule',
  'mazes.rename',
  'mazes.duplicate',
  'mazes.delete',
  'mazes.import',
  'mazes.export',
  'mazes.copyBuiltin',
  'mazes.resolve'
] as const
export const MAZES_EVENTS = ['mazes.changed'] as const
