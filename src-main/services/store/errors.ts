/** Codes the store raises (input errors are services/errors.ts's InputError); they cross the API unchanged in `{ ok: false, error: { code } }`. */
export type StoreErrorCode = 'not-sqlite' | 'schema-too-new' | 'corrupt' | 'not-found' | 'conflict'

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly field?: string
  ) {
    super(message)
    this.name = 'StoreError'
  }
}
