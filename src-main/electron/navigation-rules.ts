/** Minimal shapes of Electron objects, so each rule can be unit-tested without the Electron binary. */
export interface NavigableContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void }, url: string) => void): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void
}

/** External pages the app may hand to the system browser (documentation and the reference paper). */
export const EXTERNAL_ALLOW_LIST = ['https://github.com/', 'https://doi.org/10.1038/s41467-023-37097-5', 'https://www.nature.com/articles/s41467-023-37097-5']

export function isAllowedExternal(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  return parsed.protocol === 'https:' && EXTERNAL_ALLOW_LIST.some((prefix) => parsed.href.startsWith(prefix))
}

/** Navigation away from the app is denied, always. */
export function denyNavigation(contents: NavigableContents): void {
  const deny = (event: { preventDefault(): void }) => event.preventDefault()
  contents.on('will-navigate', deny)
  contents.on('will-redirect', deny)
}

/** window.open is denied; an allow-listed https link opens in the system browser instead. */
export function denyWindowOpen(contents: NavigableContents, openExternal: (url: string) => unknown): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void openExternal(url)
    return { action: 'deny' }
  })
}
