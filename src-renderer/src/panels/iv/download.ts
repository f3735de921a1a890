/** Hand a file to the browser (or Electron) as a download, under its own name. */
export function download(content: BlobPart, type: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** The bytes of a file that crossed the API as base64. */
export function bytesOfBase64(base64: string): Uint8Array<ArrayBuffer> {
  const s = atob(base64)
  const out = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i)
  return out
}
