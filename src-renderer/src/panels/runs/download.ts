/** Save text as a file through the browser (works in the desktop app and on the lab host). */
export function downloadText(fileName: string, text: string, mimeType: string): void {
  downloadUrl(fileName, URL.createObjectURL(new Blob([text], { type: mimeType })))
}

export function downloadUrl(fileName: string, url: string): void {
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  if (url.startsWith('blob:')) setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
