import { formatIssuePath } from './issue-path'

/** Keys whose strings are names or labels: no control characters at all (tab and newline included). */
const NAME_KEYS = new Set(['name', 'fileName', 'presetName', 'title', 'tags', 'source'])
/** Deepest nesting an input may have (a run spec is < 10 deep). */
export const MAX_INPUT_DEPTH = 64

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/
// eslint-disable-next-line no-control-regex
const NUL = /\u0000/
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/**
 * Text the notebook cannot store faithfully, anywhere in a parsed input: a NUL (SQLite's length()
 * and C strings end there), a lone UTF-16 surrogate (not UTF-8), control characters in a name; and
 * nesting deeper than MAX_INPUT_DEPTH. Returns the first problem with its field, or null.
 */
export function inputTextIssue(input: unknown): { message: string; field?: string } | null {
  const stack: { value: unknown; path: PropertyKey[]; nameLike: boolean }[] = [{ value: input, path: [], nameLike: false }]
  while (stack.length > 0) {
    const { value, path, nameLike } = stack.pop()!
    const field = formatIssuePath(path)
    if (path.length > MAX_INPUT_DEPTH) return { message: `${field.slice(0, 80)}…: nested deeper than ${MAX_INPUT_DEPTH} levels`, field: formatIssuePath(path.slice(0, 1)) || undefined }
    if (typeof value === 'string') {
      const what = field || 'input'
      if (NUL.test(value)) return { message: `${what}: contains a NUL character`, ...(field ? { field } : {}) }
      if (LONE_SURROGATE.test(value)) return { message: `${what}: contains a lone UTF-16 surrogate (not valid Unicode text)`, ...(field ? { field } : {}) }
      if (nameLike && CONTROL.test(value)) return { message: `${what}: a name may not contain control characters`, ...(field ? { field } : {}) }
    } else if (Array.isArray(value)) {
      for (let k = value.length - 1; k >= 0; k--) stack.push({ value: value[k], path: [...path, k], nameLike })
    } else if (value !== null && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (LONE_SURROGATE.test(key) || NUL.test(key)) return { message: `${field || 'input'}: a key contains a NUL or lone surrogate`, ...(field ? { field } : {}) }
        stack.push({ value: v, path: [...path, key], nameLike: NAME_KEYS.has(key) })
      }
    }
  }
  return null
}
