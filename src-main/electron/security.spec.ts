import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { mainWindowOptions } from './window-options'
import { denyNavigation, denyWindowOpen, isAllowedExternal, type NavigableContents } from './navigation-rules'
import { denyAllPermissions } from './permission-rules'
import { isTrustedSender } from './ipc'
import { RENDERER_CSP, RENDERER_META_CSP } from '../security/csp'
import { findAppRoot } from '../services/store/migrations'

// Unit tests of each security rule against minimal fakes of Electron's objects (no binary here).
function fakeContents() {
  const handlers: Record<string, (e: { preventDefault(): void }, url: string) => void> = {}
  let openHandler: ((d: { url: string }) => { action: string }) | null = null
  const contents: NavigableContents = {
    on: (event, listener) => (handlers[event] = listener),
    setWindowOpenHandler: (h) => (openHandler = h)
  }
  return { contents, handlers, open: (url: string) => openHandler!({ url }) }
}

describe('Electron security', () => {
  it('creates the window with context isolation, sandbox, no node integration and web security', () => {
    const prefs = mainWindowOptions('/app/preload.js').webPreferences!
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      allowRunningInsecureContent: false
    })
    expect(prefs.preload).toBe('/app/preload.js')
  })

  it('ships a strict CSP in the renderer page, the same one the lab host sends', () => {
    const html = fs.readFileSync(path.join(findAppRoot(), 'src-renderer', 'index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBe(RENDERER_META_CSP)
    expect(RENDERER_CSP).toBe(`${RENDERER_META_CSP}; frame-ancestors 'none'`)
    expect(RENDERER_CSP).toContain("script-src 'self'")
    expect(RENDERER_CSP).not.toContain('unsafe-eval')
    expect(RENDERER_CSP).toContain("object-src 'none'")
  })

  it('denies every navigation and redirect', () => {
    const { contents, handlers } = fakeContents()
    denyNavigation(contents)
    for (const ev of ['will-navigate', 'will-redirect']) {
      const preventDefault = vi.fn()
      handlers[ev]({ preventDefault }, 'https://evil.example/')
      expect(preventDefault, ev).toHaveBeenCalled()
    }
  })

  it('denies window.open, opening only allow-listed https links in the system browser', () => {
    const { contents, open } = fakeContents()
    const openExternal = vi.fn()
    denyWindowOpen(contents, openExternal)
    expect(open('https://evil.example/')).toEqual({ action: 'deny' })
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' })
    expect(openExternal).not.toHaveBeenCalled()
    expect(open('https://doi.org/10.1038/s41467-023-37097-5')).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledWith('https://doi.org/10.1038/s41467-023-37097-5')
    expect(isAllowedExternal('http://github.com/')).toBe(false)
  })

  it('denies every permission request and check', () => {
    let request: ((c: unknown, p: string, cb: (g: boolean) => void) => void) | null = null
    let check: ((c: unknown, p: string) => boolean) | null = null
    denyAllPermissions({ setPermissionRequestHandler: (h) => (request = h), setPermissionCheckHandler: (h) => (check = h) })
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      const cb = vi.fn()
      request!(null, permission, cb)
      expect(cb).toHaveBeenCalledWith(false)
      expect(check!(null, permission)).toBe(false)
    }
  })

  it('accepts IPC only from the workbench page', () => {
    const file = 'file:///opt/app/out/renderer/index.html'
    expect(isTrustedSender(file, file)).toBe(true)
    expect(isTrustedSender('file:///tmp/other.html', file)).toBe(false)
    expect(isTrustedSender('http://localhost:5173/#/runs', 'http://localhost:5173/')).toBe(true)
    expect(isTrustedSender('https://evil.example/', 'http://localhost:5173/')).toBe(false)
    expect(isTrustedSender(undefined, file)).toBe(false)
  })
})
