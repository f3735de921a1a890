// Issue 13: malformed files for every import — maze formats (text, JSON, matrix CSV, elevation CSV,
// elevation PNG), I–V CSV (preview and import), device presets, array target CSV and image. Each
// valid seed file is mutated (truncated, junk inserted, NUL, lone surrogates, huge numbers, flipped
// bytes, a line repeated); every answer must be an envelope naming its field, never `internal`,
// and a refused import must store nothing. Seeded; the counts are printed.
import fs from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_PRESET } from '../../../src-core/device/presets'
import { dispatch } from '../dispatch'
import { errorCodeSchema } from '../schemas/envelope'
import { Services } from '../../services'
import { writeElevationPng } from '../../services/mazes/elevation-png'
import { tempDir } from '../../services/store/test-helpers'

const RUNS = Number(process.env.HOSTILE_FILE_RUNS ?? 30)
const SEED = 13
/** A file the host chews on longer than this counts as a hang: a 63 kB maze with 2000 starts took 7 s (one BFS per start). */
const HANG_MS = 5000

let services: Services
let arrayId = 0
const figures = { files: 0, crashes: 0, hangs: 0, partialWrites: 0, noField: 0, accepted: 0 }
const problems: string[] = []

beforeAll(async () => {
  services = new Services({ dbFile: path.join(tempDir(), 'lab.sqlite'), runWorkers: 1 })
  const made = (await dispatch(ctx(), 'arrays.create', { name: 'target', rows: 8, cols: 8, seed: 1 })) as { value: { id: number } }
  arrayId = made.value.id
})
afterAll(async () => {
  await services?.close()
  process.stdout.write(
    `hostile files: ${figures.files} malformed files — crashes ${figures.crashes}, hangs ${figures.hangs}, partial writes ${figures.partialWrites}, errors without a field ${figures.noField} (accepted as valid: ${figures.accepted})\n`
  )
})

const ctx = () => ({ services, transport: 'lab-host' as const, actor: 'hostile', appVersion: '0.0.0-test' })
const tables = () => (services.store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name)
const rowCounts = () => JSON.stringify(tables().map((t) => (services.store.db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n))

async function settle(): Promise<void> {
  for (const r of services.store.runs.list()) if (r.kind === 'array' && r.status === 'running') services.arrays.cancel(r.id)
  for (const r of services.store.runs.list()) if (r.kind === 'array') await services.arrays.settled(r.id)
}

async function tryFile(label: string, op: string, input: unknown): Promise<void> {
  figures.files++
  const before = rowCounts()
  const answer = (await Promise.race([dispatch(ctx(), op, input), new Promise((r) => setTimeout(() => r({ hang: true }), HANG_MS))])) as {
    ok?: boolean
    hang?: boolean
    error?: { code: string; message: string; field?: string }
  }
  await settle()
  if (answer.hang) {
    figures.hangs++
    problems.push(`${label}: no answer in ${HANG_MS} ms`)
  } else if (answer.ok === true) figures.accepted++
  else if (answer.ok !== false || !answer.error || !errorCodeSchema.safeParse(answer.error.code).success || typeof answer.error.message !== 'string') problems.push(`${label}: not an envelope`)
  else if (answer.error.code === 'internal') {
    figures.crashes++
    problems.push(`${label}: internal: ${answer.error.message.slice(0, 200)}`)
  } else {
    if (rowCounts() !== before) {
      figures.partialWrites++
      problems.push(`${label}: refused but rows changed`)
    }
    if (answer.error.code === 'invalid-input' && !answer.error.field) {
      figures.noField++
      problems.push(`${label}: no field: ${answer.error.message.slice(0, 200)}`)
    }
  }
}

/** Mutations of a text file: truncation, junk, NUL, lone surrogates, huge or odd numbers, CR, quotes, a line repeated. */
const mutateText = (seed: string): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.nat({ max: Math.max(0, seed.length - 1) }),
      fc.oneof(
        fc.constant((s: string, k: number) => s.slice(0, k)),
        fc.string({ maxLength: 6 }).map((j) => (s: string, k: number) => s.slice(0, k) + j + s.slice(k)),
        fc
          .constantFrom('\u0000', '\ud800', '\r', '"', ',', ';', '\t', '1e309', 'NaN', '-0', '1e-400', '9'.repeat(400), '\ufeff', '﻿#')
          .map((j) => (s: string, k: number) => s.slice(0, k) + j + s.slice(k + 1)),
        fc.constant((s: string, k: number) => {
          const lines = s.split('\n')
          const line = lines[k % lines.length]
          return [...lines.slice(0, k % lines.length), ...Array(2000).fill(line), ...lines.slice(k % lines.length)].join('\n')
        })
      )
    )
    .map(([k, f]) => f(seed, k))

const mutateBytes = (seed: Buffer): fc.Arbitrary<Buffer> =>
  fc.oneof(
    fc.nat({ max: seed.length - 1 }).map((k) => seed.subarray(0, k)),
    fc.tuple(fc.nat({ max: seed.length - 1 }), fc.integer({ min: 0, max: 255 })).map(([k, b]) => {
      const c = Buffer.from(seed)
      c[k] = b
      return c
    }),
    fc.uint8Array({ maxLength: 64 }).map((junk) => Buffer.concat([seed.subarray(0, 33), Buffer.from(junk), seed.subarray(33)]))
  )

const mazeText = fs.readFileSync(path.join(__dirname, '../../../e2e/fixtures/mazes/maze-bianchi-1.txt'), 'utf8')
const mazeJson = JSON.stringify({ format: 'rram-workbench.maze', version: 1, width: 6, height: 4, rows: ['......', '..#...', '......', '.....G'], starts: [{ row: 0, col: 0 }] })
const matrixCsv = '-100,0,0,0\n0,1,1,0\n0,0,0,1000\n'
const elevationCsv = Array.from({ length: 6 }, (_, r) => Array.from({ length: 6 }, (_, c) => (r * 0.3 + c * 0.2).toFixed(2)).join(',')).join('\n') + '\n'
const png = writeElevationPng(
  Float32Array.from({ length: 64 }, (_, i) => (i % 8) * 0.5),
  8,
  8
).bytes
const ivCsv = 'V (V),I (A)\n' + [0, 0.5, 1, 1.5, 1, 0.5, 0, -0.5, -1, -0.5, 0].map((v, k) => `${v},${(v * (k < 6 ? 1e-4 : 1e-5)).toExponential(3)}`).join('\n') + '\n'
const presetJson = JSON.stringify({ ...DEFAULT_PRESET, name: 'hostile preset' })
const targetCsv = Array.from({ length: 8 }, (_, r) => Array.from({ length: 8 }, (_, c) => ((r + c) % 2 ? 2e-5 : 1e-4).toExponential(2)).join(',')).join('\n') + '\n'

describe('malformed files for every import (fast-check)', () => {
  it('maze files of every format', async () => {
    for (const [fileName, seed] of [
      ['maze.txt', mazeText],
      ['maze.json', mazeJson],
      ['Labirinto_1.csv', matrixCsv],
      ['mars.elevation.csv', elevationCsv]
    ] as const)
      await fc.assert(
        fc.asyncProperty(mutateText(seed), fc.boolean(), async (text, save) => void (await tryFile(`mazes.import ${fileName}`, 'mazes.import', { fileName, text, save }))),
        { seed: SEED, numRuns: RUNS }
      )
    await fc.assert(
      fc.asyncProperty(
        mutateBytes(png),
        fc.boolean(),
        async (bytes, save) => void (await tryFile('mazes.import png', 'mazes.import', { fileName: 'terrain.png', base64: bytes.toString('base64'), save }))
      ),
      { seed: SEED, numRuns: RUNS }
    )
    expect(problems).toEqual([])
  }, 60_000)

  it('I–V CSV files, previewed and imported', async () => {
    await fc.assert(
      fc.asyncProperty(mutateText(ivCsv), async (text) => {
        await tryFile('iv.previewCsv', 'iv.previewCsv', { text })
        await tryFile('iv.importCsv', 'iv.importCsv', { text, fileName: 'cell.csv', mapping: { v: 0, i: 1, vUnit: 'V', iUnit: 'A' } })
      }),
      { seed: SEED, numRuns: RUNS }
    )
    expect(problems).toEqual([])
  }, 60_000)

  it('device presets', async () => {
    await fc.assert(
      fc.asyncProperty(mutateText(presetJson), async (text) => {
        let preset: unknown
        try {
          preset = JSON.parse(text)
        } catch {
          preset = text
        }
        await tryFile('presets.save', 'presets.save', { preset })
        await services.store.db.prepare('DELETE FROM device_presets').run()
      }),
      { seed: SEED, numRuns: RUNS }
    )
    expect(problems).toEqual([])
  }, 60_000)

  it('array targets: CSV and grey image', async () => {
    await fc.assert(
      fc.asyncProperty(mutateText(targetCsv), async (text) => void (await tryFile('arrays.program csv', 'arrays.program', { arrayId, algorithm: 'gate-ramp', target: { kind: 'csv', text } }))),
      { seed: SEED, numRuns: RUNS }
    )
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 80 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        async (gray, width, height) =>
          void (await tryFile('arrays.program image', 'arrays.program', {
            arrayId,
            algorithm: 'gate-ramp',
            target: { kind: 'image', width, height, grayBase64: Buffer.from(gray).toString('base64') }
          }))
      ),
      { seed: SEED, numRuns: RUNS }
    )
    expect(problems).toEqual([])
  }, 60_000)
})
