import { describe, expect, it } from 'vitest'
import { markdownToHtml } from './markdown'

describe('help drawer markdown', () => {
  it('renders headings, lists, tables and code, and escapes HTML', () => {
    const html = markdownToHtml('# Runs\n\nSee `runs.md` <b>now</b>.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nx < y\n```')
    expect(html).toContain('<h1>Runs</h1>')
    expect(html).toContain('<p>See <code>runs.md</code> &lt;b&gt;now&lt;/b&gt;.</p>')
    expect(html).toContain('<ul><li>one</li><li>two</li></ul>')
    expect(html).toContain('<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>')
    expect(html).toContain('<pre><code>x &lt; y</code></pre>')
  })
})
