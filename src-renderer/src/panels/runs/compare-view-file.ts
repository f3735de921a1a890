import { z } from 'zod'

/**
 * A comparison view shared as a file: which runs, metric, grouping, smoothing, axes and zoom.
 * Run ids are those of the notebook it was saved from; importing it into another notebook keeps
 * the settings and says which runs are missing.
 */
export const COMPARE_VIEW_FORMAT = 'rram-workbench/compare-view'

const viewSchema = z
  .object({
    runIds: z.array(z.number().int().min(1)).max(10_000),
    metric: z.string().max(50).optional(),
    groupBy: z.string().max(300).optional(),
    smoothing: z.number().min(0).max(0.999).optional(),
    showSeeds: z.boolean().optional(),
    yLog: z.boolean().optional(),
    decimation: z.enum(['lttb', 'minmax']).optional(),
    range: z.object({ min: z.number(), max: z.number() }).nullable().optional(),
    criterion: z.number().nullable().optional(),
    includePartial: z.boolean().optional()
  })
  .strip()
export type CompareView = z.infer<typeof viewSchema>

const fileSchema = z.object({
  format: z.literal(COMPARE_VIEW_FORMAT, { message: `not a comparison view file (expected "format": "${COMPARE_VIEW_FORMAT}")` }),
  version: z.literal(1, { message: 'a comparison view file of a newer version' }),
  name: z.string().trim().min(1).max(200),
  view: viewSchema
})

export function toViewFile(name: string, view: CompareView): string {
  return JSON.stringify({ format: COMPARE_VIEW_FORMAT, version: 1, name, savedAt: new Date().toISOString(), view }, null, 1) + '\n'
}

/** The view in a file, or an Error saying in words what is wrong with it. */
export function parseViewFile(text: string): { name: string; view: CompareView } {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new Error('the file is not JSON: export a comparison view with “Export view”')
  }
  const r = fileSchema.safeParse(json)
  if (!r.success) {
    const i = r.error.issues[0]
    throw new Error(i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)
  }
  return { name: r.data.name, view: r.data.view }
}
