/** Print a one-line reason and exit non-zero: how every CLI failure ends. */
export function fail(message: string, code = 1): never {
  process.stderr.write(`error: ${message}\n`)
  process.exit(code)
}

export function parsePort(text: string): number {
  const n = Number(text)
  if (!Number.isInteger(n) || n < 0 || n > 65535) fail(`--port: expected an integer from 0 to 65535, got "${text}"`)
  return n
}
