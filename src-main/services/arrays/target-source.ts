import { checkerboardTarget, checkLevels, defaultLevelsS, gradientTarget, parseNumericCsv, placeOnArray, quantizedTarget, NumericCsvError, type TargetMap } from '../../../src-core/array'
import type { DeviceModel } from '../../../src-core/device/types'
import type { TargetSpec } from '../../api/ops/arrays'
import { InputError, NotFoundError } from '../errors'
import type { SnapshotsRepo } from '../store/snapshots-repo'

const DIRECTIONS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW']

/** How a target is named in the notebook (array_programs.target_kind). */
export function targetKind(spec: TargetSpec): string {
  return spec.kind === 'run' ? `run-${spec.map}` : spec.kind
}

function levelsFor(spec: TargetSpec, model: DeviceModel, fallbackCount: number): Float64Array {
  try {
    if (spec.levelsS) return checkLevels(spec.levelsS)
    return defaultLevelsS(model, spec.levels ?? fallbackCount)
  } catch (e) {
    throw new InputError(`target.${(e as Error).message}`, 'target.levelsS')
  }
}

function fit(t: TargetMap, rows: number, cols: number, what: string): TargetMap {
  if (t.rows > rows || t.cols > cols) throw new InputError(`${what} is ${t.rows}×${t.cols} cells, larger than the ${rows}×${cols} array`, 'target')
  return placeOnArray(t, rows, cols)
}

/**
 * The target map of a programming job, the size of the array. Smaller maps (a CSV, an image, a
 * maze's learned state) sit in the top-left corner with the rest at the bottom level (HRS).
 * Default level counts: 2 (binary patterns, images, CSVs, synapse maps), 4 (gradients, threshold maps).
 */
export function buildTarget(spec: TargetSpec, rows: number, cols: number, model: DeviceModel, snapshots: SnapshotsRepo): TargetMap {
  switch (spec.kind) {
    case 'checkerboard':
      return checkerboardTarget(rows, cols, levelsFor(spec, model, 2), spec.square ?? 1)
    case 'gradient':
      return gradientTarget(rows, cols, levelsFor(spec, model, 4))
    case 'csv': {
      let m
      try {
        m = parseNumericCsv(spec.text)
      } catch (e) {
        if (e instanceof NumericCsvError) throw new InputError(`target CSV, ${e.message}`, 'target.text')
        throw e
      }
      return fit(quantizedTarget(m.rows, m.cols, m.values, levelsFor(spec, model, 2), spec.invert), rows, cols, 'the CSV')
    }
    case 'image': {
      const gray = Buffer.from(spec.grayBase64, 'base64')
      if (gray.length !== spec.width * spec.height) throw new InputError(`target.grayBase64 holds ${gray.length} grey values, not ${spec.width}×${spec.height}`, 'target.grayBase64')
      return fit(quantizedTarget(spec.height, spec.width, gray, levelsFor(spec, model, 2), spec.invert), rows, cols, 'the image')
    }
    case 'run': {
      const snap = snapshots.get(spec.runId, spec.trial)
      const layerName = spec.map === 'synapse' ? 'synapses' : 'thresholds'
      const layer = snap.layers.find((l) => l.layer === layerName)
      if (!layer) throw new NotFoundError(`run ${spec.runId} has no ${layerName} map at trial ${snap.trial}`, 'target.map')
      const cells = layer.width * layer.height
      let plane = 0
      if (spec.map === 'synapse') {
        // A snapshot holding one plane stores the run's chosen direction: program that one.
        plane = layer.planes === 1 ? 0 : (spec.direction ?? 0)
        if (plane >= layer.planes) throw new InputError(`run ${spec.runId} stores ${layer.planes} synapse planes; direction ${DIRECTIONS[plane]} is not one`, 'target.direction')
      }
      const values = layer.values.slice(plane * cells, (plane + 1) * cells)
      return fit(quantizedTarget(layer.height, layer.width, values, levelsFor(spec, model, spec.map === 'synapse' ? 2 : 4)), rows, cols, `the ${spec.map} map of run ${spec.runId}`)
    }
  }
}
