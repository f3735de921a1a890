export const IV_OPERATIONS = [
  'iv.start',
  'iv.stop',
  'iv.list',
  'iv.get',
  'iv.points',
  'iv.analysis',
  'iv.previewCsv',
  'iv.importCsv',
  'iv.rename',
  'iv.delete',
  'iv.exportCsv',
  'iv.exportHdf5'
] as const
export const IV_EVENTS = ['iv.progress'] as const
