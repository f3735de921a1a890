import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { CobsDecodeError, cobsDecode, cobsEncode, cobsMaxEncodedLength } from './cobs'

const hex = (s: string) =>
  Uint8Array.from(
    s
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((h) => parseInt(h, 16))
  )
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)

// Wikipedia, "Consistent Overhead Byte Stuffing", encoding examples (delimiter 00 removed).
const vectors: Array<[string, number[], number[]]> = [
  ['empty', [], [0x01]],
  ['1', [0x00], [0x01, 0x01]],
  ['2', [0x00, 0x00], [0x01, 0x01, 0x01]],
  ['3', [0x00, 0x11, 0x00], [0x01, 0x02, 0x11, 0x01]],
  ['4', [0x11, 0x22, 0x00, 0x33], [0x03, 0x11, 0x22, 0x02, 0x33]],
  ['5', [0x11, 0x22, 0x33, 0x44], [0x05, 0x11, 0x22, 0x33, 0x44]],
  ['6', [0x11, 0x00, 0x00, 0x00], [0x02, 0x11, 0x01, 0x01, 0x01]],
  ['7: 01..FE', range(0x01, 0xfe), [0xff, ...range(0x01, 0xfe)]],
  ['8: 00..FE', range(0x00, 0xfe), [0x01, 0xff, ...range(0x01, 0xfe)]],
  ['9: 01..FF', range(0x01, 0xff), [0xff, ...range(0x01, 0xfe), 0x02, 0xff]],
  ['10: 02..FF 00', [...range(0x02, 0xff), 0x00], [0xff, ...range(0x02, 0xff), 0x01, 0x01]],
  ['11: 03..FF 00 01', [...range(0x03, 0xff), 0x00, 0x01], [0xfe, ...range(0x03, 0xff), 0x02, 0x01]]
]

describe('COBS', () => {
  it.each(vectors)('encodes Wikipedia example %s', (_name, raw, encoded) => {
    expect([...cobsEncode(Uint8Array.from(raw))]).toEqual(encoded)
    expect([...cobsDecode(Uint8Array.from(encoded))]).toEqual(raw)
  })

  it('round-trips any byte string, never emits 0x00, and stays within the stated overhead', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1200 }), (data) => {
        const enc = cobsEncode(data)
        expect(enc.includes(0)).toBe(false)
        expect(enc.length).toBeLessThanOrEqual(cobsMaxEncodedLength(data.length))
        expect([...cobsDecode(enc)]).toEqual([...data])
      }),
      { numRuns: 300 }
    )
  })

  it('refuses frames whose block length runs past the end or that contain 0x00', () => {
    expect(() => cobsDecode(hex('05 11 22'))).toThrow(CobsDecodeError)
    expect(() => cobsDecode(hex('03 11 00'))).toThrow(CobsDecodeError)
    expect(() => cobsDecode(hex('00'))).toThrow(CobsDecodeError)
  })
})
