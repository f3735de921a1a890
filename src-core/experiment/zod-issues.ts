import type { z } from 'zod'

/** A zod issue path as a reader writes it: `agent.homeostasis.icLadderUA[2]`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out ? `.${String(key)}` : String(key)
  }
  return out
}

/** One line per issue: `agent.homeostasis.icLadderUA[2]: expected µA > 0`. `prefix` is prepended to every path. */
export function formatZodIssues(error: z.ZodError, prefix = ''): string[] {
  return error.issues.map((issue) => {
    const inner = formatIssuePath(issue.path)
    const path = prefix && inner ? `${prefix}${inner.startsWith('[') ? '' : '.'}${inner}` : prefix || inner || '(root)'
    const message = issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}` : issue.message
    return `${path}: ${message}`
  })
}

/** Bad spec input: `issues` holds one formatted line per problem; `field` is the first problem's path. */
export class SpecError extends Error {
  constructor(
    readonly issues: string[],
    readonly field: string
  ) {
    super(issues.join('\n'))
    this.name = 'SpecError'
  }
}

/** Parse with a schema or throw a SpecError naming every offending path. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.output<S> {
  const r = schema.safeParse(input)
  if (r.success) return r.data
  const first = r.error.issues[0]
  const inner = formatIssuePath(first.path)
  throw new SpecError(formatZodIssues(r.error, prefix), prefix && inner ? `${prefix}.${inner}` : prefix || inner)
}
