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
  const m = /^#\/([a-z]+)(\/.*)?$/.exec(hash)
  const panel = m && PANELS.some((p) => p.id === m[1]) ? m[1] : PANELS[0].id
  return { panel, rest: m?.[2] ?? '' }
}

/** Hash routing: the selected panel follows `location.hash` (back/forward and reload keep it). */
export function useHashRoute() {
  const current = ref(parse(location.hash).panel)
  const onHash = () => (current.value = parse(location.hash).panel)
  window.addEventListener('hashchange', onHash)
  onBeforeUnmount(() => window.removeEventListener('hashchange', onHash))
  function go(id: string): void {
    location.hash = `#/${id}`
  }
  return { current, go }
}
