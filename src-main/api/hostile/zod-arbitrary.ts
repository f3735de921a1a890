import fc from 'fast-check'
import type { z } from 'zod'

type Def = { type: string; [k: string]: unknown }
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def

/**
 * A fast-check arbitrary of plausible inputs for a zod schema, from its definition (zod 4's
 * `_zod.def`): the right shapes and types, values near the usual ranges. Hostile mutations are
 * applied on top (hostile-input.spec.ts). Unknown kinds give any JSON value.
 */
export function arbitraryFor(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema)
  if (depth > 12) return fc.constant(null)
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>
      const keys = Object.keys(shape)
      const required = keys.filter((k) => !['optional', 'default'].includes(defOf(shape[k]).type))
      return fc.record(Object.fromEntries(keys.map((k) => [k, arbitraryFor(shape[k], depth + 1)])), { requiredKeys: required })
    }
    case 'string':
      return fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('a', 'maze-1', 'x.csv', '/dev/ttyS0', 'V,I\n0,0\n1,1e-6\n0,0\n'))
    case 'number':
      return fc.oneof(fc.integer({ min: -3, max: 40 }), fc.double({ min: -5, max: 5, noNaN: true }), fc.constantFrom(1, 0.1, 1e-6, 150e-6))
    case 'boolean':
      return fc.boolean()
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>))
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]))
    case 'array':
      return fc.array(arbitraryFor(def.element as z.ZodType, depth + 1), { maxLength: 4 })
    case 'tuple':
      return fc.tuple(...(def.items as z.ZodType[]).map((t) => arbitraryFor(t, depth + 1)))
    case 'optional':
      return fc.option(arbitraryFor(def.innerType as z.ZodType, depth + 1), { nil: undefined })
    case 'nullable':
      return fc.option(arbitraryFor(def.innerType as z.ZodType, depth + 1), { nil: null })
    case 'default':
    case 'prefault':
      return arbitraryFor(def.innerType as z.ZodType, depth + 1)
    case 'union':
      return fc.oneof(...(def.options as z.ZodType[]).map((o) => arbitraryFor(o, depth + 1)))
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 8 }), arbitraryFor(def.valueType as z.ZodType, depth + 1), { maxKeys: 3 })
    case 'pipe':
      return arbitraryFor(def.in as z.ZodType, depth + 1)
    default:
      return fc.jsonValue({ maxDepth: 3 })
  }
}

/** Every path to a value inside a JSON-like input (objects and arrays), root first. */
export function pathsOf(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix)
  if (Array.isArray(value)) value.forEach((v, k) => pathsOf(v, [...prefix, k], out))
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out)
  return out
}

/** A copy of `value` with the value at `path` replaced (the root when path is empty). */
export function replaceAt(value: unknown, path: (string | number)[], by: unknown): unknown {
  if (path.length === 0) return by
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }) as Record<string | number, unknown>
  copy[path[0]] = replaceAt(copy[path[0]], path.slice(1), by)
  return copy
}

/**
 * Arrays nested `depth` deep, as a marker: JSON.stringify (and fast-check's printer) recurse, so the
 * test writes the text itself (`toJsonText`); the host parses it as any client's message.
 */
export class Deep {
  constructor(readonly depth: number) {}
  toJSON(): string {
    return `\u0000deep:${this.depth}\u0000`
  }
  [fc.toStringMethod](): string {
    return `[…${this.depth} levels…]`
  }
}

/** JSON text of a value, with every Deep marker written out as nested arrays. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0000deep:(\d+)\\u0000"/g, (_, n: string) => '['.repeat(Number(n)) + '0' + ']'.repeat(Number(n)))
}

export type Mutation = { kind: string; path: (string | number)[]; value: unknown }

/** Hostile replacement values: wrong types, huge and tiny numbers, NUL, lone surrogates, deep nesting. */
export const hostileValue: fc.Arbitrary<{ kind: string; value: unknown }> = fc.oneof(
  fc.constantFrom(
    { kind: 'huge', value: 1e308 },
    { kind: 'huge', value: -1e308 },
    { kind: 'huge', value: 2 ** 53 + 1 },
    { kind: 'tiny', value: 5e-324 },
    { kind: 'nul', value: 'a\u0000b' },
    { kind: 'nul', value: '\u0000' },
    { kind: 'surrogate', value: 'x\ud800y' },
    { kind: 'surrogate', value: '\udfff' },
    { kind: 'control', value: 'tab\there\u001b[31m' },
    { kind: 'deep', value: new Deep(100_000) },
    { kind: 'long', value: 'x'.repeat(200_000) },
    { kind: 'proto', value: JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"x": 1}}}') }
  ),
  fc.jsonValue({ maxDepth: 2 }).map((value) => ({ kind: 'wrong-type', value })),
  fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 })).map((value) => ({ kind: 'wrong-type', value }))
)
