import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { InstrumentError } from '../errors'
import { ScpiAborted, ScpiSession } from './scpi-session'
import type { ScpiTransport, TransportEvents } from './transport'

/** A scripted instrument: answers each line sent with what `reply` returns (undefined: silence). */
class FakeTransport extends EventEmitter<TransportEvents> implements ScpiTransport {
  readonly describe = 'fake'
  readonly sent: string[] = []
  constructor(private readonly reply: (line: string) => string | undefined) {
    super()
  }
  async write(text: string): Promise<void> {
    for (const line of text.split('\n').filter(Boolean)) {
      this.sent.push(line)
      const a = this.reply(line)
      if (a !== undefined) setTimeout(() => this.emit('data', a), 1)
    }
  }
  async close(): Promise<void> {}
}

describe('ScpiSession', () => {
  it('answers queries in the order they were asked, each with its own line', async () => {
    const t = new FakeTransport((l) => (l === '*IDN?' ? 'ACME,MODEL 1,0,1\r\n' : l === '*OPC?' ? '1\n' : undefined))
    const s = new ScpiSession(t)
    const [idn] = await Promise.all([s.idn(), s.write(':OUTP OFF'), s.opc()])
    expect(idn).toBe('ACME,MODEL 1,0,1')
    expect(t.sent).toEqual(['*IDN?', ':OUTP OFF', '*OPC?'])
  })

  it('assembles an answer that arrives in pieces', async () => {
    const t = new FakeTransport(() => undefined)
    const s = new ScpiSession(t)
    const q = s.query(':READ?')
    await new Promise((r) => setTimeout(r, 2))
    t.emit('data', '+1.0E+00,')
    t.emit('data', '+2.0E-06\n')
    await expect(q).resolves.toBe('+1.0E+00,+2.0E-06')
  })

  it('times out naming the command, then re-aligns on *OPC? so a late answer is not taken for the next query', async () => {
    let late = ''
    const t = new FakeTransport((l) => {
      if (l === ':READ?') return undefined
      if (l === '*OPC?') return `${late}1\n`
      return 'FRESH\n'
    })
    const s = new ScpiSession(t, { timeoutMs: 30 })
    const e = await s.query(':READ?').catch((x: unknown) => x)
    expect(e).toBeInstanceOf(InstrumentError)
    expect((e as InstrumentError).code).toBe('TIMEOUT')
    expect((e as InstrumentError).message).toBe(':READ?: no answer within 30 ms')
    late = '+1.0E+00,+2.0E-06\n' // the READ? answer turns up late, before the *OPC? one
    await expect(s.query(':SOUR:VOLT?')).resolves.toBe('FRESH')
    expect(t.sent).toEqual([':READ?', '*OPC?', ':SOUR:VOLT?'])
    expect(s.unexpectedLines).toBe(1)
  })

  it('drains the whole error queue and reports the first error with the command group', async () => {
    const queue = ['-113,"Undefined header"', '-222,"Data out of range"', '0,"No error"']
    const t = new FakeTransport((l) => (l === ':SYST:ERR?' ? `${queue.shift()}\n` : undefined))
    const s = new ScpiSession(t)
    await expect(s.drainErrors('loading the list')).rejects.toThrow('loading the list: the instrument reported SCPI error -113 Undefined header (+1 more)')
    expect(t.sent.filter((l) => l === ':SYST:ERR?')).toHaveLength(3)
    queue.push('+0,"No error"')
    await expect(s.drainErrors('again')).resolves.toBeUndefined()
  })

  it('refuses a garbage answer to :SYST:ERR? naming the command', async () => {
    const t = new FakeTransport(() => '\u008f#@!x\n')
    const s = new ScpiSession(t)
    await expect(s.drainErrors('configuring')).rejects.toThrow(/^:SYST:ERR\? after configuring: expected 'code,"message"', got "\?#@!x"$/)
  })

  it('abort() sends :ABOR ahead of the queue and fails the query in flight', async () => {
    const t = new FakeTransport((l) => (l === '*OPC?' ? '1\n' : undefined))
    const s = new ScpiSession(t, { timeoutMs: 5000 })
    const q = s.query(':READ?')
    await new Promise((r) => setTimeout(r, 2))
    const t0 = performance.now()
    await s.abort()
    await expect(q).rejects.toBeInstanceOf(ScpiAborted)
    expect(performance.now() - t0).toBeLessThan(100)
    expect(t.sent).toEqual([':READ?', ':ABOR'])
    await s.opc()
  })

  it('a lost link fails the query in flight and every later one with LINK_LOST', async () => {
    const t = new FakeTransport(() => undefined)
    const s = new ScpiSession(t, { timeoutMs: 5000 })
    const q = s.query(':READ?')
    await new Promise((r) => setTimeout(r, 2))
    t.emit('lost', 'socket closed by the instrument')
    await expect(q).rejects.toThrow(':READ?: socket closed by the instrument')
    await expect(s.write(':OUTP OFF')).rejects.toMatchObject({ code: 'LINK_LOST' })
  })
})
