import fs from 'node:fs'
import path from 'node:path'
import { PNG } from 'pngjs'
import zlib from 'node:zlib'
import { describe, expect, it, vi } from 'vitest'
import { convertMaze } from '../../cli/commands/maze'
import { tempDir } from '../store/test-helpers'
import { readElevationPng, writeElevationPng } from './elevation-png'
import { formatForOutput, readMazeFile } from './maze-files'

const FIXTURES = path.resolve(__dirname, '../../../e2e/fixtures/mazes')

describe('elevation PNG', () => {
  it('keeps a terrain to within one 16-bit grey level through write and read', () => {
    const w = 40
    const h = 30
    const z = Float32Array.from({ length: w * h }, (_, i) => 5 * Math.sin(i / 37) + (i % w) * 0.2)
    const { bytes, reliefM } = writeElevationPng(z, w, h)
    const back = readElevationPng(bytes, reliefM)
    const lo = Math.min(...z)
    for (let i = 0; i < z.length; i++) expect(Math.abs(back.elevationM[i] + lo - z[i])).toBeLessThan(reliefM / 65535 + 1e-4)
  })

  it('refuses a tiny PNG that claims 60000×60000 pixels from its header, without decoding it (issue 13, item 5)', () => {
    const chunk = (type: string, data: Buffer) => {
      const head = Buffer.alloc(8)
      head.writeUInt32BE(data.length, 0)
      head.write(type, 4, 'latin1')
      return Buffer.concat([head, data, Buffer.alloc(4)]) // CRC left 0: the header check comes first
    }
    const ihdr = Buffer.alloc(13)
    ihdr.writeUInt32BE(60000, 0)
    ihdr.writeUInt32BE(60000, 4)
    ihdr.set([8, 0, 0, 0, 0], 8) // 8-bit grey
    const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.alloc(0))), chunk('IEND', Buffer.alloc(0))])
    expect(bytes.length).toBeLessThan(80)
    const decode = vi.spyOn(PNG.sync, 'read')
    try {
      expect(() => readElevationPng(bytes)).toThrow(/60000×60000 pixels; the limit is 4096 per side/)
      expect(decode).not.toHaveBeenCalled()
    } finally {
      decode.mockRestore()
    }
    expect(() => readElevationPng(Buffer.from('GIF89a not a png at all, long enough'))).toThrow(/not a PNG image/)
  })

  it('refuses a coloured pixel, naming its row and column', () => {
    const png = new PNG({ width: 3, height: 2 })
    png.data.fill(100)
    png.data.set([200, 10, 10, 255], 4 * (1 * 3 + 2))
    expect(() => readElevationPng(PNG.sync.write(png))).toThrow(/line 2, column 3: pixel \(row 2, column 3\) is coloured/)
  })

  it('turns a steep step into obstacles (slope threshold) when read as terrain', () => {
    const png = new PNG({ width: 8, height: 8 })
    for (let i = 0; i < 64; i++) png.data.set(i % 8 < 4 ? [0, 0, 0, 255] : [255, 255, 255, 255], 4 * i)
    const read = readMazeFile('cliff.png', { bytes: PNG.sync.write(png) }, { terrain: { pngReliefM: 10, maxSlopeDeg: 45 } })
    // A 10 m cliff between columns 3 and 4 (1 m apart) is far steeper than 45°: both edge columns are walls.
    for (let r = 0; r < 8; r++) expect([read.grid.cells[r * 8 + 3], read.grid.cells[r * 8 + 4]]).toEqual([1, 1])
  })
})

describe('maze convert', () => {
  it('converts text → authors matrix → text without changing a cell', () => {
    const dir = tempDir('rram-maze-cli-')
    const csv = path.join(dir, 'm1.csv')
    const txt = path.join(dir, 'm1.txt')
    convertMaze(path.join(FIXTURES, 'maze-bianchi-1.txt'), csv)
    convertMaze(csv, txt)
    const rows = (f: string) =>
      fs
        .readFileSync(f, 'utf8')
        .split('\n')
        .filter((l) => l !== '' && !l.startsWith('# '))
    expect(rows(txt)).toEqual(rows(path.join(FIXTURES, 'maze-bianchi-1.txt')))
    expect(() => convertMaze(csv, txt)).toThrow(/exists; pass --force/)
  })

  it('leaves no output when the input is malformed', () => {
    const dir = tempDir('rram-maze-cli-')
    const out = path.join(dir, 'bad.json')
    expect(() => convertMaze(path.join(FIXTURES, 'malformed.txt'), out)).toThrow(/line 3, column 4/)
    expect(fs.readdirSync(dir)).toEqual([])
  })

  it('chooses the output format by extension and refuses an unknown one', () => {
    expect(formatForOutput('a.elevation.csv')).toBe('elevation-csv')
    expect(formatForOutput('a.CSV')).toBe('matrix-csv')
    expect(() => formatForOutput('a.docx')).toThrow(/cannot tell the format/)
  })
})
