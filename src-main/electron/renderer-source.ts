import path from 'node:path'

export type RendererSource = { kind: 'url'; url: string } | { kind: 'file'; file: string }

/**
 * Where the window loads the renderer from. electron-vite sets ELECTRON_RENDERER_URL in development
 * (its dev server); a packaged app ignores it and loads only its own file, so an environment
 * variable cannot point the desktop app, its preload and its IPC at another page (issue 13, item 13).
 */
export function rendererSource(env: Record<string, string | undefined>, isPackaged: boolean, mainDir: string): RendererSource {
  const devUrl = env.ELECTRON_RENDERER_URL
  if (!isPackaged && devUrl) return { kind: 'url', url: devUrl }
  return { kind: 'file', file: path.join(mainDir, '../renderer/index.html') }
}

/** The renderer's URL as IPC checks its sender against it. */
export function rendererUrl(source: RendererSource): string {
  return source.kind === 'url' ? source.url : 'file://' + source.file
}
