import { ZodError, type z } from 'zod'
import { operations, type OperationName } from './contract'
import { handlers, type CallContext } from './handlers'
import { MAX_PAYLOAD_BYTES, type ApiError, type Envelope } from './schemas/envelope'
import { StoreError } from '../services/store'
import { formatIssuePath } from './issue-path'

/** An error a service raises on purpose, with a code that crosses the API unchanged. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ApiError['code'],
    message: string,
    readonly field?: string
  ) {
    super(message)
  }
}

function isOperation(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(operations, name)
}

export function zodToApiError(err: ZodError): ApiError {
  const issue = err.issues[0]
  const field = formatIssuePath(issue.path)
  let message = issue.message
  if (issue.code === 'unrecognized_keys') message = `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`
  return { code: 'invalid-input', message: field ? `${field}: ${message}` : message, ...(field ? { field } : {}) }
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiFailure) return { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) }
  if (err instanceof StoreError) return { code: err.code === 'invalid' ? 'invalid-input' : err.code, message: err.message, ...(err.field ? { field: err.field } : {}) }
  if (err instanceof ZodError) return zodToApiError(err)
  const message = err instanceof Error ? err.message : String(err)
  if (/constraint failed/i.test(message)) return { code: 'invalid-input', message }
  return { code: 'internal', message }
}

/**
 * The single place where input is validated: unknown operation, oversized payload, wrong types and
 * extra fields all come back as `{ ok: false, error }` and reach no service.
 * `inputBytes` is the serialized size when the transport knows it.
 */
export async function dispatch(ctx: CallContext, name: unknown, input: unknown, inputBytes?: number): Promise<Envelope<unknown>> {
  // `name` is untrusted JSON: an object whose toString is not a function makes String() throw.
  if (!isOperation(name))
    return { ok: false, error: { code: 'unknown-operation', message: typeof name === 'string' ? `unknown operation: ${name.slice(0, 100)}` : `op must be an operation name (a string), not ${name === null ? 'null' : Array.isArray(name) ? 'an array' : typeof name}` } }
  const size = inputBytes ?? (input === undefined ? 0 : Buffer.byteLength(JSON.stringify(input) ?? ''))
  if (size > MAX_PAYLOAD_BYTES)
    return { ok: false, error: { code: 'payload-too-large', message: `input of ${name} is ${(size / 1e6).toFixed(1)} MB; the limit is ${MAX_PAYLOAD_BYTES / 1e6} MB` } }
  const parsed = (operations[name].input as z.ZodType).safeParse(input ?? {})
  if (!parsed.success) return { ok: false, error: zodToApiError(parsed.error) }
  try {
    const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown
    const value = await handler(parsed.data, ctx)
    return { ok: true, value }
  } catch (err) {
    return { ok: false, error: toApiError(err) }
  }
}
