import { InstrumentError } from '../errors'
import type { ScpiTransport } from './transport'

/** A query ended by abort() (Stop): not an instrument fault. */
export class ScpiAborted extends Error {
  override readonly name = 'ScpiAborted'
  constructor(readonly command: string) {
    super(`"${command}" was aborted`)
  }
}

export interface ScpiSessionOptions {
  /** Longest wait for a query's answer, ms (default 2000); a query may ask for more. */
  timeoutMs?: number
  /** Line terminator sent after each command (default "\n"; the 2400's RS-232 menu also allows CR). */
  terminator?: '\n' | '\r' | '\r\n'
  /** Called with every line sent and received (diagnostics, tests). */
  trace?: (direction: 'out' | 'in', line: string) => void
}

interface Waiter {
  command: string
  accept?: (line: string) => boolean
  resolve(line: string): void
  reject(e: Error): void
  timer: NodeJS.Timeout
}

/** Largest answer line accepted (a 2,500-point list answer with 3 elements is ≈ 110 kB). */
const MAX_LINE_CHARS = 4_000_000

/**
 * One SCPI conversation over any transport: commands and queries run one at a time in call order;
 * a query waits for one answer line within its timeout; after a timeout the session re-aligns on
 * `*OPC?` before the next query, so a late answer is never taken for the next one's. `abort()`
 * sends `:ABOR` at once (ahead of the queue) and fails the query in flight. A lost link fails
 * everything pending with LINK_LOST.
 */
export class ScpiSession {
  private buffer = ''
  private waiter: Waiter | null = null
  private tail: Promise<unknown> = Promise.resolve()
  private desynced = false
  /** Bumped by abort(): commands queued before it and not yet sent are dropped. */
  private abortEpoch = 0
  private lostReason: string | null = null
  /** Lines that arrived with no query waiting (late answers, garbage). */
  unexpectedLines = 0
  readonly timeoutMs: number
  private readonly terminator: string

  constructor(
    readonly transport: ScpiTransport,
    private readonly options: ScpiSessionOptions = {}
  ) {
    this.timeoutMs = options.timeoutMs ?? 2000
    this.terminator = options.terminator ?? '\n'
    transport.on('data', (chunk) => this.onData(chunk))
    transport.on('lost', (reason) => this.onLost(reason))
  }

  get lost(): string | null {
    return this.lostReason
  }

  /** Send commands (joined with ';' is the caller's choice); resolves when handed to the transport. */
  write(command: string): Promise<void> {
    return this.enqueue(command, () => this.send(command))
  }

  /**
   * Send a query and resolve with its answer line (trimmed). `label` names it in errors (default:
   * the command itself; a long list line is better named by its last query).
   */
  query(command: string, timeoutMs = this.timeoutMs, label = command): Promise<string> {
    return this.enqueue(label, async () => {
      if (this.desynced) await this.realign()
      return this.ask(command, timeoutMs, undefined, label)
    })
  }

  /** `*IDN?`: "maker,model,serial,firmware". */
  idn(): Promise<string> {
    return this.query('*IDN?')
  }

  /** `*OPC?`: resolves once every command sent before it has completed. */
  async opc(timeoutMs = this.timeoutMs): Promise<void> {
    const a = await this.query('*OPC?', timeoutMs)
    if (a !== '1' && a !== '+1') throw new InstrumentError('PROTOCOL', `*OPC?: expected 1, got "${clip(a)}"`)
  }

  /**
   * Read the error queue (`:SYST:ERR?`) until it says 0; throws naming the command group and the
   * first error if there was any (the whole queue is drained either way).
   */
  async drainErrors(group: string): Promise<void> {
    const errors: string[] = []
    for (let k = 0; k < 32; k++) {
      const a = await this.query(':SYST:ERR?')
      const m = /^([+-]?\d+)\s*,\s*"?(.*?)"?$/.exec(a)
      if (!m) throw new InstrumentError('PROTOCOL', `:SYST:ERR? after ${group}: expected 'code,"message"', got "${clip(a)}"`)
      if (Number(m[1]) === 0) break
      errors.push(`${Number(m[1])} ${m[2]}`)
    }
    if (errors.length) {
      const more = errors.length > 1 ? ` (+${errors.length - 1} more)` : ''
      throw new InstrumentError('BOARD_FAULT', `${group}: the instrument reported SCPI error ${errors[0]}${more}`)
    }
  }

  /** `:ABOR` ahead of anything queued; the query in flight (if any) fails with ScpiAborted. */
  async abort(): Promise<void> {
    this.abortEpoch++
    const w = this.waiter
    if (w) {
      this.waiter = null
      clearTimeout(w.timer)
      this.desynced = true
      w.reject(new ScpiAborted(w.command))
    }
    await this.send(':ABOR')
  }

  close(): Promise<void> {
    this.onLost('the session was closed', true)
    return this.transport.close()
  }

  private enqueue<T>(label: string, body: () => Promise<T>): Promise<T> {
    const epoch = this.abortEpoch
    const run = this.tail
      .catch(() => undefined)
      .then(() => {
        if (epoch !== this.abortEpoch) throw new ScpiAborted(label)
        return body()
      })
    this.tail = run
    return run
  }

  private async send(command: string): Promise<void> {
    if (this.lostReason) throw new InstrumentError('LINK_LOST', `cannot send "${command}": ${this.lostReason}`)
    this.options.trace?.('out', command)
    await this.transport.write(command + this.terminator)
  }

  private async ask(command: string, timeoutMs: number, accept?: (line: string) => boolean, label = command): Promise<string> {
    if (this.lostReason) throw new InstrumentError('LINK_LOST', `cannot send "${command}": ${this.lostReason}`)
    const answer = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.waiter?.timer !== timer) return
        this.waiter = null
        this.desynced = true
        reject(new InstrumentError('TIMEOUT', `${label}: no answer within ${timeoutMs} ms`))
      }, timeoutMs)
      this.waiter = { command: label, accept, resolve, reject, timer }
    })
    await this.send(command)
    if (this.transport.pull) void this.transport.pull()
    return answer
  }

  /** After a timeout or an abort: drop late lines until `*OPC?` answers. */
  private async realign(): Promise<void> {
    this.buffer = ''
    await this.ask('*OPC?', this.timeoutMs, (l) => l === '1' || l === '+1')
    this.desynced = false
  }

  private onData(chunk: string): void {
    this.buffer += chunk
    if (this.buffer.length > MAX_LINE_CHARS) {
      this.buffer = ''
      this.fail(new InstrumentError('PROTOCOL', `${this.waiter?.command ?? 'input'}: an answer longer than ${MAX_LINE_CHARS} characters without a line end (garbage on the line?)`))
      return
    }
    let nl: number
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl).replace(/\r$/, '').trim()
      this.buffer = this.buffer.slice(nl + 1)
      this.options.trace?.('in', line)
      const w = this.waiter
      if (!w || (w.accept && !w.accept(line))) {
        this.unexpectedLines++
        continue
      }
      this.waiter = null
      clearTimeout(w.timer)
      w.resolve(line)
    }
  }

  private fail(e: Error): void {
    const w = this.waiter
    if (!w) return
    this.waiter = null
    clearTimeout(w.timer)
    this.desynced = true
    w.reject(e)
  }

  private onLost(reason: string, quiet = false): void {
    if (this.lostReason) return
    this.lostReason = reason
    const w = this.waiter
    if (w && !quiet) this.fail(new InstrumentError('LINK_LOST', `${w.command}: ${reason}`))
    else if (w) this.fail(new InstrumentError('NOT_CONNECTED', `${w.command}: ${reason}`))
  }
}

export const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n)}…` : s).replace(/[^\x20-\x7e]/g, '?')
