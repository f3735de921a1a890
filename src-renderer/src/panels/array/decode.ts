import type { EncodedMap } from '@api/ops/arrays'

export type MapValues = Float32Array | Float64Array | Uint32Array | Uint8Array

/** A map from the API (base64 of little-endian typed values) as a typed array. */
export function decodeMap(m: EncodedMap): MapValues {
  const bin = atob(m.base64)
  const bytes = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
  switch (m.dtype) {
    case 'f32':
      return new Float32Array(bytes.buffer)
    case 'f64':
      return new Float64Array(bytes.buffer)
    case 'u32':
      return new Uint32Array(bytes.buffer)
    default:
      return bytes
  }
}

/** Bytes as base64 (for grey images sent to the API), in chunks to stay under argument limits. */
export function toBase64(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(s)
}
