import type { Database, Statement } from 'better-sqlite3'
import type { ArrayInfo } from '../../api/ops/arrays'
import type { RramArrayState } from '../../../src-core/array'
import { StoreError } from '../store'
import { bytesOf, fromBytes } from './blob'

export type MapKind = 'target_s' | 'g_final_s' | 'error_rel' | 'pulses' | 'failed'
export type MapDtype = 'f64' | 'u32' | 'u8'

interface ArrayRow {
  id: number
  name: string
  backend: 'simulated' | 'serial'
  serial_path: string | null
  rows: number
  cols: number
  device_preset: string
  seed: number
  initial_state: ArrayInfo['initialState']
  d2d_sigma: number | null
  created_at: string
  programs: number
}

export type StoredArray = Omit<ArrayInfo, 'attached'>

export interface ProgramRow {
  runId: number
  arrayId: number
  algorithm: 'binary' | 'gate-ramp' | 'voltage-ramp'
  targetKind: string
  levelsS: number[]
  toleranceRel: number
  cells: number
  converged: number
  pulses: number
  reads: number
  energyJ: number
  timeS: number
}

const toInfo = (r: ArrayRow): StoredArray => ({
  id: r.id,
  name: r.name,
  backend: r.backend,
  serialPath: r.serial_path,
  rows: r.rows,
  cols: r.cols,
  devicePreset: r.device_preset,
  seed: r.seed,
  initialState: r.initial_state,
  d2dSigma: r.d2d_sigma,
  createdAt: r.created_at,
  programs: r.programs
})

const ARRAY_COLUMNS = `a.id, a.name, a.backend, a.serial_path, a.rows, a.cols, a.device_preset, a.seed, a.initial_state, a.d2d_sigma, a.created_at,
  (SELECT count(*) FROM array_programs p WHERE p.array_id = a.id) AS programs`

/** Arrays, programming outcomes, operation logs and final maps (migration 0005). */
export class ArraysRepo {
  private readonly insertArrayStmt: Statement
  private readonly selectArray: Statement
  private readonly selectArrays: Statement
  private readonly insertChunkStmt: Statement
  private readonly insertProgramStmt: Statement
  private readonly insertMapStmt: Statement
  private readonly selectProgram: Statement
  private readonly selectMap: Statement
  private readonly selectChunksForCell: Statement
  private readonly upsertStateStmt: Statement
  private readonly selectStateStmt: Statement

  constructor(
    private readonly db: Database,
    private readonly now: () => string = () => new Date().toISOString()
  ) {
    this.insertArrayStmt = db.prepare(`INSERT INTO arrays (name, backend, serial_path, rows, cols, device_preset, seed, initial_state, d2d_sigma, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    this.selectArray = db.prepare(`SELECT ${ARRAY_COLUMNS} FROM arrays a WHERE a.id = ?`)
    this.selectArrays = db.prepare(`SELECT ${ARRAY_COLUMNS} FROM arrays a ORDER BY a.id DESC`)
    this.insertChunkStmt = db.prepare('INSERT INTO array_op_chunks (run_id, seq, cell_first, cell_last, entries, data) VALUES (?, ?, ?, ?, ?, ?)')
    this.insertProgramStmt = db.prepare(`INSERT INTO array_programs (run_id, array_id, algorithm, target_kind, levels_json, tolerance_rel, cells, converged,
      pulses, reads, energy_j, time_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    this.insertMapStmt = db.prepare('INSERT INTO array_maps (run_id, kind, rows, cols, dtype, data) VALUES (?, ?, ?, ?, ?, ?)')
    this.selectProgram = db.prepare(`SELECT run_id, array_id, algorithm, target_kind, levels_json, tolerance_rel, cells, converged, pulses, reads, energy_j, time_s
      FROM array_programs WHERE run_id = ?`)
    this.selectMap = db.prepare('SELECT rows, cols, dtype, data FROM array_maps WHERE run_id = ? AND kind = ?')
    this.selectChunksForCell = db.prepare('SELECT data FROM array_op_chunks WHERE run_id = ? AND cell_first <= ? AND cell_last >= ? ORDER BY seq')
    this.upsertStateStmt = db.prepare(`INSERT INTO array_states (array_id, saved_at, cells, g_s, formed, reads, sets, resets, pulses, energy_j, rng_state)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (array_id) DO UPDATE SET saved_at = excluded.saved_at, cells = excluded.cells, g_s = excluded.g_s, formed = excluded.formed,
        reads = excluded.reads, sets = excluded.sets, resets = excluded.resets, pulses = excluded.pulses, energy_j = excluded.energy_j, rng_state = excluded.rng_state`)
    this.selectStateStmt = db.prepare('SELECT cells, g_s, formed, reads, sets, resets, pulses, energy_j, rng_state FROM array_states WHERE array_id = ?')
  }

  createArray(a: Omit<StoredArray, 'id' | 'createdAt' | 'programs'>): StoredArray {
    const info = this.insertArrayStmt.run(a.name, a.backend, a.serialPath, a.rows, a.cols, a.devicePreset, a.seed, a.initialState, a.d2dSigma, this.now())
    return this.getArray(Number(info.lastInsertRowid))
  }

  getArray(id: number): StoredArray {
    const row = this.selectArray.get(id) as ArrayRow | undefined
    if (!row) throw new StoreError('not-found', `array ${id} does not exist`, 'id')
    return toInfo(row)
  }

  listArrays(): StoredArray[] {
    return (this.selectArrays.all() as ArrayRow[]).map(toInfo)
  }

  /** Keep a simulated die's used state (migration 0007), replacing the one saved before. */
  saveState(arrayId: number, s: RramArrayState): void {
    this.upsertStateStmt.run(
      arrayId,
      this.now(),
      s.gS.length,
      bytesOf(s.gS),
      bytesOf(s.formed),
      bytesOf(s.reads),
      bytesOf(s.sets),
      bytesOf(s.resets),
      bytesOf(s.pulseCount),
      bytesOf(s.energyJ),
      JSON.stringify(s.rng)
    )
  }

  /** The state saved for an array, or undefined when it has none (a fresh die, or a board array). */
  loadState(arrayId: number): RramArrayState | undefined {
    const row = this.selectStateStmt.get(arrayId) as
      { cells: number; g_s: Buffer; formed: Buffer; reads: Buffer; sets: Buffer; resets: Buffer; pulses: Buffer; energy_j: Buffer; rng_state: string } | undefined
    if (!row) return undefined
    const f64 = (b: Buffer) => fromBytes(b, (buf) => new Float64Array(buf))
    const u32 = (b: Buffer) => fromBytes(b, (buf) => new Uint32Array(buf))
    return {
      gS: f64(row.g_s),
      formed: Uint8Array.from(row.formed),
      reads: u32(row.reads),
      sets: u32(row.sets),
      resets: u32(row.resets),
      pulseCount: u32(row.pulses),
      energyJ: f64(row.energy_j),
      rng: JSON.parse(row.rng_state) as number[]
    }
  }

  appendLogChunk(runId: number, seq: number, cellFirst: number, cellLast: number, entries: number, data: Uint8Array): void {
    this.insertChunkStmt.run(runId, seq, cellFirst, cellLast, entries, data)
  }

  /** The job's outcome and its final maps, in one transaction. */
  finishProgram(p: ProgramRow, maps: { kind: MapKind; rows: number; cols: number; dtype: MapDtype; data: Uint8Array }[]): void {
    this.db.transaction(() => {
      this.insertProgramStmt.run(p.runId, p.arrayId, p.algorithm, p.targetKind, JSON.stringify(p.levelsS), p.toleranceRel, p.cells, p.converged, p.pulses, p.reads, p.energyJ, p.timeS)
      for (const m of maps) this.insertMapStmt.run(p.runId, m.kind, m.rows, m.cols, m.dtype, m.data)
    })()
  }

  program(runId: number): ProgramRow {
    const r = this.selectProgram.get(runId) as Record<string, unknown> | undefined
    if (!r) throw new StoreError('not-found', `run ${runId} has no stored programming outcome (not an array run, or still running)`, 'runId')
    return {
      runId: r.run_id as number,
      arrayId: r.array_id as number,
      algorithm: r.algorithm as ProgramRow['algorithm'],
      targetKind: r.target_kind as string,
      levelsS: JSON.parse(r.levels_json as string) as number[],
      toleranceRel: r.tolerance_rel as number,
      cells: r.cells as number,
      converged: r.converged as number,
      pulses: r.pulses as number,
      reads: r.reads as number,
      energyJ: r.energy_j as number,
      timeS: r.time_s as number
    }
  }

  /** Array runs (newest first), with their array when known. */
  programRuns(arrayId?: number): { runId: number; arrayId: number | null }[] {
    const rows = this.db
      .prepare(
        `SELECT r.id AS run_id, p.array_id AS array_id, json_extract(r.spec_json, '$.arrayId') AS spec_array FROM runs r
         LEFT JOIN array_programs p ON p.run_id = r.id WHERE r.kind = 'array' ORDER BY r.id DESC`
      )
      .all() as { run_id: number; array_id: number | null; spec_array: number | null }[]
    return rows.map((r) => ({ runId: r.run_id, arrayId: r.array_id ?? r.spec_array })).filter((r) => arrayId === undefined || r.arrayId === arrayId)
  }

  map(runId: number, kind: MapKind): { rows: number; cols: number; dtype: MapDtype; data: Buffer } {
    const r = this.selectMap.get(runId, kind) as { rows: number; cols: number; dtype: MapDtype; data: Buffer } | undefined
    if (!r) throw new StoreError('not-found', `run ${runId} has no ${kind} map`, 'runId')
    return r
  }

  /** The log chunks that may hold a cell's operations, in order. */
  chunksForCell(runId: number, cell: number): Buffer[] {
    return (this.selectChunksForCell.all(runId, cell, cell) as { data: Buffer }[]).map((r) => r.data)
  }
}
