import { randomUUID } from 'node:crypto'
import { APP_VERSION } from '../../app-info'
import {
  FIGURES,
  figurePlans,
  FIGURE_TITLES,
  fig4bPathTrials,
  reduceFigure,
  type FigureData,
  type FigureExamples,
  type FigureName,
  type FigurePlan,
  type FigureResult,
  type RunGroupPlan,
  type SweepPlan
} from '../../../src-core/experiment/figures'
import type { RunSummary } from '../../api/schemas/run'
import { figureStatusSchema } from '../../api/ops/paper'
import { FigureResultsRepo } from '../store/figure-results-repo'
import type { LabStore } from '../store'
import { InputError } from '../errors'
import { StoreError } from '../store/errors'
import type { RunsService } from '../runs/runs-service'
import type { ParsedRunSpec } from '../runs/spec-adapter'
import { launchSweep, sweepCells } from '../runs/sweep-runner'

export type FigureState = 'queued' | 'running' | 'done' | 'partial'

export interface FigureStatus {
  figure: FigureName
  title: string
  state: FigureState
  runsDone: number
  runs: number
  /** The figure's JSON (docs/reproduce.md) once its runs have ended; `partial: true` when some did not finish. */
  result: FigureResult | null
  /** The stored runs behind it, and its sweeps (notebook ids). */
  runIds: number[]
  sweepIds: string[]
  /** What it ran: run groups (spec × seeds) and sweeps (base × grid × seeds). */
  plan: { groups: RunGroupPlan[]; sweeps: SweepPlan[] }
}

export interface ReproductionStatus {
  id: string
  state: 'running' | 'done' | 'cancelled'
  startedAt: string
  finishedAt: string | null
  seeds: number | null
  figures: FigureStatus[]
}

interface Unit {
  /** group or sweep key */
  key: string
  kind: 'group' | 'sweep'
  /** run ids; for sweeps per cell, then per seed */
  runIds: number[][]
  /** settled runs: id → status */
  settled: Map<number, string>
  total: number
  sweepId?: string
  cellValues?: Record<string, unknown>[]
  figures: Set<FigureName>
}

export interface ReproduceRequest {
  figures: readonly FigureName[]
  /** Seeds of every figure; default each figure's own (DEFAULT_FIGURE_SEEDS). */
  seeds?: number
}

/**
 * Reproduces the paper's figures on the workbench's own runs service: every group of runs and every
 * sweep is stored in the notebook like any other (tagged `reproduce` and the figure names, its notes
 * naming the reproduction), and each figure is reduced from its stored trials once its runs have ended.
 * One reproduction at a time; cancel keeps what finished and marks the figures partial.
 */
export class ReproduceService {
  private current: { status: ReproductionStatus; plans: FigurePlan[]; units: Map<string, Unit>; cancelled: boolean; done: Promise<ReproductionStatus> } | null = null
  private listeners = new Set<(s: ReproductionStatus) => void>()
  /** The newest finished result of each figure in this notebook (the Paper view's cards); kept in `figure_results`. */
  private readonly latestByFigure = new Map<FigureName, FigureStatus>()
  private readonly results: FigureResultsRepo

  constructor(
    private readonly runs: RunsService,
    private readonly store: LabStore,
    private readonly examples: () => FigureExamples
  ) {
    this.results = new FigureResultsRepo(store.db)
    // The figures an earlier session (the app, or `reproduce` from the CLI) left in this notebook. A row of another
    // shape (a notebook edited by hand, or written by another version) is not shown: its runs are still stored.
    for (const row of this.results.all()) {
      const parsed = figureStatusSchema.safeParse(row.status)
      if (parsed.success && parsed.data.figure === row.figure && (parsed.data.state === 'done' || parsed.data.state === 'partial')) {
        this.latestByFigure.set(parsed.data.figure, parsed.data as FigureStatus)
      }
    }
  }

  /** Called with the status at every settled run (and at the start and the end). */
  onProgress(listener: (s: ReproductionStatus) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  status(): ReproductionStatus | null {
    return this.current ? structuredClone(this.current.status) : null
  }

  /** Per figure, the newest finished (done or partial) result in this notebook, in report order. */
  latest(): FigureStatus[] {
    return FIGURES.flatMap((f) => {
      const s = this.latestByFigure.get(f)
      return s ? [structuredClone(s)] : []
    })
  }

  /**
   * The Paper view's "Download report": the newest result of each figure as one self-contained HTML file (the
   * `--out` report with its PNGs and CSVs inlined). The report module (and its native canvas) loads on first use.
   */
  async report(now = new Date()): Promise<{ fileName: string; html: string }> {
    const figures = this.latest()
    if (figures.length === 0) throw new StoreError('not-found', 'no figure has been reproduced in this notebook yet: run one first', 'figures')
    const { reportDocument } = await import('./report')
    const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')
    return { fileName: `bianchi2023-reproduction-${stamp}.html`, html: reportDocument(figures, now) }
  }

  /** Validate every figure's specs, then launch them all; nothing is stored when any is invalid. */
  start(request: ReproduceRequest): ReproductionStatus {
    if (this.current?.status.state === 'running') throw new StoreError('conflict', `a reproduction is running (${this.current.status.id}): cancel it or wait`, 'figures')
    if (request.figures.length === 0) throw new InputError('figures: choose at least one figure', 'figures')
    if (request.seeds !== undefined && (!Number.isInteger(request.seeds) || request.seeds < 1)) throw new InputError(`seeds: expected an integer ≥ 1, got ${request.seeds}`, 'seeds')
    const plans = figurePlans(request.figures, this.examples(), { seeds: request.seeds })
    const id = randomUUID()
    // Unique groups and sweeps over all figures (fig4c reuses fig4b's runs), validated before anything is stored.
    const groups = new Map<string, { plan: RunGroupPlan; parsed: ParsedRunSpec; figures: Set<FigureName> }>()
    const sweeps = new Map<string, { plan: SweepPlan; figures: Set<FigureName> }>()
    for (const p of plans) {
      for (const g of p.groups) {
        const known = groups.get(g.key)
        if (known) known.figures.add(p.figure)
        else groups.set(g.key, { plan: g, parsed: this.runs.parse({ ...g.spec, seed: g.firstSeed }, {}, `${p.figure}.${g.key}`), figures: new Set([p.figure]) })
      }
      for (const s of p.sweeps) {
        const known = sweeps.get(s.key)
        if (known) known.figures.add(p.figure)
        else {
          sweepCells(s.sweep)
          sweeps.set(s.key, { plan: s, figures: new Set([p.figure]) })
        }
      }
    }
    const units = new Map<string, Unit>()
    const status: ReproductionStatus = {
      id,
      state: 'running',
      startedAt: new Date().toISOString(),
      finishedAt: null,
      seeds: request.seeds ?? null,
      figures: plans.map((p) => ({
        figure: p.figure,
        title: FIGURE_TITLES[p.figure],
        state: 'queued',
        runsDone: 0,
        runs: p.groups.reduce((a, g) => a + g.seeds, 0) + p.sweeps.reduce((a, s) => a + sweepCells(s.sweep).reduce((b, c) => b + c.specs.length, 0), 0),
        result: null,
        runIds: [],
        sweepIds: [],
        plan: { groups: p.groups, sweeps: p.sweeps }
      }))
    }
    const tagsOf = (figures: Set<FigureName>) => ['reproduce', ...figures]
    const notes = (figures: Set<FigureName>) => `reproduce ${id} (${[...figures].join(', ')}), rram-workbench ${APP_VERSION}; protocol in docs/reproduce.md`
    const settleWatch: Promise<void>[] = []
    const later: { plan: RunGroupPlan; parsed: ParsedRunSpec; figures: Set<FigureName> }[] = []
    for (const g of groups.values()) {
      if (g.plan.initialStateFrom) {
        later.push(g)
        continue
      }
      const started = this.runs.startParsed({ name: `reproduce · ${g.plan.title}`, seeds: g.plan.seeds, seed: g.plan.firstSeed, tags: tagsOf(g.figures), notes: notes(g.figures) }, g.parsed)
      units.set(g.plan.key, { key: g.plan.key, kind: 'group', runIds: [started.map((r) => r.id)], settled: new Map(), total: started.length, figures: g.figures })
    }
    // Deep Q's sweep last: the cheap figures finish first (each run is short, so the pool's tail stays short too).
    const sweepOrder = [...sweeps.values()].sort((a, b) => Number(a.plan.key.includes('dqn')) - Number(b.plan.key.includes('dqn')))
    // A sweep's runs are its cells (group `<sweep id>#<cell>`); the sweep row's name names the figure.
    for (const { plan, figures } of sweepOrder) {
      const launched = launchSweep(this.runs, this.store, plan.sweep)
      const unit: Unit = {
        key: plan.key,
        kind: 'sweep',
        runIds: launched.runIds,
        settled: new Map(),
        total: launched.runIds.flat().length,
        sweepId: launched.sweepId,
        cellValues: launched.cells.map((c) => c.values),
        figures
      }
      units.set(plan.key, unit)
    }
    for (const g of later) units.set(g.plan.key, { key: g.plan.key, kind: 'group', runIds: [[]], settled: new Map(), total: g.plan.seeds, figures: g.figures })
    const current = { status, plans, units, cancelled: false, done: null as unknown as Promise<ReproductionStatus> }
    this.current = current
    for (const unit of units.values()) for (const id of unit.runIds.flat()) settleWatch.push(this.watch(unit, id))
    // Transfer groups start once their source's runs have ended: seed k from the state run k left.
    for (const g of later) {
      const source = units.get(g.plan.initialStateFrom as string)
      if (!source) throw new Error(`${g.plan.key}: no group ${g.plan.initialStateFrom}`)
      settleWatch.push(
        Promise.all(source.runIds[0].map((id) => this.runs.whenSettled(id))).then((ended) => this.launchTransfer(g, ended, units.get(g.plan.key) as Unit, tagsOf(g.figures), notes(g.figures)))
      )
    }
    this.updateFigures()
    current.done = Promise.all(settleWatch).then(() => this.finish())
    this.emit()
    return structuredClone(status)
  }

  /** True while a reproduction has runs queued or running. */
  get running(): boolean {
    return this.current?.status.state === 'running'
  }

  /** Resolves with the final status when every run of the current reproduction has ended. */
  whenDone(): Promise<ReproductionStatus> {
    return this.current ? this.current.done : Promise.reject(new StoreError('not-found', 'no reproduction has been started', 'id'))
  }

  /** Cancel the running reproduction: queued and running runs stop, finished ones are kept; figures become partial. */
  cancel(): ReproductionStatus {
    const cur = this.current
    if (!cur || cur.status.state !== 'running') throw new StoreError('conflict', 'no reproduction is running', 'id')
    cur.cancelled = true
    this.runs.cancelMany([...cur.units.values()].flatMap((u) => u.runIds.flat()))
    return structuredClone(cur.status)
  }

  private async launchTransfer(g: { plan: RunGroupPlan; figures: Set<FigureName> }, sources: RunSummary[], unit: Unit, tags: string[], notes: string): Promise<void> {
    const cur = this.current
    if (!cur || cur.cancelled) {
      unit.total = 0
      this.updateFigures()
      return
    }
    const usable = sources.map((s, k) => ({ s, k })).filter(({ s }) => s.status === 'done')
    unit.total = usable.length
    if (usable.length === 0) return this.updateFigures()
    const groupId = randomUUID()
    const items = usable.map(({ s, k }) => ({
      // Ahead of the queue: these waited on their sources, and the figure is otherwise done.
      request: {
        name: `reproduce · ${g.plan.title} · seed ${g.plan.firstSeed + k}`,
        seeds: 1,
        seed: g.plan.firstSeed + k,
        tags,
        notes: `${notes}; from the state run ${s.id} learned`,
        groupId,
        ahead: true
      },
      parsed: this.runs.parse({ ...g.plan.spec, seed: g.plan.firstSeed + k, initialState: { run: s.id } }, {}, g.plan.key)
    }))
    const started = this.runs.startMany(items).map((rs) => rs[0].id)
    unit.runIds = [started]
    this.updateFigures()
    await Promise.all(started.map((id) => this.watch(unit, id)))
  }

  private async watch(unit: Unit, id: number): Promise<void> {
    const ended = await this.runs.whenSettled(id)
    unit.settled.set(id, ended.status)
    this.updateFigures()
    this.emit()
  }

  private unitsOf(figure: FigureName): Unit[] {
    return [...(this.current?.units.values() ?? [])].filter((u) => u.figures.has(figure))
  }

  /** Counters of every figure; a figure whose runs have all ended is reduced from the notebook. */
  private updateFigures(): void {
    const cur = this.current
    if (!cur) return
    for (const fig of cur.status.figures) {
      const units = this.unitsOf(fig.figure)
      fig.runIds = units.flatMap((u) => u.runIds.flat())
      fig.sweepIds = units.flatMap((u) => (u.sweepId ? [u.sweepId] : []))
      fig.runsDone = units.reduce((a, u) => a + u.settled.size, 0)
      // A transfer group not yet launched counts its planned seeds.
      fig.runs = Math.max(
        fig.runsDone,
        units.reduce((a, u) => a + u.total, 0)
      )
      const pendingTransfer = units.some((u) => u.kind === 'group' && u.runIds[0].length === 0 && u.total > 0)
      const ended = !pendingTransfer && units.every((u) => u.settled.size >= u.runIds.flat().length)
      if (fig.state === 'done' || fig.state === 'partial') continue
      if (!ended) {
        fig.state = fig.runsDone > 0 || units.some((u) => u.runIds.flat().length > 0) ? 'running' : 'queued'
        continue
      }
      const plan = cur.plans.find((p) => p.figure === fig.figure) as FigurePlan
      const complete =
        units.every((u) => u.total === u.runIds.flat().length && [...u.settled.values()].every((s) => s === 'done')) && units.every((u) => u.total > 0 || plan.groups.length + plan.sweeps.length === 0)
      const result = reduceFigure(fig.figure, this.data(units, plan), plan) as FigureResult
      fig.result = complete && !cur.cancelled ? result : { ...result, partial: true }
      fig.state = complete && !cur.cancelled ? 'done' : 'partial'
      this.latestByFigure.set(fig.figure, structuredClone(fig))
      this.results.save(fig.figure, fig, cur.status.id, new Date().toISOString())
    }
  }

  /** The stored trials of the finished runs behind a figure. */
  private data(units: Unit[], plan: FigurePlan): FigureData {
    const data: FigureData = { groups: {}, sweeps: {}, groupSeeds: {}, groupRunIds: {}, groupPaths: {} }
    for (const u of units) {
      const done = (id: number) => u.settled.get(id) === 'done'
      if (u.kind === 'group') {
        // In seed order: a transfer group's runs start as their sources finish, not seed by seed.
        const runs = u.runIds[0].filter(done).map((id) => ({ id, seed: this.store.runs.get(id).seed }))
        runs.sort((a, b) => a.seed - b.seed)
        data.groups[u.key] = runs.map((r) => this.store.runs.trials(r.id))
        data.groupSeeds![u.key] = runs.map((r) => r.seed)
        data.groupRunIds![u.key] = runs.map((r) => r.id)
        // The dynamic maze's stored paths of the trials before each change (its example snapshots them): whose route a
        // change blocked. Only those trials: the exploring paths of other snapshots run to thousands of cells.
        if (u.key === 'dynamic-maze') {
          const trials = fig4bPathTrials(plan)
          data.groupPaths![u.key] = runs.map((r) => this.runs.snapshots.paths(r.id, trials))
        }
      } else
        data.sweeps[u.key] = u.runIds.map((ids, cell) => ({
          values: u.cellValues?.[cell] ?? {},
          finals: ids.filter(done).flatMap((id) => {
            const last = this.store.runs.lastTrial(id)
            return last ? [last] : []
          })
        }))
    }
    return data
  }

  private finish(): ReproductionStatus {
    const cur = this.current as NonNullable<ReproduceService['current']>
    this.updateFigures()
    cur.status.state = cur.cancelled ? 'cancelled' : 'done'
    cur.status.finishedAt = new Date().toISOString()
    this.emit()
    return structuredClone(cur.status)
  }

  private emit(): void {
    if (!this.current) return
    const s = this.current.status
    for (const l of this.listeners) l(s)
  }
}
