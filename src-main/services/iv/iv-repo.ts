import type { Database, Statement } from 'better-sqlite3'
import { StoreError } from '../store/errors'
import type { AuditLog } from '../store/audit-log'

export type IvRecipeName = 'forming' | 'dc-sweep' | 'cycling' | 'pulsed' | 'ic-sweep' | 'vstop-sweep' | 'import'
export type IvStatus = 'running' | 'done' | 'stopped' | 'failed' | 'interrupted'

/** One I–V session as the notebook lists it. */
export interface IvSweepSummary {
  id: number
  name: string
  recipe: IvRecipeName
  params: unknown
  seed: number | null
  backend: string
  devicePreset: string | null
  cellRow: number | null
  cellCol: number | null
  vReadV: number
  status: IvStatus
  sourceFile: string | null
  createdAt: string
  finishedAt: string | null
  error: string | null
  points: number
  reads: number
  cycles: number
}

export interface NewIvSweep {
  name: string
  recipe: IvRecipeName
  params: unknown
  seed: number | null
  backend: string
  devicePreset: string | null
  cellRow: number | null
  cellCol: number | null
  vReadV: number
  sourceFile?: string | null
}

/** A block of raw points in column form (SI units). */
export interface IvPointBlock {
  idx: number[]
  cycle: number[]
  /** BRANCH_* code, or null where the instrument/file does not label it. */
  branch: (number | null)[]
  vV: number[]
  iA: number[]
  compliance: number[]
  tS: (number | null)[]
}

/** A session's points read back, in typed arrays (SI units); branch 255 = unlabelled, tS NaN = unknown. */
export interface IvPoints {
  n: number
  cycle: Uint32Array
  branch: Uint8Array
  vV: Float64Array
  iA: Float64Array
  compliance: Uint8Array
  tS: Float64Array
}

export const NO_BRANCH = 255

export interface IvReadRow {
  idx: number
  cycle: number
  after: 'form' | 'set' | 'reset'
  pulses: number
  vReadV: number
  iReadA: number
}

export interface IvCycleSetting {
  cycle: number
  step: number
  iComplianceA: number | null
  vStopV: number | null
}

interface SweepRow {
  id: number
  name: string
  recipe: IvRecipeName
  params_json: string
  seed: number | null
  backend: string
  device_preset: string | null
  cell_row: number | null
  cell_col: number | null
  v_read_v: number
  status: IvStatus
  source_file: string | null
  created_at: string
  finished_at: string | null
  error: string | null
  points: number
  reads: number
  cycles: number
}

const SUMMARY_SQL = `SELECT s.*,
  (SELECT coalesce(sum(p.n), 0) FROM iv_point_blocks p WHERE p.sweep_id = s.id) AS points,
  (SELECT count(*) FROM iv_reads r WHERE r.sweep_id = s.id) AS reads,
  (SELECT count(*) FROM iv_cycles c WHERE c.sweep_id = s.id) AS cycles
  FROM iv_sweeps s`

/** The I–V part of the lab notebook (migration 0004): sessions, cycle settings, points, reads. */
export class IvRepo {
  private readonly insertSweep: Statement
  private readonly insertPoint: Statement
  private readonly insertRead: Statement
  private readonly insertCycle: Statement
  private readonly finishStmt: Statement
  private readonly getStmt: Statement
  private readonly listStmt: Statement

  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly appVersion: string,
    private readonly now: () => string = () => new Date().toISOString()
  ) {
    this.insertSweep = db.prepare(
      `INSERT INTO iv_sweeps (name, recipe, params_json, seed, backend, device_preset, cell_row, cell_col, v_read_v, status, source_file, app_version, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?)`
    )
    this.insertPoint = db.prepare('INSERT INTO iv_point_blocks (sweep_id, first_idx, n, cycle_u32, branch_u8, v_v_f64, i_a_f64, compliance_u8, t_s_f64) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    this.insertRead = db.prepare('INSERT INTO iv_reads (sweep_id, idx, cycle, after, pulses, v_read_v, i_read_a) VALUES (?, ?, ?, ?, ?, ?, ?)')
    this.insertCycle = db.prepare('INSERT INTO iv_cycles (sweep_id, cycle, step, i_compliance_a, v_stop_v) VALUES (?, ?, ?, ?, ?)')
    this.finishStmt = db.prepare("UPDATE iv_sweeps SET status = ?, finished_at = ?, error = ? WHERE id = ? AND status = 'running'")
    this.getStmt = db.prepare(`${SUMMARY_SQL} WHERE s.id = ?`)
    this.listStmt = db.prepare(`${SUMMARY_SQL} ORDER BY s.id DESC LIMIT ?`)
  }

  create(s: NewIvSweep): number {
    const r = this.insertSweep.run(
      s.name,
      s.recipe,
      JSON.stringify(s.params ?? {}),
      s.seed,
      s.backend,
      s.devicePreset,
      s.cellRow,
      s.cellCol,
      s.vReadV,
      s.sourceFile ?? null,
      this.appVersion,
      this.now()
    )
    return Number(r.lastInsertRowid)
  }

  /** Store a block of consecutive points (idx[k] = idx[0] + k) as one row. */
  appendPoints(sweepId: number, block: IvPointBlock): void {
    const n = block.idx.length
    if (n === 0) return
    for (let k = 1; k < n; k++) if (block.idx[k] !== block.idx[0] + k) throw new RangeError(`point block: idx must be consecutive, got ${block.idx[k]} after ${block.idx[k - 1]}`)
    const blob = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)
    this.insertPoint.run(
      sweepId,
      block.idx[0],
      n,
      blob(Uint32Array.from(block.cycle)),
      blob(Uint8Array.from(block.branch, (b) => (b === null ? NO_BRANCH : b))),
      blob(Float64Array.from(block.vV)),
      blob(Float64Array.from(block.iA)),
      blob(Uint8Array.from(block.compliance)),
      blob(Float64Array.from(block.tS, (t) => (t === null ? NaN : t)))
    )
  }

  appendReads(sweepId: number, reads: IvReadRow[]): void {
    this.db.transaction(() => {
      for (const r of reads) this.insertRead.run(sweepId, r.idx, r.cycle, r.after, r.pulses, r.vReadV, r.iReadA)
    })()
  }

  appendCycles(sweepId: number, cycles: IvCycleSetting[]): void {
    this.db.transaction(() => {
      for (const c of cycles) this.insertCycle.run(sweepId, c.cycle, c.step, c.iComplianceA, c.vStopV)
    })()
  }

  /** End a running session (first call wins). */
  finish(sweepId: number, status: Exclude<IvStatus, 'running'>, error: string | null = null): void {
    this.finishStmt.run(status, this.now(), error, sweepId)
  }

  /** Sessions left `running` by a crash become `interrupted`; their points stay. */
  markInterrupted(): number {
    return this.db.prepare("UPDATE iv_sweeps SET status = 'interrupted', finished_at = ? WHERE status = 'running'").run(this.now()).changes
  }

  /** Store a whole import in one transaction: a failure leaves nothing behind. */
  importSession(s: NewIvSweep, cycles: IvCycleSetting[], points: IvPointBlock, actor: string): number {
    return this.db.transaction(() => {
      const id = this.create(s)
      this.appendCycles(id, cycles)
      this.appendPoints(id, points)
      this.finish(id, 'done')
      this.audit.record(actor, 'import', 'iv-sweep', String(id), { name: s.name, sourceFile: s.sourceFile ?? null, points: points.idx.length })
      return id
    })()
  }

  /** Rename a session (the identity trigger lets the name change); audited. */
  rename(id: number, name: string, actor: string): IvSweepSummary {
    return this.db.transaction(() => {
      const before = this.get(id)
      this.db.prepare('UPDATE iv_sweeps SET name = ? WHERE id = ?').run(name, id)
      this.audit.record(actor, 'rename', 'iv-sweep', String(id), { from: before.name, to: name })
      return this.get(id)
    })()
  }

  /** Delete a session and its raw rows: explicit, audited, refused while it runs (one transaction, under a permit). */
  delete(id: number, actor: string): void {
    this.db.transaction(() => {
      const s = this.get(id)
      if (s.status === 'running') throw new StoreError('conflict', `I–V session ${id} is running: stop it before deleting`, 'id')
      this.db.prepare('INSERT INTO iv_deletion_permits (sweep_id) VALUES (?)').run(id)
      for (const table of ['iv_point_blocks', 'iv_reads', 'iv_cycles', 'iv_sweeps']) this.db.prepare(`DELETE FROM ${table} WHERE ${table === 'iv_sweeps' ? 'id' : 'sweep_id'} = ?`).run(id)
      this.db.prepare('DELETE FROM iv_deletion_permits WHERE sweep_id = ?').run(id)
      this.audit.record(actor, 'delete', 'iv-sweep', String(id), { name: s.name, recipe: s.recipe, points: s.points })
    })()
  }

  get(id: number): IvSweepSummary {
    const row = this.getStmt.get(id) as SweepRow | undefined
    if (!row) throw new StoreError('not-found', `no I–V session with id ${id}`, 'id')
    return toSummary(row)
  }

  list(limit = 500): IvSweepSummary[] {
    return (this.listStmt.all(limit) as SweepRow[]).map(toSummary)
  }

  points(sweepId: number): IvPoints {
    const rows = this.db
      .prepare('SELECT first_idx, n, cycle_u32, branch_u8, v_v_f64, i_a_f64, compliance_u8, t_s_f64 FROM iv_point_blocks WHERE sweep_id = ? ORDER BY first_idx')
      .raw()
      .all(sweepId) as [number, number, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer][]
    const total = rows.reduce((s, r) => s + r[1], 0)
    const out: IvPoints = {
      n: total,
      cycle: new Uint32Array(total),
      branch: new Uint8Array(total),
      vV: new Float64Array(total),
      iA: new Float64Array(total),
      compliance: new Uint8Array(total),
      tS: new Float64Array(total)
    }
    // Copy through Uint8Array views: a Buffer's offset need not be aligned for a Float64Array view.
    const copy = (dst: ArrayBufferView, at: number, src: Buffer, bytesPer: number) => new Uint8Array(dst.buffer).set(src, at * bytesPer)
    for (const [first, , cycle, branch, v, i, compliance, t] of rows) {
      copy(out.cycle, first, cycle, 4)
      copy(out.branch, first, branch, 1)
      copy(out.vV, first, v, 8)
      copy(out.iA, first, i, 8)
      copy(out.compliance, first, compliance, 1)
      copy(out.tS, first, t, 8)
    }
    return out
  }

  reads(sweepId: number): IvReadRow[] {
    const rows = this.db.prepare('SELECT idx, cycle, after, pulses, v_read_v, i_read_a FROM iv_reads WHERE sweep_id = ? ORDER BY idx').all(sweepId) as {
      idx: number
      cycle: number
      after: IvReadRow['after']
      pulses: number
      v_read_v: number
      i_read_a: number
    }[]
    return rows.map((r) => ({ idx: r.idx, cycle: r.cycle, after: r.after, pulses: r.pulses, vReadV: r.v_read_v, iReadA: r.i_read_a }))
  }

  cycles(sweepId: number): IvCycleSetting[] {
    const rows = this.db.prepare('SELECT cycle, step, i_compliance_a, v_stop_v FROM iv_cycles WHERE sweep_id = ? ORDER BY cycle').all(sweepId) as {
      cycle: number
      step: number
      i_compliance_a: number | null
      v_stop_v: number | null
    }[]
    return rows.map((r) => ({ cycle: r.cycle, step: r.step, iComplianceA: r.i_compliance_a, vStopV: r.v_stop_v }))
  }
}

function toSummary(r: SweepRow): IvSweepSummary {
  return {
    id: r.id,
    name: r.name,
    recipe: r.recipe,
    params: JSON.parse(r.params_json),
    seed: r.seed,
    backend: r.backend,
    devicePreset: r.device_preset,
    cellRow: r.cell_row,
    cellCol: r.cell_col,
    vReadV: r.v_read_v,
    status: r.status,
    sourceFile: r.source_file,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
    error: r.error,
    points: r.points,
    reads: r.reads,
    cycles: r.cycles
  }
}
