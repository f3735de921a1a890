/**
 * The renderer's Content-Security-Policy: only our own scripts and styles, no eval, no remote
 * content; `connect-src` allows the lab host's WebSocket on the same origin. The same string is
 * set as a meta tag in src-renderer/index.html (a test checks they agree).
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:* ws://[::1]:*",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')
