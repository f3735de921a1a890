import { formatDuration } from '@core/format/si'

/**
 * How far a running I–V session is, from the recipe's planned cycles (× the points of an I_C or V_STOP
 * list) and the last cycle that arrived: a fraction for the bar and "cycle 7 of 20 · about 12 s left".
 * The estimate assumes the remaining cycles take as long as the ones done (none before the first ends).
 */
export function plannedCycles(params: unknown): number | null {
  if (params === null || typeof params !== 'object') return null
  const p = params as Record<string, unknown>
  const cycles = typeof p.cycles === 'number' ? p.cycles : 1
  const list = Object.values(p).find((v) => Array.isArray(v) && v.length > 0) as unknown[] | undefined
  return cycles * (list ? list.length : 1)
}

export function ivProgress(cyclesDone: number, planned: number | null, elapsedS: number): { fraction: number | null; label: string } {
  if (!planned || planned <= 0) return { fraction: null, label: `${cyclesDone} cycles` }
  const fraction = Math.min(1, cyclesDone / planned)
  const eta = cyclesDone > 0 && fraction < 1 ? formatDuration((elapsedS * (1 - fraction)) / fraction) : null
  return { fraction, label: `cycle ${Math.min(planned, cyclesDone + 1)} of ${planned}${eta ? ` · about ${eta} left` : ''}` }
}
