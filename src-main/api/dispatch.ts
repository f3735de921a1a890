import { ZodError, type z } from 'zod'
import { DevicePresetError } from '../../src-core/device/preset-schema'
import { FitInputError } from '../../src-core/device/fit'
import { SpecError } from '../../src-core/experiment/zod-issues'
import { DomainError } from '../services/errors'
import { InstrumentError, type InstrumentErrorCode } from '../services/instruments/errors'
import { SlurmError } from '../services/slurm/slurm-commands'
import { StoreError } from '../services/store/errors'
import { operations, type OperationName } from './contract'
import { handlers, type CallContext } from './handlers'
import { inputTextIssue } from './input-text'
import { formatIssuePath } from './issue-path'
import { MAX_PAYLOAD_BYTES, type ApiError, type ErrorCode, type Envelope } from './schemas/envelope'

function isOperation(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(operations, name)
}

export function zodToApiError(err: ZodError, prefix = ''): ApiError {
  const issue = err.issues[0]
  // An unknown field is named by its own path (`colour`, `spec.agent.colour`).
  const path = issue.code === 'unrecognized_keys' && issue.keys.length > 0 ? [...issue.path, issue.keys[0]] : issue.path
  const inner = formatIssuePath(path)
  const field = prefix && inner ? `${prefix}${inner.startsWith('[') ? '' : '.'}${inner}` : prefix || inner
  let message = issue.message
  if (issue.code === 'unrecognized_keys') message = `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`
  const where = issue.code === 'unrecognized_keys' ? formatIssuePath(issue.path) : field
  return { code: 'invalid-input', message: where ? `${where}: ${message}` : message, ...(field ? { field } : {}) }
}

const INSTRUMENT_CODES: Partial<Record<InstrumentErrorCode, ErrorCode>> = { LIMIT: 'limit', BUSY: 'conflict', BAD_REQUEST: 'invalid-input' }

/**
 * The one table from the services' domain errors to the API's error codes. Every service throws
 * one of these (or a plain Error, which is `internal`); none knows the envelope.
 */
const ERROR_TABLE: { is: (e: unknown) => boolean; code: (e: never) => ErrorCode; field?: (e: never) => string | undefined; message?: (e: never) => string }[] = [
  { is: (e) => e instanceof DomainError, code: (e: DomainError) => e.code, field: (e: DomainError) => e.field },
  { is: (e) => e instanceof StoreError, code: (e: StoreError) => e.code, field: (e: StoreError) => e.field },
  {
    is: (e) => e instanceof InstrumentError,
    code: (e: InstrumentError) => INSTRUMENT_CODES[e.code] ?? 'instrument',
    field: (e: InstrumentError) => e.field,
    message: (e: InstrumentError) => `${e.code}: ${e.message}`
  },
  // A failed sbatch/squeue/scancel: a conflict with the lab's cluster, its one-line stderr, the command as field.
  { is: (e) => e instanceof SlurmError, code: () => 'conflict', field: (e: SlurmError) => e.command },
  { is: (e) => e instanceof SpecError, code: () => 'invalid-input', field: (e: SpecError) => e.field, message: (e: SpecError) => e.issues[0] ?? e.message },
  { is: (e) => e instanceof FitInputError, code: () => 'invalid-input', field: (e: FitInputError) => e.field },
  { is: (e) => e instanceof DevicePresetError, code: () => 'invalid-input', field: (e: DevicePresetError) => e.issues[0]?.field },
  // A core function refusing a value it was handed (a range, a size): the caller's input.
  { is: (e) => e instanceof RangeError && !/call stack/i.test(e.message), code: () => 'invalid-input' }
]

export function toApiError(err: unknown): ApiError {
  if (err instanceof ZodError) return zodToApiError(err)
  for (const row of ERROR_TABLE) {
    if (!row.is(err)) continue
    const e = err as never
    const field = row.field?.(e)
    return { code: row.code(e), message: row.message?.(e) ?? (err as Error).message, ...(field ? { field } : {}) }
  }
  const message = err instanceof Error ? err.message : String(err)
  return { code: 'internal', message }
}

/**
 * The single place where input is validated: unknown operation, oversized payload, wrong types,
 * extra fields, NUL and lone surrogates, too deep nesting all come back as `{ ok: false, error }`
 * and reach no service. `inputBytes` is the serialized size when the transport knows it.
 * Never rejects: every failure is an envelope.
 */
export async function dispatch(ctx: CallContext, name: unknown, input: unknown, inputBytes?: number): Promise<Envelope<unknown>> {
  // `name` is untrusted JSON: an object whose toString is not a function makes String() throw.
  if (!isOperation(name))
    return {
      ok: false,
      error: {
        code: 'unknown-operation',
        message:
          typeof name === 'string'
            ? `unknown operation: ${name.slice(0, 100)}`
            : `op must be an operation name (a string), not ${name === null ? 'null' : Array.isArray(name) ? 'an array' : typeof name}`
      }
    }
  try {
    const size = inputBytes ?? (input === undefined ? 0 : Buffer.byteLength(JSON.stringify(input) ?? ''))
    if (size > MAX_PAYLOAD_BYTES) return { ok: false, error: { code: 'payload-too-large', message: `input of ${name} is ${(size / 1e6).toFixed(1)} MB; the limit is ${MAX_PAYLOAD_BYTES / 1e6} MB` } }
    const text = inputTextIssue(input)
    if (text) return { ok: false, error: { code: 'invalid-input', ...text } }
    const parsed = (operations[name].input as z.ZodType).safeParse(input ?? {})
    if (!parsed.success) return { ok: false, error: zodToApiError(parsed.error) }
    const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown
    const value = await handler(parsed.data, ctx)
    return { ok: true, value }
  } catch (err) {
    return { ok: false, error: toApiError(err) }
  }
}
