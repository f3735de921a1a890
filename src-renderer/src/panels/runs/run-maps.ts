import type { SnapshotLayerData } from '@api/schemas/run'
import { resolveTrial } from '@core/env/schedule'
import { DIRECTIONS, type Grid } from '@core/env/grid'
import type { ResolvedEnvironment } from '@core/experiment/resolve'
import type { RunSpec } from '@core/experiment/spec'
import { BUILTIN_ENVIRONMENTS } from '@core/env/builtins'
import { directionWords } from '../../words/lab-words'

/**
 * The maps of a run's state after one trial, whichever way they arrived: a live frame of a running
 * run or a stored snapshot of a finished one. The Live view draws both the same way.
 */
export interface RunMaps {
  trial: number
  width: number
  height: number
  /** Cell indices of the trial's path, start first. */
  path: ArrayLike<number>
  /** Visits per cell since trial 1. */
  visits: ArrayLike<number> | null
  /** Threshold ÷ θ0 (bio network only). */
  thresholds: ArrayLike<number> | null
  /** `synapsePlanes` stacked grids (8: N, NE, E, SE, S, SW, W, NW). */
  synapses: ArrayLike<number> | null
  synapsePlanes: number
  /** S: conductance (bio network); q: Q value (tabular Q). */
  synapseUnit: 'S' | 'q'
}

export type HeatLayer = 'visits' | 'thresholds' | 'synapses' | 'none'

/** A live frame (`runs.frame`): synapse maps always come as 8 planes. */
export function mapsFromFrame(f: { trial: number; width: number; height: number; path: number[]; visits: number[] | null; thresholds: number[] | null; synapses: number[] | null }): RunMaps {
  return { trial: f.trial, width: f.width, height: f.height, path: f.path, visits: f.visits, thresholds: f.thresholds, synapses: f.synapses, synapsePlanes: 8, synapseUnit: 'S' }
}

/** A stored snapshot (`runs.snapshot`); layers it does not hold are null, layers unknown here are ignored. */
export function mapsFromSnapshot(snap: { trial: number; layers: readonly SnapshotLayerData[] }): RunMaps {
  const get = (name: SnapshotLayerData['layer']) => snap.layers.find((l) => l.layer === name) ?? null
  const grid = snap.layers.find((l) => l.layer !== 'path') ?? snap.layers[0]
  if (!grid) throw new Error(`the snapshot of trial ${snap.trial} holds no map`)
  const synapses = get('synapses')
  return {
    trial: snap.trial,
    width: grid.width,
    height: grid.height,
    path: get('path')?.values ?? [],
    visits: get('visits')?.values ?? null,
    thresholds: get('thresholds')?.values ?? null,
    synapses: synapses?.values ?? null,
    synapsePlanes: synapses?.planes ?? 0,
    synapseUnit: synapses?.unit === 'q' ? 'q' : 'S'
  }
}

/** One value per cell for the heat map, or null when the maps hold no such layer. */
export function heatOf(maps: RunMaps | null, layer: HeatLayer, direction: number): ArrayLike<number> | null {
  if (!maps || layer === 'none') return null
  if (layer === 'visits') return maps.visits
  if (layer === 'thresholds') return maps.thresholds
  if (!maps.synapses || maps.synapsePlanes === 0) return null
  const n = maps.width * maps.height
  // An older snapshot holding one plane stored only the spec's snapshot direction: show that one.
  const plane = maps.synapsePlanes === 1 ? 0 : direction
  return Array.prototype.slice.call(maps.synapses, plane * n, (plane + 1) * n) as number[]
}

/** The heat map's caption in the lab's words and the unit its values are printed in ('' when unitless). */
export interface HeatScale {
  label: string
  unit: string
}

/** The caption of the heat map's colour scale, with its unit: conductances in S print as "45 µS". */
export function heatScale(layer: HeatLayer, direction: number, maps: RunMaps | null): HeatScale {
  if (layer === 'visits') return { label: 'visits per cell', unit: '' }
  // The bio network stores each threshold divided by its initial value θ0 (a ratio, no unit).
  if (layer === 'thresholds') return { label: 'threshold θ / θ0', unit: '' }
  if (layer === 'none') return { label: 'no heat map', unit: '' }
  const dir = maps && maps.synapsePlanes === 1 ? 'the stored direction' : directionWords(DIRECTIONS[direction])
  return maps?.synapseUnit === 'q' ? { label: `Q value of the move ${dir}`, unit: '' } : { label: `synaptic conductance toward ${dir}`, unit: 'S' }
}

/** The heat map's choices as the menu shows them (the Q-table agent's "synapses" are its Q values). */
export function heatChoices(maps: RunMaps | null): { value: HeatLayer; label: string }[] {
  return [
    { value: 'visits', label: 'Visits per cell (firing)' },
    { value: 'thresholds', label: 'Threshold θ / θ0 (state devices)' },
    { value: 'synapses', label: maps?.synapseUnit === 'q' ? 'Q value of each move' : 'Synaptic conductance (S)' },
    { value: 'none', label: 'None' }
  ]
}

/**
 * A layout's name as the researcher knows it: a built-in's title ("Bianchi maze 2"), a notebook
 * maze's name (the service inlines it with the maze, keyed by the maze's id), else its id.
 */
export function layoutTitle(spec: Pick<RunSpec, 'environment'> | null, id: string): string {
  const builtin = BUILTIN_ENVIRONMENTS[id]
  if (builtin) return builtin.title
  const env = spec?.environment
  if (env && 'inline' in env) {
    const maze = (env.inline.layouts as Record<string, unknown>)[id]
    const name = maze && typeof maze === 'object' && 'name' in maze ? (maze as { name?: unknown }).name : undefined
    if (typeof name === 'string' && name.trim() !== '') return name
  }
  return /^\d+$/.test(id) ? `maze #${id}` : id
}

/** The layout in effect at `trial` by the run's schedule (trial 0, the state before learning, uses trial 1's). */
export function layoutAt(env: ResolvedEnvironment, trial: number): { id: string; grid: Grid } | null {
  const { layoutId } = resolveTrial(env.schedule, Math.max(1, Math.trunc(trial)))
  const grid = env.layouts[layoutId]
  return grid ? { id: layoutId, grid } : null
}

/** The snapshot trial to show first: the one asked for if stored, else the newest (the learned state). */
export function defaultSnapshotTrial(trials: readonly number[], wanted: number | null): number | null {
  if (wanted !== null && trials.includes(wanted)) return wanted
  return trials.length > 0 ? Math.max(...trials) : null
}
