import type { DevicePreset } from '../../../src-core/device/types'
import { InstrumentError } from '../instruments/errors'
import type { InstrumentService } from '../instruments/instrument-service'
import type { Instrument, InstrumentLimits } from '../instruments/types'
import type { LabStore } from '../store'
import { StoreError } from '../store/errors'
import { analyseSession, type IvAnalysis } from './analysis'
import { sessionToCsv } from './export-csv'
import { writeHdf5 } from './export-hdf5'
import { hdf5Layout } from './hdf5-layout'
import { convertCsv, previewCsv, type ColumnMapping, type CsvPreview } from './import-csv'
import { IvRepo, type IvPoints, type IvSweepSummary } from './iv-repo'
import { runRecipe } from './recipe-runner'
import type { IvRecipe } from './recipe-schema'

/** What a running session streams to panels (in blocks, as they are stored). */
export interface IvProgress {
  sweepId: number
  status: IvSweepSummary['status']
  points?: { idx: number[]; cycle: number[]; v: number[]; i: number[]; compliance: number[] }
  reads?: number
  message?: string
}

export interface IvServiceDeps {
  store: LabStore
  /** The one owner of the instrument link (simulated dies or the board). */
  instruments: InstrumentService
  appVersion: string
  /** Look a preset up by name (built-in or user); the default preset when name is undefined. */
  preset(name: string | undefined): DevicePreset
  progress(p: IvProgress): void
}

const RECIPE_LABEL: Record<IvRecipe['recipe'], string> = {
  forming: 'Forming',
  'dc-sweep': 'DC double sweep',
  cycling: 'Cycling',
  pulsed: 'Pulsed SET/RESET with verify',
  'ic-sweep': 'I_C sweep',
  'vstop-sweep': 'V_STOP sweep'
}

/**
 * I–V characterization sessions: runs a recipe on the instrument service's instrument (holding it), stores every point as it
 * arrives (append-only), streams it to panels, stops on request keeping every point so far;
 * imports measured files; analyses and exports sessions.
 */
export class IvService {
  readonly repo: IvRepo
  private running: { id: number; instrument: Instrument; stop: boolean; done: Promise<void> } | null = null

  constructor(private readonly deps: IvServiceDeps) {
    this.repo = new IvRepo(deps.store.db, deps.store.audit, deps.appVersion)
    this.repo.markInterrupted()
  }

  get runningId(): number | null {
    return this.running?.id ?? null
  }

  /** Start a recipe; resolves with the new session once it is stored and running. */
  async start(recipe: IvRecipe): Promise<IvSweepSummary> {
    if (this.running) throw new StoreError('conflict', `session ${this.running.id} is still running: stop it first`)
    const preset = this.deps.preset(recipe.presetName)
    const instruments = this.deps.instruments
    const instrument = instruments.instrumentFor(recipe.seed, preset)
    checkLimits(recipe, (await instrument.identify()).limits)
    const other = this.running as { id: number } | null
    if (other) throw new StoreError('conflict', `session ${other.id} is still running: stop it first`)
    // A board or an SMU measures a real device: no preset describes it.
    const serial = instruments.backendKind !== 'simulated'
    const backend = instruments.backend
    // Refused (BUSY) while an array job holds the board; released when the session ends.
    const release = instruments.claim('an I–V session')
    let id: number
    try {
      id = this.repo.create({
        name: recipe.name ?? `${RECIPE_LABEL[recipe.recipe]} ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`,
        recipe: recipe.recipe,
        params: recipe,
        seed: recipe.seed,
        backend,
        devicePreset: serial ? null : preset.name,
        cellRow: recipe.row,
        cellCol: recipe.col,
        vReadV: recipe.vReadV
      })
    } catch (e) {
      release()
      throw e
    }
    const state = { id, instrument, stop: false, done: Promise.resolve() }
    this.running = state
    state.done = this.execute(id, instrument, recipe, state).finally(release)
    return this.repo.get(id)
  }

  private async execute(id: number, instrument: Instrument, recipe: IvRecipe, state: { stop: boolean }): Promise<void> {
    let reads = 0
    try {
      const outcome = await runRecipe(instrument, recipe, {
        cycles: (c) => this.repo.appendCycles(id, c),
        points: (b) => {
          this.repo.appendPoints(id, b)
          this.deps.progress({ sweepId: id, status: 'running', points: { idx: b.idx, cycle: b.cycle, v: b.vV, i: b.iA, compliance: b.compliance } })
        },
        reads: (r) => {
          this.repo.appendReads(id, r)
          reads += r.length
          this.deps.progress({ sweepId: id, status: 'running', reads })
        },
        stopRequested: () => state.stop
      })
      const status = state.stop && outcome.status === 'done' ? 'stopped' : outcome.status
      this.repo.finish(id, status, status === 'failed' || status === 'interrupted' ? (outcome.message ?? null) : null)
      this.deps.progress({ sweepId: id, status, ...(outcome.message ? { message: outcome.message } : {}) })
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e)
      const status = e instanceof InstrumentError && (e.code === 'LINK_LOST' || e.code === 'NOT_CONNECTED' || e.code === 'TIMEOUT') ? 'interrupted' : 'failed'
      this.repo.finish(id, status, message)
      this.deps.progress({ sweepId: id, status, message })
    } finally {
      if (this.running?.id === id) this.running = null
    }
  }

  /** Stop the running session; every point so far stays. Resolves once it has ended. */
  async stop(id: number): Promise<IvSweepSummary> {
    const r = this.running
    if (!r || r.id !== id) {
      const s = this.repo.get(id)
      throw new StoreError('conflict', `session ${id} is not running (it is ${s.status})`, 'id')
    }
    r.stop = true
    await r.instrument.abort().catch(() => undefined)
    await r.done
    return this.repo.get(id)
  }

  /** Wait for a session to end (tests, CLI). */
  async settled(id: number): Promise<IvSweepSummary> {
    if (this.running?.id === id) await this.running.done
    return this.repo.get(id)
  }

  list(): IvSweepSummary[] {
    return this.repo.list()
  }

  rename(id: number, name: string, actor: string): IvSweepSummary {
    return this.repo.rename(id, name, actor)
  }

  /** Delete a stopped or finished session and its raw data; a running one is refused (conflict). */
  delete(id: number, actor: string): { deleted: number } {
    if (this.running?.id === id) throw new StoreError('conflict', `I–V session ${id} is running: stop it before deleting`, 'id')
    this.repo.delete(id, actor)
    return { deleted: id }
  }

  get(id: number): IvSweepSummary {
    return this.repo.get(id)
  }

  points(id: number): IvPoints {
    this.repo.get(id)
    return this.repo.points(id)
  }

  analysis(id: number): IvAnalysis {
    const s = this.repo.get(id)
    return analyseSession(s.vReadV, this.repo.cycles(id), this.repo.points(id), this.repo.reads(id))
  }

  preview(text: string): CsvPreview {
    return previewCsv(text)
  }

  /** Import a measured file as a session; all or nothing. */
  importCsv(
    input: { text: string; fileName: string; name?: string; mapping: ColumnMapping; vReadV: number; iComplianceA?: number | null; vStopV?: number | null },
    actor: string
  ): IvSweepSummary & { warnings: string[] } {
    const { points, cycles, comments, warnings, cycleBase } = convertCsv(input.text, input.mapping, input.vReadV)
    const settings = [...new Set(points.cycle)].sort((a, b) => a - b).map((cycle) => ({ cycle, step: 0, iComplianceA: input.iComplianceA ?? null, vStopV: input.vStopV ?? null }))
    const id = this.repo.importSession(
      {
        name: input.name ?? input.fileName,
        recipe: 'import',
        params: { mapping: input.mapping, iComplianceA: input.iComplianceA ?? null, vStopV: input.vStopV ?? null, cycles, cycleNumberedFrom: cycleBase, comments: comments.slice(0, 200), warnings },
        seed: null,
        backend: 'import',
        devicePreset: null,
        cellRow: null,
        cellCol: null,
        vReadV: input.vReadV,
        sourceFile: input.fileName
      },
      settings,
      points,
      actor
    )
    return { ...this.repo.get(id), warnings }
  }

  exportCsv(id: number): { fileName: string; text: string } {
    const s = this.repo.get(id)
    const text = sessionToCsv(s, this.repo.cycles(id), this.repo.points(id), this.repo.reads(id), this.deps.appVersion)
    // The same name as the HDF5 export: the session's name, made safe for file systems.
    return { fileName: `${fileNameOf(s.name, `iv-session-${id}`)}.csv`, text }
  }

  /** The session as an HDF5 file (`iv-hdf5-v2`, docs/export-formats.md): raw columns and the per-cycle extraction. */
  async exportHdf5(id: number): Promise<{ fileName: string; bytes: Buffer }> {
    const s = this.repo.get(id)
    const settings = this.repo.cycles(id)
    const points = this.repo.points(id)
    const reads = this.repo.reads(id)
    const analysis = analyseSession(s.vReadV, settings, points, reads)
    const bytes = await writeHdf5(hdf5Layout(s, settings, points, reads, analysis, this.deps.appVersion))
    return { fileName: `${fileNameOf(s.name, `iv-session-${id}`)}.h5`, bytes }
  }

  async close(): Promise<void> {
    const r = this.running
    if (r) {
      r.stop = true
      await r.instrument.abort().catch(() => undefined)
      await r.done
    }
  }
}

/** A session name as a file name: characters that file systems refuse become '-'. */
export function fileNameOf(name: string, fallback: string): string {
  const safe = name
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f<>:"/\\|?*]+/g, '-')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .slice(0, 150)
  return safe || fallback
}

/** Refuse, before anything is stored or applied, a recipe outside the instrument's limits (field named). */
export function checkLimits(recipe: IvRecipe, limits: InstrumentLimits): void {
  // Relative slack: limits fitted from data (e.g. 170 µA as 1.6999…e-4 A) must admit their own value.
  const slack = 1 + 1e-9
  const amps = (value: number, field: string) => {
    if (value > limits.iComplianceMaxA * slack)
      throw new InstrumentError('LIMIT', `${field} = ${(value * 1e6).toFixed(1)} µA exceeds the instrument's compliance limit ${(limits.iComplianceMaxA * 1e6).toFixed(1)} µA`, field)
  }
  const volts = (value: number, field: string) => {
    if (Math.abs(value) > limits.vMaxAbsV * slack) throw new InstrumentError('LIMIT', `${field} = ${value} V exceeds the instrument's limit |V| ≤ ${limits.vMaxAbsV} V`, field)
  }
  const r = recipe as Record<string, unknown>
  if (typeof r.pulseWidthS === 'number' && (r.pulseWidthS < limits.pulseWidthMinS || r.pulseWidthS > limits.pulseWidthMaxS)) {
    throw new InstrumentError('LIMIT', `pulseWidthS = ${r.pulseWidthS} s is outside the instrument's ${limits.pulseWidthMinS}…${limits.pulseWidthMaxS} s`, 'pulseWidthS')
  }
  for (const f of ['iComplianceA'] as const) if (typeof r[f] === 'number') amps(r[f] as number, f)
  for (const f of ['vSetMaxV', 'vStopV', 'vFormV', 'vSetV', 'vReadV'] as const) if (typeof r[f] === 'number') volts(r[f] as number, f)
  if (recipe.recipe === 'ic-sweep') recipe.iComplianceListA.forEach((a, k) => amps(a, `iComplianceListA[${k}]`))
  if (recipe.recipe === 'vstop-sweep') recipe.vStopListV.forEach((v, k) => volts(v, `vStopListV[${k}]`))
  if (typeof r.pulseWidthS === 'number') {
    const t = r.pulseWidthS
    if (t < limits.pulseWidthMinS || t > limits.pulseWidthMaxS)
      throw new InstrumentError('LIMIT', `pulseWidthS = ${t} s is outside the instrument's ${limits.pulseWidthMinS}…${limits.pulseWidthMaxS} s`, 'pulseWidthS')
  }
}
