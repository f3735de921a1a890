/**
 * The renderer's Content-Security-Policy: only our own scripts and styles, no eval, no remote
 * content; `connect-src` allows the lab host's WebSocket on the same origin ('self' covers ws: on
 * the page's own host and port, also for [::1], which a CSP host source cannot name). The meta tag in
 * src-renderer/index.html carries the same policy less `frame-ancestors`, which browsers ignore (with
 * a console warning) in a meta tag; the lab host sends the full policy as a header (a test checks both).
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

/** The policy as the page's meta tag states it: frame-ancestors is honoured only as a header. */
export const RENDERER_META_CSP = RENDERER_CSP.split('; ')
  .filter((d) => !d.startsWith('frame-ancestors'))
  .join('; ')
