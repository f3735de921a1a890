import { onBeforeUnmount, ref } from 'vue'

export interface PanelRoute {
  id: string
  title: string
  short: string
  icon: string
}

/** The four panels, in navigation order; `#/<id>` selects one. */
export const PANELS: PanelRoute[] = [
  { id: 'iv', title: 'I–V characterization', short: 'I–V', icon: '∿' },
  { id: 'array', title: 'Array programming', short: 'Array', icon: '▦' },
  { id: 'maze', title: 'Maze design', short: 'Maze', icon: '▚' },
  { id: 'runs', title: 'Runs & comparison', short: 'Runs', icon: '↗' }
]

function parse(hash: string): { panel: string; rest: string } {
  const m = /^#\/([a-z]+)([/?].*)?$/.exec(hash)
  const panel = m && PANELS.some((p) => p.id === m[1]) ? m[1] : PANELS[0].id
  return { panel, rest: m?.[2] ?? '' }
}

/** Hash routing: the selected panel follows `location.hash` (back/forward and reload keep it). */
export function useHashRoute() {
  const current = ref(parse(location.hash).panel)
  /** What follows the panel in the hash, e.g. `/new?maze=3` in `#/runs/new?maze=3` (deep links between panels). */
  const rest = ref(parse(location.hash).rest)
  const onHash = () => {
    const r = parse(location.hash)
    current.value = r.panel
    rest.value = r.rest
  }
  window.addEventListener('hashchange', onHash)
  onBeforeUnmount(() => window.removeEventListener('hashchange', onHash))
  /** Go to a panel, optionally with a sub-path: go('runs', '/new?maze=3'). */
  function go(id: string, sub = ''): void {
    location.hash = `#/${id}${sub}`
  }
  return { current, rest, go }
}
