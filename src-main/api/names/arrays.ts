export const ARRAYS_OPERATIONS = [
  'arrays.list',
  'arrays.create',
  'arrays.attach',
  'arrays.detach',
  'arrays.read',
  'arrays.program',
  'arrays.cancel',
  'arrays.programs',
  'arrays.result',
  'arrays.map',
  'arrays.cellLog',
  'arrays.retention'
] as const
export const ARRAYS_EVENTS = ['arrays.progress'] as const
