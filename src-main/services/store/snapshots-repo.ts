import type { Database, Statement } from 'better-sqlite3'
import type { SnapshotInfo, SnapshotLayer, SnapshotLayerData } from '../../api/schemas/run'
import type { StateLayer } from '../../../src-core/experiment/state-layers'
import { StoreError } from './errors'
import { InputError } from '../errors'

/** A snapshot layer as the core computes it (src-core/experiment/state-layers.ts): typed arrays, not yet JSON. */
export type SnapshotLayerArrays = StateLayer

function toBlob(l: SnapshotLayerArrays): { planes: number; data: Buffer } {
  if (l.layer === 'path') {
    const ints = l.values instanceof Int32Array ? l.values : Int32Array.from(l.values)
    return { planes: ints.length, data: Buffer.from(ints.buffer, ints.byteOffset, ints.byteLength) }
  }
  const cells = l.width * l.height
  if (l.values.length === 0 || l.values.length % cells !== 0) throw new InputError(`snapshot layer ${l.layer}: ${l.values.length} values do not fill whole ${l.width}×${l.height} grids`, 'values')
  const floats = l.values instanceof Float32Array ? l.values : Float32Array.from(l.values)
  return { planes: floats.length / cells, data: Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength) }
}

/** Copy out of SQLite's buffer into a fresh, aligned array. */
function fromBlob(layer: SnapshotLayer, data: Buffer): number[] {
  const copy = new Uint8Array(data.byteLength)
  copy.set(data)
  return Array.from(layer === 'path' ? new Int32Array(copy.buffer) : new Float32Array(copy.buffer))
}

interface SnapshotRow {
  layer: SnapshotLayer
  unit: SnapshotLayerData['unit']
  width: number
  height: number
  planes: number
  data: Buffer
}

/**
 * Snapshots of a run's learned state (threshold map, synapse maps, visits, the trial's path) at
 * chosen trials and at the end. Append-only like trials; deleted only with their run.
 */
export class SnapshotsRepo {
  private readonly insert: Statement
  private readonly selectLayers: Statement
  private readonly selectIndex: Statement
  private readonly selectPath: Statement

  constructor(private readonly db: Database) {
    this.insert = db.prepare('INSERT INTO run_snapshots (run_id, trial, layer, unit, width, height, planes, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    this.selectLayers = db.prepare('SELECT layer, unit, width, height, planes, data FROM run_snapshots WHERE run_id = ? AND trial = ? ORDER BY layer')
    this.selectIndex = db.prepare('SELECT trial, layer FROM run_snapshots WHERE run_id = ? ORDER BY trial, layer')
    this.selectPath = db.prepare("SELECT data FROM run_snapshots WHERE run_id = ? AND trial = ? AND layer = 'path'")
  }

  /** Store every layer of one snapshot in one transaction; a layer stored twice for a trial is a conflict. */
  add(runId: number, trial: number, layers: readonly SnapshotLayerArrays[]): void {
    this.db.transaction(() => {
      for (const l of layers) {
        const { planes, data } = toBlob(l)
        try {
          this.insert.run(runId, trial, l.layer, l.unit, l.width, l.height, planes, data)
        } catch (e) {
          const msg = (e as Error).message
          if (/UNIQUE|PRIMARY KEY/i.test(msg)) throw new StoreError('conflict', `run ${runId} already has a ${l.layer} snapshot at trial ${trial}`, 'trial')
          if (/FOREIGN KEY/i.test(msg)) throw new StoreError('not-found', `run ${runId} does not exist`, 'runId')
          throw e
        }
      }
    })()
  }

  /** The trials that have a snapshot, with their layers, oldest first. */
  list(runId: number): SnapshotInfo[] {
    const out: SnapshotInfo[] = []
    for (const row of this.selectIndex.all(runId) as { trial: number; layer: SnapshotLayer }[]) {
      const last = out.at(-1)
      if (last && last.trial === row.trial) last.layers.push(row.layer)
      else out.push({ trial: row.trial, layers: [row.layer] })
    }
    return out
  }

  /** The layers of one snapshot; `trial` omitted means the newest snapshot of the run. */
  get(runId: number, trial?: number): { trial: number; layers: SnapshotLayerData[] } {
    const at = trial ?? this.list(runId).at(-1)?.trial
    if (at === undefined) throw new StoreError('not-found', `run ${runId} has no snapshot`, 'id')
    const rows = this.selectLayers.all(runId, at) as SnapshotRow[]
    if (rows.length === 0) throw new StoreError('not-found', `run ${runId} has no snapshot at trial ${at}`, 'trial')
    return {
      trial: at,
      layers: rows.map((r) => ({ layer: r.layer, unit: r.unit, width: r.width, height: r.height, planes: r.layer === 'path' ? 1 : r.planes, values: fromBlob(r.layer, r.data) }))
    }
  }

  /** The stored path (cell indices) of each of `trials` that has one, by trial: without the maps, for reading many runs. */
  paths(runId: number, trials: readonly number[]): Record<number, number[]> {
    const out: Record<number, number[]> = {}
    for (const trial of trials) {
      const row = this.selectPath.get(runId, trial) as { data: Buffer } | undefined
      if (row) out[trial] = fromBlob('path', row.data)
    }
    return out
  }
}
