import { defineStore } from 'pinia'
import { markRaw, ref, shallowRef, triggerRef } from 'vue'
import type { EventPayload, Input } from '@api/contract'
import type { RunStatus, RunSummary, SnapshotInfo, SnapshotLayerData, TrialRecord } from '@api/schemas/run'
import { api } from '../api/client'
import { useToasts } from './toasts'

export type LiveFrame = EventPayload<'runs.frame'>
export interface StoredSnapshot {
  trial: number
  layers: SnapshotLayerData[]
}

/** What the live view shows of one run in progress (small: reactive). */
export interface LiveState {
  runId: number
  trial: number
  of: number
  status: RunStatus
  elapsedSeconds: number
}

const ACTIVE: RunStatus[] = ['queued', 'running', 'paused']

/**
 * Stored runs and runs in progress. The list is a shallowRef (10,000 runs stay out of deep
 * reactivity); live trial records are plain arrays, bumped through `liveVersion`.
 */
export const useRuns = defineStore('runs', () => {
  const runs = shallowRef<RunSummary[]>([])
  const loading = ref(false)
  /** Shallow: a sweep puts thousands of runs here; writers call triggerRef(live). */
  const live = shallowRef<Record<number, LiveState>>({})
  /** Trial records of runs watched live, by run id (not reactive: see liveVersion). */
  const liveRecords = new Map<number, TrialRecord[]>()
  const liveVersion = ref(0)
  const frame = shallowRef<LiveFrame | null>(null)
  /** The run whose maze canvas is shown. */
  const watchedRunId = ref<number | null>(null)
  const index = new Map<number, number>()

  function reindex(): void {
    index.clear()
    runs.value.forEach((r, k) => index.set(r.id, k))
  }

  async function load(): Promise<void> {
    loading.value = true
    try {
      runs.value = await api.call('runs.list', {})
      reindex()
      for (const r of runs.value)
        if (ACTIVE.includes(r.status) && r.kind !== 'sweep') live.value[r.id] ??= { runId: r.id, trial: r.trialCount, of: r.trialsPlanned ?? 0, status: r.status, elapsedSeconds: 0 }
      triggerRef(live)
    } catch (e) {
      useToasts().error(e)
    } finally {
      loading.value = false
    }
  }

  /** Summaries read back: known runs replaced in place, new ones put first (one reindex for all). */
  function upsertMany(list: RunSummary[]): void {
    const fresh: RunSummary[] = []
    for (const summary of list) {
      const k = index.get(summary.id)
      if (k === undefined) fresh.push(summary)
      else runs.value[k] = summary
    }
    if (fresh.length > 0) {
      runs.value = [...fresh.sort((a, b) => b.id - a.id), ...runs.value]
      reindex()
    } else triggerRef(runs)
  }
  const upsert = (summary: RunSummary) => upsertMany([summary])

  // Runs to read back (new to this window, or just ended), gathered for a quarter second and read in
  // one call: a sweep starts and ends thousands of runs.
  const stale = new Set<number>()
  let staleTimer: ReturnType<typeof setTimeout> | null = null
  function refreshLater(id: number): void {
    stale.add(id)
    staleTimer ??= setTimeout(() => {
      staleTimer = null
      const ids = [...stale]
      stale.clear()
      // runs.list takes at most 10,000 ids a call.
      for (let i = 0; i < ids.length; i += 10_000) {
        api
          .call('runs.list', { ids: ids.slice(i, i + 10_000) })
          .then(upsertMany)
          .catch((e: unknown) => useToasts().error(e))
      }
    }, 250)
  }

  // Progress events are applied once per frame, the newest per run: a sweep sends tens of thousands,
  // and applying each at once re-rendered the panel each time (the window froze for minutes).
  const progressQueue = new Map<number, EventPayload<'runs.progress'>>()
  let progressFrame = false
  function applyProgress(): void {
    progressFrame = false
    for (const p of progressQueue.values()) {
      const k = index.get(p.runId)
      if (k === undefined) refreshLater(p.runId)
      else {
        const old = runs.value[k]
        runs.value[k] = { ...old, status: p.status, trialCount: Math.max(old.trialCount, p.trial) }
      }
      // A sweep cell has nothing to watch live: it stays out of the Live view (its sweep shows it).
      if (!p.lean) live.value[p.runId] = { runId: p.runId, trial: p.trial, of: p.of, status: p.status, elapsedSeconds: p.elapsedSeconds ?? live.value[p.runId]?.elapsedSeconds ?? 0 }
      if (!ACTIVE.includes(p.status)) refreshLater(p.runId)
    }
    progressQueue.clear()
    triggerRef(live)
    triggerRef(runs)
    liveVersion.value++
  }

  api.on('runs.progress', (p) => {
    // Trial records go to the (non-reactive) live lists at once and in order.
    if (p.record) {
      let list = liveRecords.get(p.runId)
      if (!list) liveRecords.set(p.runId, (list = []))
      if (list.length === 0 || list[list.length - 1].trial < p.record.trial) list.push(p.record)
    }
    progressQueue.set(p.runId, p)
    if (!progressFrame) {
      progressFrame = true
      requestAnimationFrame(applyProgress)
    }
  })

  api.on('runs.frame', (f) => {
    if (watchedRunId.value === null || f.runId === watchedRunId.value) frame.value = f
  })

  /** Launch: N seeds = N runs of one group. Errors come back to the form (field-level), not as toasts. */
  async function start(request: Input<'runs.start'>): Promise<RunSummary[]> {
    const started = await api.call('runs.start', request)
    for (const r of started) {
      upsert(r)
      liveRecords.set(r.id, [])
      live.value[r.id] = { runId: r.id, trial: 0, of: r.trialsPlanned ?? 0, status: r.status, elapsedSeconds: 0 }
    }
    triggerRef(live)
    watchedRunId.value = started[0]?.id ?? null
    frame.value = null
    return started
  }

  /** Records of a run for the live chart: what arrived live, else the stored trials. */
  async function recordsOf(id: number): Promise<TrialRecord[]> {
    const have = liveRecords.get(id)
    const run = runs.value[index.get(id) ?? -1]
    if (have && run && have.length >= run.trialCount) return have
    const stored = await api.call('runs.trials', { id })
    const merged = have ? [...stored, ...have.filter((r) => r.trial > (stored.at(-1)?.trial ?? 0))] : stored
    liveRecords.set(id, merged)
    return merged
  }

  // A finished run's snapshots never change (append-only): the last few read are kept for stepping back and forth.
  const snapshotCache = new Map<string, StoredSnapshot>()
  const SNAPSHOT_CACHE_SIZE = 12

  /** The trials of a run with stored learned state, oldest first. */
  async function snapshotTrials(id: number): Promise<SnapshotInfo[]> {
    return api.call('runs.snapshots', { id })
  }

  /** The stored maps of a run after `trial` (not reactive: big arrays). */
  async function snapshot(id: number, trial: number): Promise<StoredSnapshot> {
    const key = `${id}:${trial}`
    const have = snapshotCache.get(key)
    if (have) return have
    const got = markRaw(await api.call('runs.snapshot', { id, trial }))
    snapshotCache.set(key, got)
    if (snapshotCache.size > SNAPSHOT_CACHE_SIZE) snapshotCache.delete(snapshotCache.keys().next().value!)
    return got
  }

  async function control(id: number, verb: 'pause' | 'resume' | 'cancel'): Promise<void> {
    try {
      upsert(await api.call(`runs.${verb}`, { id }))
    } catch (e) {
      useToasts().error(e)
    }
  }

  async function update(input: Input<'runs.update'>): Promise<void> {
    upsert(await api.call('runs.update', input))
  }

  async function remove(ids: number[]): Promise<void> {
    for (const id of ids) await api.call('runs.delete', { id })
    const gone = new Set(ids)
    for (const key of [...snapshotCache.keys()]) if (gone.has(Number(key.split(':')[0]))) snapshotCache.delete(key)
    runs.value = runs.value.filter((r) => !gone.has(r.id))
    reindex()
  }

  async function rerun(id: number, seed?: number): Promise<RunSummary> {
    const r = await api.call('runs.rerun', { id, ...(seed !== undefined ? { seed } : {}) })
    upsert(r)
    liveRecords.set(r.id, [])
    watchedRunId.value = r.id
    return r
  }

  const byId = (id: number): RunSummary | undefined => runs.value[index.get(id) ?? -1]

  /** The spec a run was launched with. */
  const spec = (id: number): Promise<unknown> => api.call('runs.spec', { id })

  /** Everything stored of a run, for a JSON export: summary, spec and trials. */
  async function exportRecord(id: number): Promise<Record<string, unknown>> {
    const [summary, s, trials] = await Promise.all([api.call('runs.get', { id }), spec(id), api.call('runs.trials', { id })])
    return { ...summary, spec: s, trials }
  }

  /**
   * Follow the notebook: runs made elsewhere (the CLI, another window) appear without Refresh. The
   * list is read again every `everyMs` while followed and the page is visible, and replaced only when
   * it changed (count, newest id, or a status or trial count).
   */
  let followTimer: ReturnType<typeof setInterval> | undefined
  const fingerprint = (list: readonly RunSummary[]) => `${list.length}:${list.reduce((h, r) => (h * 31 + r.id * 7 + r.trialCount + r.status.length) % 1_000_000_007, 0)}`
  function follow(on: boolean, everyMs = 5000): void {
    clearInterval(followTimer)
    if (!on) return
    followTimer = setInterval(async () => {
      if (document.visibilityState !== 'visible' || loading.value) return
      try {
        const list = await api.call('runs.list', {})
        if (fingerprint(list) !== fingerprint(runs.value)) {
          runs.value = list
          reindex()
        }
      } catch {
        // A lost connection is shown by the status bar; the next tick tries again.
      }
    }, everyMs)
  }

  return { runs, loading, live, liveVersion, liveRecords, frame, watchedRunId, load, follow, spec, exportRecord, start, recordsOf, snapshotTrials, snapshot, control, update, remove, rerun, byId }
})
