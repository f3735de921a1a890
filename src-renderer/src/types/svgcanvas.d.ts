/** The part of svgcanvas 2 (a canvas-2D context that records SVG; no types shipped) the chart export uses. */
declare module 'svgcanvas' {
  export interface ContextOptions {
    width?: number
    height?: number
    /** The document that creates the SVG elements (default: the global one). */
    document?: Document
    /** A real 2D context to measure text with (default: one of a new canvas). */
    ctx?: CanvasRenderingContext2D
  }
  export class Context {
    constructor(options?: ContextOptions)
    width: number
    height: number
    /** The recorded drawing, serialized; `fixNamedEntities` turns named entities into numeric ones. */
    getSerializedSvg(fixNamedEntities?: boolean): string
    /** The root `<svg>` element. */
    getSvg(): SVGSVGElement
  }
}
