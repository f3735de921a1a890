import { toBase64 } from './decode'

/**
 * An image file as grey levels (0…255, luminance), scaled down to fit rows×cols with its aspect
 * kept (never scaled up): what the API's image target takes.
 */
export async function imageToGray(file: Blob, rows: number, cols: number): Promise<{ width: number; height: number; grayBase64: string }> {
  const bmp = await createImageBitmap(file)
  const s = Math.min(1, cols / bmp.width, rows / bmp.height)
  const width = Math.max(1, Math.round(bmp.width * s))
  const height = Math.max(1, Math.round(bmp.height * s))
  const c = document.createElement('canvas')
  c.width = width
  c.height = height
  const ctx = c.getContext('2d')!
  ctx.drawImage(bmp, 0, 0, width, height)
  const rgba = ctx.getImageData(0, 0, width, height).data
  const gray = new Uint8Array(width * height)
  // Rec. 601 luma.
  for (let k = 0; k < gray.length; k++) gray[k] = Math.round(0.299 * rgba[4 * k] + 0.587 * rgba[4 * k + 1] + 0.114 * rgba[4 * k + 2])
  bmp.close()
  return { width, height, grayBase64: toBase64(gray) }
}
