import path from 'node:path'
import { APP_VERSION } from '../app-info'
import { EventBus } from './event-bus'
import { LabStore } from './store'

export interface ServicesOptions {
  /** The SQLite lab notebook; created if missing. */
  dbFile: string
}

/** Everything the API handlers call: one instance per process, shared by every transport. */
export class Services {
  readonly events = new EventBus()
  readonly store: LabStore
  readonly dbFile: string
  private backend = 'simulated'

  constructor(options: ServicesOptions) {
    this.dbFile = options.dbFile === ':memory:' ? options.dbFile : path.resolve(options.dbFile)
    this.store = LabStore.open(this.dbFile, APP_VERSION)
  }

  get instrumentBackend(): string {
    return this.backend
  }

  close(): void {
    this.store.close()
  }
}
