import { z } from 'zod'

/** Error codes that cross every transport. */
export const errorCodeSchema = z.enum([
  'invalid-input',
  'unknown-operation',
  'payload-too-large',
  'not-found',
  'conflict',
  'not-sqlite',
  'schema-too-new',
  'corrupt',
  'instrument',
  'limit',
  'unauthorized',
  'internal'
])
export type ErrorCode = z.infer<typeof errorCodeSchema>

export const apiErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  field: z.string().optional()
})
export type ApiError = z.infer<typeof apiErrorSchema>

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError }

/** The largest input an operation accepts, serialized (10 MB). */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024
