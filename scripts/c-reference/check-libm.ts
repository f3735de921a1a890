/**
 * Checks that the C reference loop's exp and log (fdlibm-exp-log.h) are bit-identical to node's
 * Math.exp and Math.log, on the arguments the ziggurat slow path gives them and on a wide spread of
 * others; glibc's are counted alongside for comparison.
 * Run: npx tsx scripts/c-reference/check-libm.ts   (needs gcc)
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { RandomStream } from '../../src-core/random'

const here = dirname(fileURLToPath(import.meta.url))
const outDir = join(here, '../../.tmp/c-reference')
mkdirSync(outDir, { recursive: true })
const exe = join(outDir, 'check-libm')
execFileSync('gcc', ['-O2', '-ffp-contract=off', '-o', exe, join(here, 'check-libm.c'), '-lm'])

const N = 4_000_000
const q = new Float64Array(4 * N)
const rng = RandomStream.fromSeed(20240607)
for (let n = 0; n < N; n++) {
  const u = rng.uniform()
  // exp: the wedge test's −x²/2 (x < 3.5) for half the arguments, then anything in (−750, 750).
  const x = n % 2 === 0 ? -0.5 * (3.5 * u) ** 2 : (u - 0.5) * 1500 * rng.uniform() ** 4
  // log: the tail's open uniforms ((w + 0.5)·2^−32) for half, then positive numbers over many decades.
  const y = n % 2 === 0 ? ((rng.nextInt32() >>> 0) + 0.5) * 2.3283064365386963e-10 : Math.exp((u - 0.5) * 1400)
  q[4 * n] = x
  q[4 * n + 1] = Math.exp(x)
  q[4 * n + 2] = y
  q[4 * n + 3] = Math.log(y)
}
// Edges: reduction boundaries, overflow and underflow thresholds, subnormals, zero and infinity.
const expEdges = [0, -0, 1e-300, 2 ** -30, 0.34657359027997264, 1.0397207708399179, 709.78, 710, -745.1, -746, Infinity, -Infinity]
const logEdges = [1, 1 + 2 ** -30, 1 - 2 ** -30, 5e-324, 2.2e-308, 1e-310, 0, Infinity, Math.SQRT2, Math.SQRT1_2, 2, 0.5]
for (let e = 0; e < expEdges.length; e++) {
  q[4 * e] = expEdges[e]
  q[4 * e + 1] = Math.exp(expEdges[e])
}
for (let e = 0; e < logEdges.length; e++) {
  q[4 * e + 2] = logEdges[e]
  q[4 * e + 3] = Math.log(logEdges[e])
}
const file = join(outDir, 'libm-pairs.bin')
writeFileSync(file, new Uint8Array(q.buffer))
const line = execFileSync(exe, [file], { encoding: 'utf8' }).trim()
console.log(line)
const m = /exp-differs (\d+) log-differs (\d+)/.exec(line)
if (!m || m[1] !== '0' || m[2] !== '0') {
  console.error('fdlibm-exp-log.h differs from node')
  process.exit(1)
}
