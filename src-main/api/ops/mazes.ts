import { z } from 'zod'
import { mazeJsonSchema } from '../../../src-core/env/formats/json-maze'
import { scheduleSchema } from '../../../src-core/env/schedule'
import { LIMITS } from '../limits'
import { op } from './op'

/**
 * The maze library: layouts (one grid, in the versioned JSON maze format of docs/maze-formats.md)
 * and schedules (which stored layout and which start cell each trial uses). Coordinates are 0-based,
 * row 0 at the top, as in the files; the panel shows them 1-based.
 */
export const mazeKindSchema = z.enum(['layout', 'schedule'])
export type MazeKind = z.infer<typeof mazeKindSchema>

const mazeName = z.string().trim().min(1, 'a maze needs a name').max(200, 'a maze name has at most 200 characters')
const mazeId = z.number().int().positive()
const cell = z.strictObject({ row: z.number().int().min(0, 'row is 0-based and cannot be negative'), col: z.number().int().min(0, 'col is 0-based and cannot be negative') })

/** A stored schedule: change points by trial, naming stored layouts by their id. */
export const MAZE_SCHEDULE_FORMAT = 'rram-workbench.schedule'
export const storedScheduleSchema = z.strictObject({
  format: z.literal(MAZE_SCHEDULE_FORMAT),
  version: z.literal(1),
  /** Trials of the protocol (Bianchi 2023 hardware: 180). */
  trialCount: z.number().int().min(1, 'a schedule needs at least one trial').max(1_000_000),
  layouts: z.array(z.strictObject({ fromTrial: z.number().int().min(1, 'trials are numbered from 1'), mazeId })).min(1, 'a schedule needs at least one layout'),
  starts: z.array(z.strictObject({ fromTrial: z.number().int().min(1, 'trials are numbered from 1'), start: cell })).min(1, 'a schedule needs at least one start')
})
export type StoredSchedule = z.infer<typeof storedScheduleSchema>

/** One library entry as lists show it. */
export const mazeSummarySchema = z.object({
  id: mazeId,
  name: z.string(),
  kind: mazeKindSchema,
  width: z.number().int().nullable().describe('cells (layouts only)'),
  height: z.number().int().nullable().describe('cells (layouts only)'),
  source: z.string().describe('where it came from: drawn, imported <file>, generated <how>, copy of <built-in>'),
  notes: z.string(),
  /** Layouts: ids of the schedules using it. Schedules: ids of the layouts it uses. */
  links: z.array(z.number().int()),
  createdAt: z.string().describe('ISO 8601, UTC'),
  updatedAt: z.string().describe('ISO 8601, UTC')
})
export type MazeSummary = z.infer<typeof mazeSummarySchema>

export const mazeDocumentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('layout'), summary: mazeSummarySchema, maze: mazeJsonSchema }),
  z.object({ kind: z.literal('schedule'), summary: mazeSummarySchema, schedule: storedScheduleSchema })
])
export type MazeDocument = z.infer<typeof mazeDocumentSchema>

/** File formats of import and export; the first four are text, the PNG travels as base64. */
export const MAZE_FILE_FORMATS = ['text', 'json', 'matrix-csv', 'elevation-csv', 'elevation-png'] as const
export const mazeFileFormatSchema = z.enum(MAZE_FILE_FORMATS)
export type MazeFileFormat = z.infer<typeof mazeFileFormatSchema>

/** How an elevation grid becomes a terrain (src-core/env/terrain.ts); each has a documented default. */
export const terrainImportSchema = z.strictObject({
  metresPerPixel: z.number().positive('metresPerPixel must be > 0 m').max(1e6).optional(),
  maxSlopeDeg: z.number().gt(0, 'maxSlopeDeg must be > 0°').max(90, 'maxSlopeDeg must be ≤ 90°').optional(),
  penaltyPerSlopeDeg: z.number().min(0, 'penaltyPerSlopeDeg must be ≥ 0 points per degree').optional(),
  /** PNG only: elevation span in metres from the darkest to the brightest grey level. */
  pngReliefM: z.number().positive('pngReliefM must be > 0 m').max(1e5).optional()
})
export type TerrainImportOptions = z.infer<typeof terrainImportSchema>

const warningSchema = z.object({ line: z.number().int().optional(), column: z.number().int().optional(), message: z.string() })

export const mazesOps = {
  'mazes.list': op(z.strictObject({ kind: mazeKindSchema.optional() }), z.array(mazeSummarySchema)),
  'mazes.get': op(z.strictObject({ id: mazeId }), mazeDocumentSchema),
  /** Save a layout: a new one without `id`, or replace the grid of layout `id`. */
  'mazes.saveLayout': op(
    z.strictObject({ id: mazeId.optional(), name: mazeName, maze: mazeJsonSchema, source: z.string().trim().min(1).max(200).optional(), notes: z.string().max(100_000).optional() }),
    mazeSummarySchema
  ),
  /** Save a schedule: a new one without `id`, or replace schedule `id`. Every layout must exist. */
  'mazes.saveSchedule': op(z.strictObject({ id: mazeId.optional(), name: mazeName, schedule: storedScheduleSchema, notes: z.string().max(100_000).optional() }), mazeSummarySchema),
  'mazes.rename': op(z.strictObject({ id: mazeId, name: mazeName }), mazeSummarySchema),
  'mazes.duplicate': op(z.strictObject({ id: mazeId, name: mazeName.optional() }), mazeSummarySchema),
  'mazes.delete': op(z.strictObject({ id: mazeId }), z.object({ deleted: z.number().int() })),
  /**
   * Read a maze file. Nothing is stored unless `save` is true and the whole file is valid.
   * Text formats come as `text`; a PNG as `base64`.
   */
  'mazes.import': op(
    z
      .strictObject({
        fileName: z.string().min(1, 'fileName is needed to tell the format').max(500),
        text: z
          .string()
          .max(LIMITS.importBytesMax, `the file is larger than ${LIMITS.importBytesMax / 1e6} MB`)
          .optional(),
        base64: z
          .string()
          .max(Math.ceil((LIMITS.importBytesMax * 4) / 3), `the image is larger than ${LIMITS.importBytesMax / 1e6} MB`)
          .optional(),
        format: mazeFileFormatSchema.optional(),
        name: mazeName.optional(),
        terrain: terrainImportSchema.optional(),
        /** Start cells for an authors' matrix that marks none (0-based). */
        starts: z.array(cell).max(64).optional(),
        save: z.boolean().default(false)
      })
      .refine((v) => (v.text === undefined) !== (v.base64 === undefined), { message: 'give exactly one of text (text files) or base64 (PNG)', path: ['text'] }),
    z.object({ format: mazeFileFormatSchema, name: z.string(), maze: mazeJsonSchema, warnings: z.array(warningSchema), saved: mazeSummarySchema.nullable() })
  ),
  /** Write a stored layout (`id`) or an unsaved grid (`maze`) in a file format. */
  'mazes.export': op(
    z
      .strictObject({ id: mazeId.optional(), maze: mazeJsonSchema.optional(), format: mazeFileFormatSchema })
      .refine((v) => (v.id === undefined) !== (v.maze === undefined), { message: 'give exactly one of id (a stored layout) or maze (an unsaved grid)', path: ['id'] }),
    z.object({ fileName: z.string(), mimeType: z.string(), encoding: z.enum(['utf8', 'base64']), content: z.string() })
  ),
  /** Copy a built-in environment (src-core BUILTIN_ENVIRONMENTS) into the library: its layouts, and a schedule when it has one. */
  'mazes.copyBuiltin': op(z.strictObject({ key: z.string().min(1).max(100), name: mazeName.optional() }), z.object({ layouts: z.array(mazeSummarySchema), schedule: mazeSummarySchema.nullable() })),
  /**
   * Everything a run needs from a stored layout or schedule: the grids by layout id and the core
   * schedule (layout ids are the stored ids as strings). A layout alone runs from its first start.
   */
  'mazes.resolve': op(
    z.strictObject({ id: mazeId }),
    z.object({ id: mazeId, name: z.string(), trialCount: z.number().int().nullable(), layouts: z.record(z.string(), mazeJsonSchema), schedule: scheduleSchema })
  )
}

export const mazesEvents = {
  /** The library changed (any window): lists reload. */
  'mazes.changed': z.object({ id: z.number().int(), action: z.enum(['created', 'updated', 'renamed', 'deleted']) })
}
