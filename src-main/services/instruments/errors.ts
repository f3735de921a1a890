/**
 * Errors every instrument back end raises, with a stable code the API layer passes on as
 * `{ code, message, field? }`. The numeric values are the error codes of the serial protocol's
 * ERROR frame (docs/serial-protocol.md), so a board's refusal and the host's read the same.
 */
export const INSTRUMENT_ERROR_CODES = {
  BAD_REQUEST: 1,
  LIMIT: 2,
  BUSY: 3,
  UNKNOWN_OP: 4,
  UNSUPPORTED_VERSION: 5,
  BOARD_FAULT: 6,
  PAYLOAD_TOO_LARGE: 7,
  TIMEOUT: 64,
  LINK_LOST: 65,
  NOT_CONNECTED: 66,
  PROTOCOL: 67
} as const

export type InstrumentErrorCode = keyof typeof INSTRUMENT_ERROR_CODES

export class InstrumentError extends Error {
  override readonly name = 'InstrumentError'
  constructor(
    readonly code: InstrumentErrorCode,
    message: string,
    /** The request field at fault, e.g. "iComplianceA". */
    readonly field?: string
  ) {
    super(message)
  }
}

export function errorCodeName(numeric: number): InstrumentErrorCode {
  for (const [name, value] of Object.entries(INSTRUMENT_ERROR_CODES)) if (value === numeric) return name as InstrumentErrorCode
  return 'BOARD_FAULT'
}
