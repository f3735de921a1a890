// Operations of the presets domain: add each as 'domain.verb': op(inputSchema, outputSchema), and its
// name to names/presets.ts; events go in presetsEvents (payload schemas) and names/presets.ts.
export const presetsOps = {}
export const presetsEvents = {}
