// Issue 13, item 13: the packaged desktop app has its Electron fuses set and ignores
// ELECTRON_RENDERER_URL (only electron-vite's development run honours it).
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { findAppRoot } from '../services/store/migrations'
import { rendererSource, rendererUrl } from './renderer-source'

/** The `electronFuses:` block of electron-builder.yml as key → boolean. */
function fuses(): Record<string, boolean> {
  const lines = fs.readFileSync(path.join(findAppRoot(), 'electron-builder.yml'), 'utf8').split('\n')
  const start = lines.findIndex((l) => /^electronFuses:\s*$/.test(l))
  const out: Record<string, boolean> = {}
  for (const line of lines.slice(start + 1)) {
    const m = /^\s+(\w+):\s*(true|false)\s*$/.exec(line)
    if (!m) break
    out[m[1]] = m[2] === 'true'
  }
  return out
}

describe('packaging', () => {
  it('flips the Electron fuses: no run-as-node, no NODE_OPTIONS, no --inspect, asar only and integrity-checked', () => {
    expect(fuses()).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true
    })
  })

  it('a packaged app loads its own renderer file whatever ELECTRON_RENDERER_URL says; a development run uses the dev server', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://evil.example/' }
    const packaged = rendererSource(env, true, '/app/out/main')
    expect(packaged).toEqual({ kind: 'file', file: path.join('/app/out/renderer/index.html') })
    expect(rendererUrl(packaged)).toBe('file://' + path.join('/app/out/renderer/index.html'))
    expect(rendererSource(env, false, '/app/out/main')).toEqual({ kind: 'url', url: 'http://evil.example/' })
    expect(rendererSource({}, false, '/app/out/main')).toEqual({ kind: 'file', file: path.join('/app/out/renderer/index.html') })
  })
})
