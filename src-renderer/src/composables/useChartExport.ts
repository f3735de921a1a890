import { ref, type Ref } from 'vue'
import { PRINT_SIZES, type PrintSize } from '../components/charts/chart-export'
import { downloadText, downloadUrl } from '../panels/runs/download'

/** What a chart component exposes for export (LineChart.vue). */
export interface ExportableChart {
  toPng(size?: PrintSize): string | null
  toSvg(size?: PrintSize | { title?: string }): string | null
}

/**
 * PNG and SVG export of a chart at a chosen size: as on screen, or a journal figure (3.5×2.5 in,
 * 7×4 in; PNG at 300 dpi, SVG at that physical size). Both carry the same title, both show the
 * x range on screen. `describe` gives the file name (without extension) and the title at the moment of export.
 */
export function useChartExport(chart: Ref<ExportableChart | null>, describe: () => { fileName: string; title: string }) {
  const sizeId = ref('2col')
  const chosen = () => PRINT_SIZES.find((p) => p.id === sizeId.value)?.size

  function exportPng(): void {
    const { fileName, title } = describe()
    const size = chosen()
    // As on screen: the canvas itself (no title); a print is drawn again with its title.
    const url = size ? chart.value?.toPng({ ...size, title }) : chart.value?.toPng()
    if (url) downloadUrl(`${fileName}.png`, url)
  }

  function exportSvg(): void {
    const { fileName, title } = describe()
    const size = chosen()
    const svg = chart.value?.toSvg(size ? { ...size, title } : { title })
    if (svg) downloadText(`${fileName}.svg`, svg, 'image/svg+xml')
  }

  return { sizes: PRINT_SIZES, sizeId, exportPng, exportSvg }
}
