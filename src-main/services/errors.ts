/**
 * Domain errors the services throw on purpose. dispatch.ts maps them to API error codes in one table
 * (docs/architecture.md, "Errors"); no service knows the API's envelope.
 */

/** A refusal the caller can act on: its API code, and `field` naming where in the input, when one applies. */
export abstract class DomainError extends Error {
  abstract readonly code: 'invalid-input' | 'not-found' | 'conflict'
  constructor(
    message: string,
    readonly field?: string
  ) {
    super(message)
  }
}

/** Input that is well-formed JSON but wrong for the workbench: a bad file, an impossible combination. */
export class InputError extends DomainError {
  override readonly name = 'InputError'
  readonly code = 'invalid-input'
}

/** A thing the request names does not exist (a run id, a snapshot, a map). */
export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError'
  readonly code = 'not-found'
}

/** The request is valid but clashes with the lab's state (a job holds the array, a session runs). */
export class ConflictError extends DomainError {
  override readonly name = 'ConflictError'
  readonly code = 'conflict'
}
