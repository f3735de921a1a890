/**
 * Operation codes and constants of the board protocol, version 1 (docs/serial-protocol.md).
 * A response carries the request's op with the high bit set and the request's sequence number;
 * event frames carry the sequence number of the request that started the operation.
 */
export const PROTOCOL_VERSION = 1
/** Versions this host can speak (HELLO offers the range; the board picks). */
export const HOST_VERSION_MIN = 1
export const HOST_VERSION_MAX = 1

export const OP = {
  HELLO: 0x01,
  PING: 0x02,
  STATUS: 0x03,
  READ: 0x10,
  READ_BLOCK: 0x11,
  SET: 0x20,
  RESET: 0x21,
  FORM: 0x22,
  SWEEP: 0x30,
  PROGRAM_VERIFY: 0x31,
  ABORT: 0x3f,
  /** Events, board → host. */
  EVT_SWEEP_POINT: 0xc0,
  EVT_SWEEP_END: 0xc1,
  EVT_FAULT: 0xc2,
  /** Response to any request that failed; payload: code, field, message. */
  ERROR: 0xff
} as const

export type OpName = keyof typeof OP

export const RESPONSE_BIT = 0x80
export const responseOp = (op: number): number => op | RESPONSE_BIT

export function isRequestOp(op: number): boolean {
  return op < RESPONSE_BIT
}

export function opName(op: number): string {
  for (const [name, code] of Object.entries(OP)) if (code === op) return name
  if (op >= RESPONSE_BIT && op < OP.EVT_SWEEP_POINT) {
    for (const [name, code] of Object.entries(OP)) if (code === (op & ~RESPONSE_BIT)) return `${name}_RESPONSE`
  }
  return `0x${op.toString(16).padStart(2, '0')}`
}

/** Requests that may be repeated without changing a cell: the only ones the host retries. */
export const IDEMPOTENT_OPS: ReadonlySet<number> = new Set([OP.HELLO, OP.PING, OP.STATUS, OP.READ, OP.READ_BLOCK, OP.ABORT])

/** Operations the board performs out of band, even while a sweep is streaming. */
export const ALWAYS_ANSWERED_OPS: ReadonlySet<number> = new Set([OP.HELLO, OP.PING, OP.STATUS, OP.ABORT])

/** Sweep end status codes in EVT_SWEEP_END. */
export const SWEEP_END_STATUS = ['complete', 'aborted', 'fault'] as const
