import { decodeLog, levelHistograms, summarizeMaps, yieldCurve, type ProgramMaps, type TargetMap } from '../../../src-core/array'
import { InputError } from '../errors'
import type { EncodedMap, ProgramResult, ProgramSpec } from '../../api/ops/arrays'
import type { LabStore } from '../store'
import type { ArraysRepo, MapKind } from './arrays-repo'
import { fromBytes } from './blob'
import { targetKind } from './target-source'

/** Tolerances of the yield-against-tolerance curve (relative). */
const YIELD_TOLERANCES = [0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1]

/** The stored results of array programming jobs, read back for the panel (read-only). */
export class ProgramResults {
  constructor(
    private readonly store: LabStore,
    private readonly repo: ArraysRepo
  ) {}

  programs(arrayId?: number): Pick<ProgramResult, 'runId' | 'arrayId' | 'name' | 'status' | 'algorithm' | 'targetKind' | 'rows' | 'cols'>[] {
    return this.repo.programRuns(arrayId).map(({ runId }) => {
      const run = this.store.runs.get(runId)
      const spec = this.store.runs.spec(runId) as ProgramSpec & { array: { rows: number; cols: number } }
      return { runId, arrayId: spec.arrayId, name: run.name, status: run.status, algorithm: spec.algorithm, targetKind: targetKind(spec.target), rows: spec.array.rows, cols: spec.array.cols }
    })
  }

  result(runId: number): ProgramResult {
    const run = this.store.runs.get(runId)
    if (run.kind !== 'array') throw new InputError(`run ${runId} is a ${run.kind} run, not an array programming job`, 'runId')
    const p = this.repo.program(runId)
    const maps = this.loadMaps(runId)
    const target = this.loadTarget(runId, p.levelsS)
    return {
      runId,
      arrayId: p.arrayId,
      name: run.name,
      status: run.status,
      algorithm: p.algorithm,
      targetKind: p.targetKind,
      rows: maps.rows,
      cols: maps.cols,
      levelsS: p.levelsS,
      toleranceRel: p.toleranceRel,
      totals: { cellsDone: p.cells, converged: p.converged, pulses: p.pulses, reads: p.reads, energyJ: p.energyJ, timeS: p.timeS },
      summary: summarizeMaps(maps, p.toleranceRel),
      yieldCurve: yieldCurve(maps.errorRel, YIELD_TOLERANCES),
      histograms: levelHistograms(maps.gFinalS, target)
    }
  }

  map(runId: number, kind: MapKind): EncodedMap {
    const m = this.repo.map(runId, kind)
    return { rows: m.rows, cols: m.cols, dtype: m.dtype === 'f64' ? 'f64' : m.dtype, base64: m.data.toString('base64') }
  }

  cellLog(runId: number, row: number, col: number): { kind: 'read' | 'set' | 'reset' | 'form'; vV: number; iA: number; gS: number | null }[] {
    const m = this.repo.map(runId, 'pulses')
    if (row >= m.rows || col >= m.cols) throw new InputError(`cell (${row}, ${col}) is outside the ${m.rows}×${m.cols} array`, row >= m.rows ? 'row' : 'col')
    const cell = row * m.cols + col
    return this.repo.chunksForCell(runId, cell).flatMap((b) => decodeLog(b, cell).map((e) => ({ kind: e.kind, vV: e.vV, iA: e.iA, gS: Number.isNaN(e.gS) ? null : e.gS })))
  }

  loadMaps(runId: number): ProgramMaps {
    const get = (kind: MapKind) => this.repo.map(runId, kind)
    const g = get('g_final_s')
    return {
      rows: g.rows,
      cols: g.cols,
      gFinalS: fromBytes(g.data, (b) => new Float64Array(b)),
      errorRel: fromBytes(get('error_rel').data, (b) => new Float64Array(b)),
      pulses: fromBytes(get('pulses').data, (b) => new Uint32Array(b)),
      failed: fromBytes(get('failed').data, (b) => new Uint8Array(b))
    }
  }

  loadTarget(runId: number, levelsS: number[]): TargetMap {
    const t = this.repo.map(runId, 'target_s')
    const values = fromBytes(t.data, (b) => new Float64Array(b))
    const levels = Float64Array.from(levelsS)
    const level = Uint8Array.from(values, (v) => Math.max(0, levels.indexOf(v)))
    return { rows: t.rows, cols: t.cols, levelsS: levels, level }
  }
}
