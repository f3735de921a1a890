import { describe, expect, it } from 'vitest'
import { originAllowed } from './origin'

describe('originAllowed', () => {
  it('on loopback: only the loopback names at this port, or no Origin at all', () => {
    expect(originAllowed(undefined, '127.0.0.1:5000', '127.0.0.1', 5000)).toBe(true)
    expect(originAllowed('http://127.0.0.1:5000', '127.0.0.1:5000', '127.0.0.1', 5000)).toBe(true)
    expect(originAllowed('http://[::1]:5000', '[::1]:5000', '127.0.0.1', 5000)).toBe(true)
    expect(originAllowed('http://localhost:5001', 'localhost:5000', '127.0.0.1', 5000)).toBe(false)
    // DNS rebinding: another site's name pointed at 127.0.0.1 sends its own Host and Origin.
    expect(originAllowed('http://rebind.example:5000', 'rebind.example:5000', '127.0.0.1', 5000)).toBe(false)
    expect(originAllowed('file://', undefined, '127.0.0.1', 5000)).toBe(false)
    expect(originAllowed('not a url', undefined, '127.0.0.1', 5000)).toBe(false)
  })

  it('bound beyond loopback: the IP the browser used, never a DNS name; extra origins by option', () => {
    expect(originAllowed('http://192.0.2.7:5000', '192.0.2.7:5000', '0.0.0.0', 5000)).toBe(true)
    expect(originAllowed('http://lab-pc.example:5000', 'lab-pc.example:5000', '0.0.0.0', 5000)).toBe(false)
    expect(originAllowed('http://192.0.2.8:5000', '192.0.2.7:5000', '0.0.0.0', 5000)).toBe(false)
    expect(originAllowed('http://lab-pc.example:5000', 'lab-pc.example:5000', '0.0.0.0', 5000, ['http://lab-pc.example:5000'])).toBe(true)
  })
})
