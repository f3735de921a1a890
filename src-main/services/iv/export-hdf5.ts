import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Group } from 'h5wasm/node'
import type { Hdf5Attribute, Hdf5Column, Hdf5Session } from './hdf5-layout'

type H5wasm = (typeof import('h5wasm/node'))['default']

let loading: Promise<H5wasm> | null = null

/**
 * h5wasm, loaded once. It is ESM only and our main process is bundled as CommonJS, hence the
 * dynamic import (kept external by the build: its WebAssembly ships inside the package).
 */
export function loadH5wasm(): Promise<H5wasm> {
  loading ??= import('h5wasm/node')
    .then(async (m) => {
      await m.default.ready
      return m.default
    })
    .catch((e: unknown) => {
      loading = null
      throw e
    })
  return loading
}

// h5wasm dtype strings (numpy-like): little-endian float64, int32, uint32, uint8; `S<n>` fixed strings.
const DTYPE = { float64: '<d', int32: '<i', uint32: '<I', uint8: '<B' } as const

/**
 * The session as the bytes of an HDF5 file. h5wasm writes to a real path, so the file goes to a
 * fresh temporary folder, is read back and the folder removed, whatever happens (nothing is left
 * behind on an error, and nothing half-written is returned).
 */
export async function writeHdf5(session: Hdf5Session): Promise<Buffer> {
  const h5 = await loadH5wasm()
  const dir = mkdtempSync(join(tmpdir(), 'rram-iv-h5-'))
  try {
    const path = join(dir, 'session.h5')
    // track_order: datasets and attributes list in the order written (the CSV's column order).
    const file = new h5.File(path, 'w', { track_order: true })
    try {
      writeAttributes(file, session.attributes)
      for (const g of session.groups) {
        // h5wasm only prints HDF5's refusals (a name used twice), so the writer checks names itself.
        if (file.get(g.name)) throw new Error(`HDF5 export: group /${g.name} written twice`)
        const group = file.create_group(g.name, true)
        writeAttributes(group, g.attributes)
        for (const c of g.columns) writeColumn(group, c)
      }
    } finally {
      file.close()
    }
    return readFileSync(path)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function writeAttributes(target: Group, attributes: Hdf5Attribute[]): void {
  for (const a of attributes) {
    if (target.attrs[a.name]) throw new Error(`HDF5 export: attribute ${a.name} of ${target.path} written twice`)
    if ('kind' in a) target.create_attribute(a.name, a.value, null, DTYPE[a.kind])
    else target.create_attribute(a.name, a.value)
  }
}

function writeColumn(group: Group, c: Hdf5Column): void {
  if (group.get(c.name)) throw new Error(`HDF5 export: dataset ${group.path}/${c.name} written twice`)
  const n = c.data.length
  const dataset =
    c.kind === 'string'
      ? group.create_dataset({ name: c.name, data: c.data, shape: [n], dtype: `S${c.width}`, track_order: true })
      : group.create_dataset({ name: c.name, data: c.data, shape: [n], dtype: DTYPE[c.kind], track_order: true })
  dataset.create_attribute('unit', c.unit)
  dataset.create_attribute('description', c.description)
}
