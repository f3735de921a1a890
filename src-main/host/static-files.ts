import fs from 'node:fs'
import path from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { RENDERER_CSP } from '../security/csp'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm'
}

/**
 * The decoded path of a request target, `/index.html` for the root, or null when the target cannot be
 * parsed or percent-decoded (or holds a NUL).
 */
export function requestPath(target: string | undefined): string | null {
  let pathname: string
  try {
    pathname = decodeURIComponent(new URL(target ?? '/', 'http://localhost').pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0')) return null
  return pathname === '/' || pathname === '' ? '/index.html' : pathname
}

/** Serve the built renderer (out/renderer) read-only; anything outside it is 404. */
export function serveStatic(rendererDir: string, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end()
    return
  }
  // A hostile request line (`/%`, `http://[`) must be a 400, never an exception: any web page the
  // researcher opens can make the browser send one to 127.0.0.1.
  const rel = requestPath(req.url)
  if (rel === null) {
    res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('bad request')
    return
  }
  const file = path.resolve(rendererDir, '.' + rel)
  if (!file.startsWith(path.resolve(rendererDir) + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found')
    return
  }
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream'
  const headers: Record<string, string> = {
    'Content-Type': type,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': rel === '/index.html' ? 'no-store' : 'public, max-age=3600'
  }
  if (type.startsWith('text/html')) {
    headers['Content-Security-Policy'] = RENDERER_CSP
    headers['X-Frame-Options'] = 'DENY'
  }
  res.writeHead(200, headers)
  if (req.method === 'HEAD') res.end()
  else
    fs.createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res)
}
