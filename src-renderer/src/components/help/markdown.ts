/**
 * Just enough Markdown for the docs pages shown in the help drawer: headings, paragraphs, lists,
 * fenced code, tables (kept as aligned text), `code`, **bold** and [links](…) as text. Everything is
 * HTML-escaped first; the docs are this repository's own files.
 */
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

function inline(s: string): string {
  return escape(s)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
}

export function markdownToHtml(md: string): string {
  const out: string[] = []
  const lines = md.replace(/\r\n/g, '\n').split('\n')
  let para: string[] = []
  const flush = () => {
    if (para.length) out.push(`<p>${inline(para.join(' '))}</p>`)
    para = []
  }
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]
    if (line.startsWith('```')) {
      flush()
      const code: string[] = []
      for (k++; k < lines.length && !lines[k].startsWith('```'); k++) code.push(lines[k])
      out.push(`<pre><code>${escape(code.join('\n'))}</code></pre>`)
    } else if (/^#{1,4} /.test(line)) {
      flush()
      const level = Math.min(4, line.indexOf(' '))
      out.push(`<h${level}>${inline(line.replace(/^#+ /, ''))}</h${level}>`)
    } else if (/^\s*\|/.test(line)) {
      flush()
      const rows: string[][] = []
      for (; k < lines.length && /^\s*\|/.test(lines[k]); k++)
        if (!/^\s*\|[\s:|-]+\|\s*$/.test(lines[k]))
          rows.push(
            lines[k]
              .trim()
              .replace(/^\||\|$/g, '')
              .split('|')
              .map((c) => c.trim())
          )
      k--
      const [head, ...body] = rows
      out.push(
        `<table><thead><tr>${head.map((c) => `<th>${inline(c)}</th>`).join('')}</tr></thead><tbody>${body.map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`
      )
    } else if (/^\s*([-*]|\d+\.) /.test(line)) {
      flush()
      const items: string[] = []
      for (; k < lines.length && /^\s*([-*]|\d+\.) /.test(lines[k]); k++) {
        let item = lines[k].replace(/^\s*([-*]|\d+\.) /, '')
        while (k + 1 < lines.length && /^\s{2,}\S/.test(lines[k + 1]) && !/^\s*([-*]|\d+\.) /.test(lines[k + 1])) item += ' ' + lines[++k].trim()
        items.push(`<li>${inline(item)}</li>`)
      }
      k--
      out.push(`<ul>${items.join('')}</ul>`)
    } else if (line.trim() === '') flush()
    else para.push(line.trim())
  }
  flush()
  return out.join('\n')
}
