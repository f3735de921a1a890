import type { EncodedMap } from '../../api/ops/arrays'

type Typed = Float64Array | Float32Array | Uint32Array | Uint8Array

/** Bytes of a typed array (little-endian on every platform we run on), without copying. */
export function bytesOf(a: Typed): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength)
}

/** A fresh, aligned copy of a BLOB as a typed array. */
export function fromBytes<T extends Typed>(data: Uint8Array, make: (buf: ArrayBuffer) => T): T {
  const copy = new Uint8Array(data.byteLength)
  copy.set(data)
  return make(copy.buffer)
}

/** A map for the API: f64 maps travel as f32 (half the bytes; 7 significant digits is beyond any read). */
export function encodeMap(rows: number, cols: number, a: Typed): EncodedMap {
  if (a instanceof Float64Array) return { rows, cols, dtype: 'f32', base64: bytesOf(Float32Array.from(a)).toString('base64') }
  const dtype = a instanceof Float32Array ? 'f32' : a instanceof Uint32Array ? 'u32' : 'u8'
  return { rows, cols, dtype, base64: bytesOf(a).toString('base64') }
}
