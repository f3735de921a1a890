import { onBeforeUnmount, ref } from 'vue'
import { PANELS } from './useHashRoute'

/** The keyboard shortcuts, as the `?` overlay lists them. */
export const SHORTCUTS: { keys: string; what: string }[] = [
  { keys: 'Alt+1 … Alt+4', what: 'switch panel: I–V, Array, Maze, Runs' },
  { keys: 'Ctrl+Enter', what: 'start: the run, the I–V recipe or the array programming of the open panel' },
  { keys: 'Ctrl+.', what: 'stop what the open panel is running' },
  { keys: 'Ctrl+S', what: 'save: the maze being edited, the comparison view' },
  { keys: 'Z', what: 'reset the zoom of the charts' },
  { keys: '?', what: 'show or hide this list' },
  { keys: 'Esc', what: 'close this list' }
]

type Action = 'start' | 'stop' | 'save' | 'reset-zoom'

/** Is the user typing (a text field has focus)? Then single keys are text, not shortcuts. */
function typing(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null
  if (!t) return false
  const tag = t.tagName
  return t.isContentEditable || tag === 'TEXTAREA' || tag === 'SELECT' || (tag === 'INPUT' && !['checkbox', 'radio', 'range', 'button', 'submit'].includes((t as HTMLInputElement).type))
}

/**
 * Press the open panel's own button for an action: the first visible, enabled element marked
 * `data-shortcut="<action>"` inside <main>. Panels only mark their buttons; the logic stays theirs.
 */
export function pressShortcut(action: Action, root: ParentNode = document): boolean {
  const candidates = root.querySelectorAll<HTMLElement>(`main [data-shortcut~="${action}"]`)
  for (const el of candidates) {
    if ((el as HTMLButtonElement).disabled || el.offsetParent === null) continue
    el.click()
    return true
  }
  return false
}

/** Installs the shortcuts on the window; `overlay` is the `?` list's visibility. */
export function useShortcuts(go: (panel: string) => void) {
  const overlay = ref(false)
  function onKey(e: KeyboardEvent): void {
    if (e.altKey && !e.ctrlKey && /^Digit[1-4]$/.test(e.code)) {
      go(PANELS[Number(e.code.slice(5)) - 1].id)
      e.preventDefault()
      return
    }
    const mod = e.ctrlKey || e.metaKey
    if (mod && e.key === 'Enter') {
      if (pressShortcut('start')) e.preventDefault()
    } else if (mod && e.key === '.') {
      if (pressShortcut('stop')) e.preventDefault()
    } else if (mod && (e.key === 's' || e.key === 'S')) {
      // Always swallow Ctrl+S: the browser's "save page" is never what a researcher means here.
      e.preventDefault()
      pressShortcut('save')
    } else if (!mod && !e.altKey && !typing(e)) {
      if (e.key === '?') overlay.value = !overlay.value
      else if (e.key === 'Escape') overlay.value = false
      else if (e.key === 'z' || e.key === 'Z') pressShortcut('reset-zoom')
    }
  }
  window.addEventListener('keydown', onKey)
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey))
  return { overlay }
}
