/**
 * Consistent Overhead Byte Stuffing (Cheshire & Baker, IEEE/ACM Trans. Netw. 1999): rewrites a
 * byte string so that it contains no 0x00, which then delimits frames on the wire.
 * Overhead: one byte per started block of 254 non-zero bytes.
 */

/** Largest encoded size of `n` input bytes (without the 0x00 delimiter). */
export function cobsMaxEncodedLength(n: number): number {
  return n + Math.ceil(n / 254) + 1
}

/** Encode `data`; the result contains no 0x00 and does not include the trailing delimiter. */
export function cobsEncode(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(cobsMaxEncodedLength(data.length))
  let codeIndex = 0
  let write = 1
  let code = 1
  for (let i = 0; i < data.length; i++) {
    const byte = data[i]
    if (byte !== 0) {
      out[write++] = byte
      code++
    }
    if (byte === 0 || code === 0xff) {
      out[codeIndex] = code
      code = 1
      codeIndex = write
      // A block completed by the last input byte needs no further code byte.
      if (byte === 0 || i < data.length - 1) write++
    }
  }
  // codeIndex === write when a full block ended the data: no code byte is pending then.
  if (codeIndex < write) out[codeIndex] = code
  return out.subarray(0, write)
}

export class CobsDecodeError extends Error {
  override readonly name = 'CobsDecodeError'
}

/** Decode one COBS frame (delimiter removed). Throws CobsDecodeError on a malformed frame. */
export function cobsDecode(encoded: Uint8Array): Uint8Array {
  const out = new Uint8Array(encoded.length)
  let read = 0
  let write = 0
  while (read < encoded.length) {
    const code = encoded[read++]
    if (code === 0) throw new CobsDecodeError(`zero code byte at offset ${read - 1}`)
    const end = read + code - 1
    if (end > encoded.length) throw new CobsDecodeError(`block at offset ${read - 1} runs past the end of the frame`)
    for (; read < end; read++) {
      const byte = encoded[read]
      if (byte === 0) throw new CobsDecodeError(`zero data byte at offset ${read}`)
      out[write++] = byte
    }
    if (code !== 0xff && read < encoded.length) out[write++] = 0
  }
  return out.subarray(0, write)
}
