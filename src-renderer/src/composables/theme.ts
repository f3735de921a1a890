const KEY = 'rram-workbench.theme'
export type Theme = 'light' | 'dark'

/** Light by default (lab screens, printed figures); dark on request, remembered per browser. */
export function applyStoredTheme(): Theme {
  const theme = (localStorage.getItem(KEY) as Theme | null) ?? 'light'
  document.documentElement.dataset.theme = theme
  return theme
}

export function setTheme(theme: Theme): void {
  localStorage.setItem(KEY, theme)
  document.documentElement.dataset.theme = theme
}
