/**
 * Finds where things are in a JSON text, so that JSON maze errors can name a line and column:
 * the first syntax error, or the start of the value at a given path. A small scanner, no values built.
 */
export interface TextPosition {
  /** 1-based. */
  line: number
  /** 1-based, in UTF-16 code units. */
  column: number
}

export function positionAt(text: string, offset: number): TextPosition {
  let line = 1
  let lineStart = 0
  const end = Math.min(offset, text.length)
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: end - lineStart + 1 }
}

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string
  ) {
    super(message)
  }
}

const LITERAL = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null/y

class Scanner {
  pos = 0
  constructor(readonly text: string) {}

  ws(): void {
    const t = this.text
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos)
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++
      else break
    }
  }

  fail(message: string): never {
    throw new JsonSyntaxError(this.pos, message)
  }

  expect(ch: string): void {
    this.ws()
    if (this.text[this.pos] !== ch) this.fail(this.pos >= this.text.length ? `expected "${ch}" but the text ended` : `expected "${ch}", found "${this.text[this.pos]}"`)
    this.pos++
  }

  string(): string {
    this.ws()
    if (this.text[this.pos] !== '"') this.fail('expected a string')
    const start = this.pos
    this.pos++
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]
      if (c === '"') {
        this.pos++
        return JSON.parse(this.text.slice(start, this.pos)) as string
      }
      if (c === '\\') this.pos++
      else if (c < ' ') this.fail('control character inside a string')
      this.pos++
    }
    this.pos = start
    return this.fail('unterminated string')
  }

  /** Skips one value; when `path` is non-empty, descends into it and returns the target's offset. */
  value(path: readonly PropertyKey[], depth: number): number {
    this.ws()
    const start = this.pos
    const c = this.text[this.pos]
    if (c === '{') {
      this.pos++
      this.ws()
      if (this.text[this.pos] === '}') {
        this.pos++
        return start
      }
      for (;;) {
        const key = this.string()
        this.expect(':')
        if (depth < path.length && key === String(path[depth])) return this.value(path, depth + 1)
        this.value(path, path.length + 1)
        this.ws()
        if (this.text[this.pos] === ',') this.pos++
        else if (this.text[this.pos] === '}') {
          this.pos++
          return depth < path.length ? -1 - start : start
        } else this.fail('expected "," or "}" in an object')
      }
    }
    if (c === '[') {
      this.pos++
      this.ws()
      if (this.text[this.pos] === ']') {
        this.pos++
        return start
      }
      for (let index = 0; ; index++) {
        if (depth < path.length && index === Number(path[depth])) return this.value(path, depth + 1)
        this.value(path, path.length + 1)
        this.ws()
        if (this.text[this.pos] === ',') this.pos++
        else if (this.text[this.pos] === ']') {
          this.pos++
          return depth < path.length ? -1 - start : start
        } else this.fail('expected "," or "]" in an array')
      }
    }
    if (c === '"') {
      this.string()
      return start
    }
    LITERAL.lastIndex = this.pos
    const m = LITERAL.exec(this.text)
    if (!m) this.fail(this.pos >= this.text.length ? 'the text ended where a value was expected' : `unexpected character "${c}"`)
    this.pos += m[0].length
    return start
  }
}

/** The first JSON syntax error, or null when the text is valid JSON. */
export function findJsonSyntaxError(text: string): (TextPosition & { message: string }) | null {
  const s = new Scanner(text)
  try {
    s.value([], 1)
    s.ws()
    if (s.pos < text.length) s.fail('unexpected text after the JSON value')
    return null
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { ...positionAt(text, e.offset), message: e.message }
    throw e
  }
}

/**
 * Where the value at `path` starts (e.g. ["rows", 3]); when the path does not exist, where its
 * deepest existing container starts. The text must be valid JSON.
 */
export function locateJsonPath(text: string, path: readonly PropertyKey[]): TextPosition {
  const s = new Scanner(text)
  let offset = 0
  try {
    offset = s.value(path, 0)
  } catch {
    offset = 0
  }
  return positionAt(text, offset < 0 ? -1 - offset : offset)
}
