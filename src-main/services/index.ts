import path from 'node:path'
import { APP_VERSION } from '../app-info'
import { EventBus } from './event-bus'
import { LabStore } from './store'
import { InstrumentService } from './instruments/instrument-service'
import { IvService } from './iv/iv-service'
import { PresetsService } from './presets/presets-service'
import { MazesService } from './mazes'
import { RunsService } from './runs/runs-service'
import { ArraysService } from './arrays/arrays-service'
import { ReproduceService } from './reproduce/reproduce-service'
import { readFigureExamples } from './reproduce/examples'

export interface ServicesOptions {
  /** The SQLite lab notebook; created if missing. */
  dbFile: string
  /** Worker threads for maze runs; default one per core. */
  runWorkers?: number
  /** The run worker's entry file; default the built one beside this bundle, else the TS source. */
  runWorkerFile?: string
}

/** Everything the API handlers call: one instance per process, shared by every transport. */
export class Services {
  readonly events = new EventBus()
  readonly store: LabStore
  readonly dbFile: string
  /** The maze library (Maze design panel). */
  readonly mazes: MazesService
  /** The one owner of the instrument link: simulated dies or the serial board (I–V, arrays, board ops). */
  readonly instruments: InstrumentService
  readonly presets: PresetsService
  readonly iv: IvService
  /** Maze runs on the worker pool (Runs panel, CLI run). */
  readonly runs: RunsService
  /** Arrays and their program-and-verify jobs (Array panel). */
  readonly arrays: ArraysService
  /** The paper's figures on the runs service (`reproduce`, the Paper view). */
  readonly reproduce: ReproduceService

  constructor(options: ServicesOptions) {
    this.dbFile = options.dbFile === ':memory:' ? options.dbFile : path.resolve(options.dbFile)
    this.store = LabStore.open(this.dbFile, APP_VERSION)
    this.instruments = new InstrumentService()
    this.instruments.on('status', (s) => this.events.emit('status', { instrumentBackend: s.backend, link: s.link }))
    this.presets = new PresetsService(this.store)
    this.iv = new IvService({
      store: this.store,
      instruments: this.instruments,
      appVersion: APP_VERSION,
      preset: (name) => this.presets.get(name),
      progress: (p) => this.events.emit('iv.progress', p)
    })
    this.mazes = new MazesService(this.store.db, this.store.audit, this.events)
    this.runs = new RunsService(this.store, this.events, {
      workers: options.runWorkers,
      workerFile: options.runWorkerFile,
      notebookPreset: (name) => {
        try {
          return this.presets.get(name)
        } catch {
          return undefined
        }
      },
      storedMaze: (id) => this.mazes.resolve(id)
    })
    this.arrays = new ArraysService({ store: this.store, events: this.events, instruments: this.instruments, preset: (name) => this.presets.get(name) })
    this.reproduce = new ReproduceService(this.runs, this.store, () => readFigureExamples())
  }

  get instrumentBackend(): string {
    return this.instruments.backend
  }

  /**
   * Stop everything, then close the notebook. The runs' own writes (a sweep's group commit, the
   * runs the closing pool stops) are made synchronously first, and again once the workers are gone.
   */
  async close(): Promise<void> {
    const runs = this.runs.close()
    this.arrays.close()
    const instruments = this.instruments.close()
    try {
      await Promise.all([runs, instruments])
    } finally {
      this.store.close()
    }
  }
}
