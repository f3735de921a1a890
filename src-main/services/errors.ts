/**
 * Domain errors the services throw on purpose. dispatch.ts maps each class to an API error code in
 * one table (docs/architecture.md, "Errors"); no service knows the API's envelope.
 */

/** Input that is well-formed JSON but wrong for the workbench: a bad file, an impossible combination. `field` names where. */
export class InputError extends Error {
  override readonly name = 'InputError'
  readonly code = 'invalid-input'
  constructor(
    message: string,
    readonly field?: string
  ) {
    super(message)
  }
}

/** A thing the request names does not exist (a run id, a snapshot, a map). */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError'
  readonly code = 'not-found'
  constructor(
    message: string,
    readonly field?: string
  ) {
    super(message)
  }
}

/** The request is valid but clashes with the lab's state (a job holds the array, a session runs). */
export class ConflictError extends Error {
  override readonly name = 'ConflictError'
  readonly code = 'conflict'
  constructor(
    message: string,
    readonly field?: string
  ) {
    super(message)
  }
}
