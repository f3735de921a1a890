import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** A fresh temporary folder for one test's database files. */
export function tempDir(prefix = 'rram-store-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}
