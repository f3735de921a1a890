import net from 'node:net'

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]']

/**
 * Whether a WebSocket upgrade's Origin header is the lab host's own (issue 13, item 7). A browser
 * always sends Origin; a page of another site opened in the same browser gets a refusal even when
 * it knows the token. A non-browser client (the CLI, tests, scripts) sends none and needs the token
 * alone. Allowed: http://127.0.0.1:PORT, http://localhost:PORT, http://[::1]:PORT, the bound
 * address, and — when bound beyond loopback (a lab PC driven from a laptop) — the address the
 * browser used, if it is an IP literal (a DNS name could be rebound to this host by another site).
 */
export function originAllowed(origin: string | undefined, hostHeader: string | undefined, boundHost: string, port: number, extra: readonly string[] = []): boolean {
  if (origin === undefined) return true
  let o: URL
  try {
    o = new URL(origin)
  } catch {
    return false
  }
  if (o.protocol !== 'http:' && o.protocol !== 'https:') return false
  if (extra.includes(o.origin)) return true
  if (Number(o.port || (o.protocol === 'https:' ? 443 : 80)) !== port) return false
  const hostname = o.hostname
  const bound = boundHost.includes(':') ? `[${boundHost}]` : boundHost
  if (LOOPBACK_NAMES.includes(hostname) || hostname === bound) return true
  const loopbackOnly = ['127.0.0.1', 'localhost', '::1'].includes(boundHost)
  if (loopbackOnly || !hostHeader) return false
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname
  const asked = hostHeader.replace(/:\d+$/, '')
  return net.isIP(bare) !== 0 && (asked === hostname || asked === bare)
}
