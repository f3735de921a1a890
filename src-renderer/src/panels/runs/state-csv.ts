import { DIRECTIONS } from '@core/env/grid'
import type { StoredSnapshot } from '../../stores/runs'

export interface StateCsvMeta {
  runId: number
  runName: string
  layoutId: string | null
  appVersion: string
}

/**
 * A run's stored learned state after one trial as long-format CSV (`run-state-v1`,
 * docs/export-formats.md): one row per cell and map — `layer,unit,direction,row,col,value` — after a
 * commented header. Grid maps only (the path, a list of cells, is left out); synapses carry their
 * direction (N … NW), other maps an empty one. Rows and columns are 0-based, row 0 at the top.
 */
export function stateCsv(snapshot: StoredSnapshot, meta: StateCsvMeta): string {
  const lines = [
    '# format: run-state-v1',
    `# app_version: ${meta.appVersion}`,
    `# run_id: ${meta.runId}`,
    `# name: ${meta.runName.replace(/[\r\n]+/g, ' ')}`,
    `# trial: ${snapshot.trial} (state after this trial)`,
    `# layout: ${meta.layoutId ?? ''}`,
    '# units: S = siemens; theta0 = threshold / θ0; count = visits; kind = 0 rest, 1 rewarded, 2 penalised, 3 relaxed; q = Q value',
    'layer,unit,direction,row,col,value'
  ]
  for (const l of snapshot.layers) {
    if (l.layer === 'path') continue
    const cells = l.width * l.height
    for (let p = 0; p < l.planes; p++) {
      const direction = l.planes === 8 ? DIRECTIONS[p] : ''
      for (let i = 0; i < cells; i++) {
        const v = l.values[p * cells + i]
        lines.push(`${l.layer},${l.unit},${direction},${Math.floor(i / l.width)},${i % l.width},${Number.isFinite(v) ? v : ''}`)
      }
    }
  }
  return lines.join('\n') + '\n'
}
