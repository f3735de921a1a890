export const IV_OPERATIONS = ['iv.start', 'iv.stop', 'iv.list', 'iv.get', 'iv.points', 'iv.analysis', 'iv.previewCsv', 'iv.importCsv', 'iv.exportCsv'] as const
export const IV_EVENTS = ['iv.progress'] as const
